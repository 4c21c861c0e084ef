/**
 * Alerting rules generated from the configuration: budgets that page and a counting pipeline that says
 * when it stops counting. Every spend number is read from the recording rules' increments (`counters.ts`),
 * the same exact numbers the dashboards show, over rolling windows (the last 24 h, the last hour). The
 * pipeline alerts watch what the numbers depend on: the rules running (their heartbeat), their
 * evaluations failing or being skipped (a skipped evaluation loses its interval), the collector's scrape.
 * `npm run build:dashboards` writes them beside the recording rules.
 */
import { stringify } from 'yaml';
import type { Config } from './config.js';
import { configMatchers, identityLabel, unfiltered } from './context.js';
import { incrementsSelector, reportedIncrease } from './counters.js';
import { RULES_LOADED_SERIES } from './fallback.js';
import { sumByIdentity } from './library/common.js';
import { metricName } from './naming.js';
import { absent, and, div, eq, equal, greaterThan, increase, mul, num, offset, orZero, range, re, selector, sum, sumOverTime } from './promql/builders.js';
import { duration } from './promql/macros.js';
import { assertParses } from './promql/parse.js';
import { render } from './promql/render.js';
import type { InstantVector } from './promql/types.js';
import { RULE_GROUP_NAME } from './rules.js';

/** File name of the generated alerting rules. */
export const ALERTS_FILE_NAME = 'claude-code-dashboards.alerts.yml';

/** Alert group name. */
export const ALERT_GROUP_NAME = 'claude-code-dashboards-alerts';

/** One alerting rule as Prometheus reads it. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: 'warning' | 'critical'; readonly component: 'claude-code' };
  readonly annotations: Readonly<Record<string, string>>;
}

interface AlertSpec {
  readonly alert: string;
  readonly expr: InstantVector;
  readonly for: string;
  readonly severity: 'warning' | 'critical';
  readonly summary: string;
  readonly description: string;
  /** What to do, for the `runbook` annotation (and the anchor of `runbook_url` when configured). */
  readonly runbook: string;
}

const usd = (n: number): string => `${n} USD`;

/** Cost per series over the last `window` (`1d`, `1h`), optionally ending `ago` back. */
function costOver(config: Config, window: string, ago?: string): InstantVector {
  const cost = selector(metricName(config.naming, 'cost', config.metricPrefix), configMatchers(config));
  if (ago === undefined) return reportedIncrease(cost, duration(window));
  return sumOverTime(offset(range(incrementsSelector(cost), duration(window)), duration(ago)));
}

function budgetAlerts(config: Config): AlertSpec[] {
  const { dailyBudgetUsd: org, userDailyBudgetUsd: user } = config.thresholds;
  const day = sum(costOver(config, '1d'));
  const runbook = 'Open the overview for the last 24 hours and sort the user table by cost; raise thresholds.dailyBudgetUsd if the spend is expected.';
  return [
    { alert: 'ClaudeCodeDailySpendHigh', expr: greaterThan(day, num(0.8 * org)), for: '5m', severity: 'warning', summary: 'Claude Code spend in the last 24 hours passed 80 % of the daily budget', description: `Spend in the last 24 hours is {{ $value | printf "%.2f" }} USD; the daily budget is ${usd(org)}.`, runbook },
    { alert: 'ClaudeCodeDailyBudgetExceeded', expr: greaterThan(day, num(org)), for: '5m', severity: 'critical', summary: 'Claude Code spend in the last 24 hours is over the daily budget', description: `Spend in the last 24 hours is {{ $value | printf "%.2f" }} USD, over the daily budget of ${usd(org)}.`, runbook },
    {
      alert: 'ClaudeCodeUserDailyBudgetExceeded',
      expr: greaterThan(sumByIdentity(unfiltered(config), costOver(config, '1d')), num(user)),
      for: '5m',
      severity: 'warning',
      summary: 'A Claude Code user spent more than the per-user daily budget in the last 24 hours',
      description: `{{ index $labels "${identityLabel(unfiltered(config))}" }} spent {{ $value | printf "%.2f" }} USD in the last 24 hours; the per-user budget is ${usd(user)}.`,
      runbook: 'Open the user dashboard for this user: look at cost by model and the sessions; raise thresholds.userDailyBudgetUsd if expected.',
    },
  ];
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
  const group = re('rule_group', `.*;${RULE_GROUP_NAME}`);
  const counterOf = (name: string): InstantVector => greaterThan(increase(range(selector(name, [group]), duration('10m'))), num(0));
  const counting = 'The dashboards fall back to an approximation and say so in their Counting line.';
  return [
    { alert: 'ClaudeCodeRecordingRulesNotRunning', expr: absent(selector(RULES_LOADED_SERIES)), for: '5m', severity: 'critical', summary: 'The Claude Code recording rules are not being evaluated', description: `No ${RULES_LOADED_SERIES} sample in the last 5 minutes. ${counting}`, runbook: 'Load provisioning/prometheus/rules/claude-code-dashboards.rules.yml (rule_files, or the ruler), reload Prometheus, and check /rules for errors.' },
    { alert: 'ClaudeCodeRuleEvaluationsFailing', expr: counterOf('prometheus_rule_evaluation_failures_total'), for: '0m', severity: 'critical', summary: 'Claude Code recording rules fail to evaluate', description: 'prometheus_rule_evaluation_failures_total of the rule group grew in the last 10 minutes: the increments of those evaluations are missing.', runbook: 'Open Prometheus /rules for the error (often a naming scheme that does not match the metrics, or a duplicate series); fix the configuration and rebuild.' },
    { alert: 'ClaudeCodeRuleEvaluationsMissed', expr: counterOf('prometheus_rule_group_iterations_missed_total'), for: '0m', severity: 'critical', summary: 'Claude Code rule evaluations are being skipped', description: 'The rule group overran its interval and Prometheus skipped evaluations: what was reported in those intervals is not counted.', runbook: 'The group is too slow for this Prometheus (see prometheus_rule_group_last_duration_seconds): give it more CPU, use Prometheus 3, or raise scrapeInterval.' },
    { alert: 'ClaudeCodeCollectorScrapeFailing', expr: equal(selector('up', [eq('job', config.alerts.collectorJob)]), num(0)), for: '5m', severity: 'critical', summary: 'Prometheus cannot scrape the OpenTelemetry Collector', description: `up{job="${config.alerts.collectorJob}"} is 0: no Claude Code metrics arrive. Gaps longer than the rules' look-back are counted again when the collector kept its totals.`, runbook: 'Check the collector (npm run stack:status in the stack) and its prometheus exporter port; alerts.collectorJob must name the scrape job.' },
  ];
}

/** The alert specs of a configuration, in file order. */
function specs(config: Config): AlertSpec[] {
  return [...budgetAlerts(config), spikeAlert(config), ...pipelineAlerts(config)];
}

/** The alerting rules for a configuration; every expression is checked with Prometheus' grammar. */
export function alertRules(config: Config): { groups: { name: string; interval: string; rules: AlertRule[] }[] } {
  const dashboard = `${config.alerts.grafanaUrl.replace(/\/$/, '')}/d/${config.grafana.uidPrefix}-overview`;
  const rules = specs(config).map((s): AlertRule => {
    const expr = render(s.expr);
    assertParses(expr, `Alert ${s.alert}`);
    const annotations: Record<string, string> = { summary: s.summary, description: s.description, runbook: s.runbook, dashboard };
    if (config.alerts.runbookUrl) annotations['runbook_url'] = `${config.alerts.runbookUrl}#${s.alert.toLowerCase()}`;
    return { alert: s.alert, expr, for: s.for, labels: { severity: s.severity, component: 'claude-code' }, annotations };
  });
  return { groups: [{ name: ALERT_GROUP_NAME, interval: '1m', rules }] };
}

/** The alerting rules file as YAML, with a header saying where it comes from. */
export function alertsYaml(config: Config): string {
  return [
    '# Generated by `npm run build:dashboards` (claude-code-dashboards). Do not edit: change the configuration',
    '# (thresholds.dailyBudgetUsd, thresholds.userDailyBudgetUsd, alerts.*). Reads the recording rules of',
    `# claude-code-dashboards.rules.yml: load both files into the same Prometheus (or ruler namespace).`,
    stringify(alertRules(config), { lineWidth: 0 }),
  ].join('\n');
}
