/**
 * Alerting rules generated from the configuration: budgets that page (alerts/budgets.ts: calendar day and
 * month in a time zone, organisation, users and teams, warning and critical), a spend spike, the health of
 * use and telemetry (alerts/health.ts), and a counting pipeline that says when it stops counting. Every
 * spend number is read from the recording rules' increments (`counters.ts`), the same exact numbers the
 * dashboards show; the calendar sums read a rollup of two more recording rules, written into the
 * alerts file (alerts/rollup.ts). The pipeline alerts watch what the numbers depend on: the rules running (their
 * heartbeat), their evaluations failing or being skipped (a skipped evaluation loses its interval), the
 * collector's scrape. `npm run build:dashboards` writes them beside the recording rules.
 */
import { stringify } from 'yaml';
import type { Config } from './config.js';
import { configMatchers, identityLabel, unfiltered } from './context.js';
import { incrementsSelector, reportedIncrease } from './counters.js';
import { RULES_LOADED_SERIES } from './fallback.js';
import { metricName } from './naming.js';
import { absent, and, div, eq, equal, greaterThan, increase, mul, num, offset, orZero, range, re, selector, sum, sumOverTime, vector } from './promql/builders.js';
import { duration } from './promql/macros.js';
import { assertParses } from './promql/parse.js';
import { render } from './promql/render.js';
import type { InstantVector } from './promql/types.js';
import { EVENT_RULE_GROUP_NAME, RULE_GROUP_NAME } from './rules.js';
import { escapeRegex } from './promql/escape.js';
import { budgetAlerts } from './alerts/budgets.js';
import { CALENDAR_YEARS, OFFSET_RULE, offsetScalar, recordedCalendar, zoneOffsets, type LocalCalendar, type ZoneOffsets } from './alerts/calendar.js';
import { CALENDAR_RULE, calendarRuleExpr, DAY_TOTALS_INTERVAL, DAY_TOTALS_RULE, dayTotalsRuleExpr } from './alerts/rollup.js';
import { healthAlerts } from './alerts/health.js';
import { usd, type AlertDashboard, type AlertSpec, type Severity } from './alerts/spec.js';

/** File name of the generated alerting rules. */
export const ALERTS_FILE_NAME = 'claude-code-dashboards.alerts.yml';

/** Alert group name. */
export const ALERT_GROUP_NAME = 'claude-code-dashboards-alerts';

/** One alerting rule as Prometheus reads it. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: Severity; readonly component: 'claude-code' } & Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The groups of the calendar rollup (alerts/rollup.ts), in the alerts file: at the scrape interval, and hourly. */
export const CALENDAR_GROUP_NAME = 'claude-code-dashboards-calendar';
export const DAY_TOTALS_GROUP_NAME = 'claude-code-dashboards-calendar-days';

/** Where `runbook_url` points when `alerts.runbookUrl` is not set: this repository's alert docs. */
export const DEFAULT_RUNBOOK = 'docs/alerts.md';

/** Cost per series over the last `window` (`1d`, `1h`), optionally ending `ago` back. */
function costOver(config: Config, window: string, ago?: string): InstantVector {
  const cost = selector(metricName(config.naming, 'cost', config.metricPrefix), configMatchers(config));
  if (ago === undefined) return reportedIncrease(cost, duration(window));
  return sumOverTime(offset(range(incrementsSelector(cost), duration(window)), duration(ago)));
}

function spikeAlert(config: Config): AlertSpec {
  const { spikeFactor, spikeFloorUsd } = config.alerts;
  const lastHour = sum(costOver(config, '1h'));
  // No spend before the last hour (a new team or deployment) is a baseline of 0, not no baseline.
  const baseline = div(orZero(sum(costOver(config, '1d', '1h'))), num(24));
  return {
    alert: 'ClaudeCodeSpendSpike',
    expr: and(greaterThan(lastHour, mul(num(spikeFactor), baseline)), greaterThan(lastHour, num(spikeFloorUsd))),
    for: '10m',
    severity: 'warning',
    summary: 'Claude Code spend in the last hour is far above its recent hourly mean',
    description: `Spend in the last hour is {{ $value | printf "%.2f" }} USD: more than ${spikeFactor} times the hourly mean of the 24 hours before it, and over ${usd(spikeFloorUsd)}.`,
    runbook: 'Open the overview for the last 6 hours: cost per hour by model and by user shows who and what; a runaway agent loop shows as one session.',
  };
}

function pipelineAlerts(config: Config): AlertSpec[] {
  // Every group this project generates: the counting rules, the event rules and the budgets' calendar rollup.
  const ours = [RULE_GROUP_NAME, EVENT_RULE_GROUP_NAME, CALENDAR_GROUP_NAME, DAY_TOTALS_GROUP_NAME];
  const group = re('rule_group', `.*;(${ours.map(escapeRegex).join('|')})`);
  const counterOf = (name: string): InstantVector => greaterThan(increase(range(selector(name, [group]), duration('10m'))), num(0));
  const counting = 'The dashboards fall back to an approximation and say so in their Counting line.';
  return [
    { alert: 'ClaudeCodeRecordingRulesNotRunning', expr: absent(selector(RULES_LOADED_SERIES)), for: '5m', severity: 'critical', summary: 'The Claude Code recording rules are not being evaluated', description: `No ${RULES_LOADED_SERIES} sample in the last 5 minutes. ${counting}`, runbook: 'Load provisioning/prometheus/rules/claude-code-dashboards.rules.yml (rule_files, or the ruler), reload Prometheus, and check /rules for errors.' },
    { alert: 'ClaudeCodeBudgetRulesNotRunning', expr: absent(selector(OFFSET_RULE)), for: '15m', severity: 'critical', summary: 'The Claude Code budget rollup rules are not being evaluated', description: `No ${OFFSET_RULE} sample: the calendar groups (${CALENDAR_GROUP_NAME}, ${DAY_TOTALS_GROUP_NAME}) are not loaded, so no daily or monthly budget alert can fire.`, runbook: 'Load every group of provisioning/prometheus/rules/claude-code-dashboards.alerts.yml (not only the alerts group), reload Prometheus, and check /rules for errors.' },
    { alert: 'ClaudeCodeRuleEvaluationsFailing', expr: counterOf('prometheus_rule_evaluation_failures_total'), for: '0m', severity: 'critical', summary: 'Claude Code recording rules fail to evaluate', description: 'prometheus_rule_evaluation_failures_total of the rule group grew in the last 10 minutes: the increments of those evaluations are missing.', runbook: 'Open Prometheus /rules for the error (often a naming scheme that does not match the metrics, or a duplicate series); fix the configuration and rebuild.' },
    { alert: 'ClaudeCodeRuleEvaluationsMissed', expr: counterOf('prometheus_rule_group_iterations_missed_total'), for: '0m', severity: 'critical', summary: 'Claude Code rule evaluations are being skipped', description: 'The rule group overran its interval and Prometheus skipped evaluations: what was reported in those intervals is not counted.', runbook: 'The group is too slow for this Prometheus (see prometheus_rule_group_last_duration_seconds): give it more CPU, use Prometheus 3, or raise scrapeInterval.' },
    { alert: 'ClaudeCodeCollectorScrapeFailing', expr: equal(selector('up', [eq('job', config.alerts.collectorJob)]), num(0)), for: '5m', severity: 'critical', summary: 'Prometheus cannot scrape the OpenTelemetry Collector', description: `up{job="${config.alerts.collectorJob}"} is 0: no Claude Code metrics arrive. Gaps longer than the rules' look-back are counted again when the collector kept its totals.`, runbook: 'Check the collector (npm run stack:status in the stack) and its prometheus exporter port; alerts.collectorJob must name the scrape job.' },
  ];
}

/** The alert specs of a configuration, in file order. */
function specs(config: Config, calendar: LocalCalendar): AlertSpec[] {
  return [...budgetAlerts(config, calendar), spikeAlert(config), ...healthAlerts(config, calendar), ...pipelineAlerts(config)];
}

/** The link of an alert's dashboard; the user dashboard filtered to the alert's identity. */
function dashboardLink(config: Config, which: AlertDashboard = 'overview'): string {
  const base = `${config.alerts.grafanaUrl.replace(/\/$/, '')}/d/${config.grafana.uidPrefix}-${which}`;
  if (which !== 'user') return base;
  return `${base}?var-user={{ index $labels "${identityLabel(unfiltered(config))}" | urlquery }}`;
}

function toRule(config: Config, s: AlertSpec): AlertRule {
  const expr = render(s.expr);
  assertParses(expr, `Alert ${s.alert}`);
  const annotations: Record<string, string> = {
    summary: s.summary,
    description: s.description,
    runbook: s.runbook,
    runbook_url: `${config.alerts.runbookUrl ?? DEFAULT_RUNBOOK}#${s.alert.toLowerCase()}`,
    dashboard: dashboardLink(config, s.dashboard),
  };
  return { alert: s.alert, expr, for: s.for, labels: { severity: s.severity, component: 'claude-code', ...s.labels }, annotations };
}

/** A recording rule as Prometheus reads it. */
export interface RecordRule {
  readonly record: string;
  readonly expr: string;
}

/** The rules file of the alerts: the alerting rules, and the calendar rollup's two recording groups they read. */
export interface AlertsFile {
  readonly groups: readonly [
    { readonly name: string; readonly interval: string; readonly rules: AlertRule[] },
    { readonly name: string; readonly interval: string; readonly rules: RecordRule[] },
    { readonly name: string; readonly interval: string; readonly rules: RecordRule[] },
  ];
}

function recordRule(record: string, e: InstantVector): RecordRule {
  const text = render(e);
  assertParses(text, `Recording rule ${record}`);
  return { record, expr: text };
}

/**
 * The alerting rules for a configuration; every expression is checked with Prometheus' grammar.
 * @param offsets - the time zone's offsets; from `alerts.timeZone` unless given (tests of a transition)
 */
export function alertRules(config: Config, offsets: ZoneOffsets = zoneOffsets(config.alerts.timeZone)): AlertsFile {
  const calendar = recordedCalendar();
  const rules = specs(config, calendar).map((s) => toRule(config, s));
  const offsetRule = recordRule(OFFSET_RULE, vector(offsetScalar(offsets)));
  return {
    groups: [
      { name: ALERT_GROUP_NAME, interval: '1m', rules },
      { name: CALENDAR_GROUP_NAME, interval: config.scrapeInterval, rules: [offsetRule, recordRule(CALENDAR_RULE, calendarRuleExpr(config, calendar))] },
      { name: DAY_TOTALS_GROUP_NAME, interval: DAY_TOTALS_INTERVAL, rules: [recordRule(DAY_TOTALS_RULE, dayTotalsRuleExpr(calendar))] },
    ],
  };
}

/** The alerting rules file as YAML, with a header saying where it comes from. */
export function alertsYaml(config: Config, offsets?: ZoneOffsets): string {
  return [
    '# Generated by `npm run build:dashboards` (claude-code-dashboards). Do not edit: change the configuration',
    '# (thresholds.dailyBudgetUsd, thresholds.userDailyBudgetUsd, alerts.*). Reads the recording rules of',
    `# claude-code-dashboards.rules.yml: load both files into the same Prometheus (or ruler namespace).`,
    `# Calendar days and months in ${config.alerts.timeZone}, offsets from ${CALENDAR_YEARS.from} to ${CALENDAR_YEARS.to} (queries/alerts/calendar.ts).`,
    stringify(alertRules(config, offsets), { lineWidth: 0 }),
  ].join('\n');
}
