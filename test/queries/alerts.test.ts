/**
 * The generated alerting rules: accepted by promtool, and firing exactly when they should with the
 * recording rules evaluated in the real engine (promtool test rules, both Prometheus majors), including a
 * session whose first export already carries most of its cost (what `increase()` would miss) and a
 * counter reset. Expected annotations are the generated ones with promtool's template expansion.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { alertRules, alertsYaml, resolveConfig, rulesYaml, type AlertRule } from '../../queries/index.js';
import { engineOrSkip } from '../accuracy/engine-check.js';
import { expand } from './alert-harness.js';

const config = resolveConfig({});
const RULES = alertRules(config).groups[0]!.rules;
const byName = (name: string): AlertRule => RULES.find((r) => r.alert === name)!;
const COST = 'claude_code_cost_usage_USD_total';

/** The alert as promtool reports it firing: its labels plus `extra`, annotations with `$value` filled in. */
function firing(name: string, value: number, extra: Record<string, string> = {}): { exp_labels: Record<string, string>; exp_annotations: Record<string, string> } {
  const rule = byName(name);
  const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, expand(v, value, extra)]));
  return { exp_labels: { ...rule.labels, ...extra }, exp_annotations: annotations };
}

/** A promtool test: `series` every `interval`, each alert (or those in `only`) checked at `at` against `expected`. */
function testFile(files: string[], series: Record<string, string>, at: string, expected: Record<string, ReturnType<typeof firing>[]>, interval = '15s', only?: readonly string[]): string {
  return stringify({
    rule_files: files,
    evaluation_interval: '15s',
    tests: [
      {
        interval,
        input_series: Object.entries(series).map(([s, values]) => ({ series: s, values })),
        alert_rule_test: RULES.filter((r) => !only || only.includes(r.alert)).map((r) => ({ eval_time: at, alertname: r.alert, exp_alerts: expected[r.alert] ?? [] })),
      },
    ],
  });
}

const HEARTBEAT = { up: '1+0x400' };

/** The generated rules file with only the cost increments rule and the heartbeat in its group. */
function costRulesOnly(text: string): string {
  const doc = parse(text) as { groups: { name: string; rules: { record?: string }[] }[] };
  const keep = new Set(['claude_code:cost_usd:reported_increments', 'claude_code:rules:loaded']);
  const groups = doc.groups.map((g) => ({ ...g, rules: g.rules.filter((r) => keep.has(r.record ?? '')) })).filter((g) => g.rules.length > 0);
  expect(groups.flatMap((g) => g.rules.map((r) => r.record)).sort()).toEqual([...keep].sort());
  return stringify({ ...doc, groups });
}

describe('alerting rules', () => {
  it('are generated from the configuration, each with severity, summary, description, runbook and dashboard', () => {
    const budgets = ['', 'User'].flatMap((s) => ['Daily', 'Monthly'].flatMap((p) => [`ClaudeCode${s}${p}SpendHigh`, `ClaudeCode${s}${p}BudgetExceeded`]));
    expect(RULES.map((r) => r.alert)).toEqual([
      ...budgets,
      'ClaudeCodeSpendSpike',
      'ClaudeCodeCacheHitRateDrop',
      'ClaudeCodeApiErrorRateHigh',
      'ClaudeCodeApiLatencyHigh',
      'ClaudeCodeTelemetryAbsent',
      'ClaudeCodeUserTelemetryStopped',
      'ClaudeCodeCounterResetsStorm',
      'ClaudeCodeRecordingRulesNotRunning',
      'ClaudeCodeBudgetRulesNotRunning',
      'ClaudeCodeRuleEvaluationsFailing',
      'ClaudeCodeRuleEvaluationsMissed',
      'ClaudeCodeCollectorScrapeFailing',
    ]);
    for (const r of RULES) expect(Object.keys(r.annotations).sort(), r.alert).toEqual(['dashboard', 'description', 'runbook', 'runbook_url', 'summary']);
    expect(alertRules(resolveConfig({ alerts: { eventMetrics: false } })).groups[0].rules.some((r) => r.alert.startsWith('ClaudeCodeApi'))).toBe(false);
    const custom = alertRules(resolveConfig({ thresholds: { dailyBudgetUsd: 500 }, alerts: { runbookUrl: 'https://wiki.example.com/claude' } })).groups[0]!.rules;
    expect(custom[1]!.expr).toMatch(/> 500$/);
    expect(custom[0]!.annotations['runbook_url']).toBe('https://wiki.example.com/claude#claudecodedailyspendhigh');
    expect(() => resolveConfig({ alerts: { grafanaUrl: 'localhost:3000' } })).toThrow(/alerts\.grafanaUrl/);
  });

  it('every runbook_url points at a section of docs/alerts.md (the team alerts too)', () => {
    const doc = readFileSync(new URL('../../docs/alerts.md', import.meta.url), 'utf8');
    // GitHub's anchor of a heading: lower case, spaces to "-", punctuation dropped.
    const anchors = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')));
    const all = alertRules(resolveConfig({ teamLabels: ['team.id'] })).groups[0].rules;
    for (const r of all) expect(anchors.has(r.annotations['runbook_url']!.split('#')[1]!), r.alert).toBe(true);
  });

  for (const major of [2, 3] as const) {
    const { engine, skip, fail } = engineOrSkip(major);
    describe.skipIf(skip !== undefined)(`in Prometheus ${major}.x`, () => {
      const dir = mkdtempSync(join(tmpdir(), `ccd-alerts${major}-`));
      writeFileSync(join(dir, 'rules.yml'), rulesYaml(config));
      writeFileSync(join(dir, 'alerts.yml'), alertsYaml(config));
      // The day-long spike cases evaluate every rule at every 15 s step for 26 hours; they read only the cost
      // rule (and the heartbeat), so they load only those: the same generated rules, the rest left out.
      writeFileSync(join(dir, 'cost-rules.yml'), costRulesOnly(rulesYaml(config)));
      // ... and only the spike alert (it reads no calendar rollup).
      const [alerts] = alertRules(config).groups;
      writeFileSync(join(dir, 'spike-alerts.yml'), stringify({ groups: [{ ...alerts, rules: alerts.rules.filter((r) => r.alert === 'ClaudeCodeSpendSpike') }] }));
      const promtool = (file: string, text: string): string => {
        if (fail) throw new Error(fail);
        writeFileSync(join(dir, file), text);
        return execFileSync(engine!.promtool, ['test', 'rules', join(dir, file)], { encoding: 'utf8', stdio: 'pipe' });
      };

      it('promtool accepts them', () => {
        if (fail) throw new Error(fail);
        expect(execFileSync(engine!.promtool, ['check', 'rules', join(dir, 'alerts.yml')], { encoding: 'utf8' })).toContain(`SUCCESS: ${RULES.length + 3} rules found`);
      });

      it('budgets: 85 USD in one session whose first export carried 30 fire the 80 % warning and the per-user budget (critical), not the 100 USD one', () => {
        // First export 30 USD, then +1 USD per scrape for 55 scrapes: 85 USD reported (increase() sees about 55).
        const series = { [`${COST}{session_id="s1", user_email="ann@example.com", user_id="u1"}`]: '30+1x55 85x300', 'up{job="otel-collector"}': HEARTBEAT.up };
        const out = promtool('budget.yml', testFile(['rules.yml', 'alerts.yml'], series, '30m', {
          ClaudeCodeDailySpendHigh: [firing('ClaudeCodeDailySpendHigh', 85)],
          ClaudeCodeUserDailyBudgetExceeded: [firing('ClaudeCodeUserDailyBudgetExceeded', 85, { user_email: 'ann@example.com' })],
          ClaudeCodeSpendSpike: [firing('ClaudeCodeSpendSpike', 85)],
        }));
        expect(out).toContain('SUCCESS');
      });

      it('a counter reset adds both lives: 60 + 50 USD exceed the 100 USD budget (critical only: the warning holds between the levels)', () => {
        const series = { [`${COST}{session_id="s2", user_email="bo@example.com", user_id="u2"}`]: '10+10x5 0+10x5 50x300', 'up{job="otel-collector"}': HEARTBEAT.up };
        const out = promtool('reset.yml', testFile(['rules.yml', 'alerts.yml'], series, '30m', {
          ClaudeCodeDailyBudgetExceeded: [firing('ClaudeCodeDailyBudgetExceeded', 110)],
          ClaudeCodeUserDailyBudgetExceeded: [firing('ClaudeCodeUserDailyBudgetExceeded', 110, { user_email: 'bo@example.com' })],
          ClaudeCodeSpendSpike: [firing('ClaudeCodeSpendSpike', 110)],
        }));
        expect(out).toContain('SUCCESS');
      });

      it('quiet: 6 USD in an hour, a user without email under budget, and the spike floor keeps a quiet team from paging', () => {
        const series = { [`${COST}{session_id="s3", user_id="u3"}`]: '0+0.1x60 6x300', 'up{job="otel-collector"}': HEARTBEAT.up };
        expect(promtool('quiet.yml', testFile(['rules.yml', 'alerts.yml'], series, '40m', {}))).toContain('SUCCESS');
      });

      it('spike: a steady 20 USD an hour for a day is over the floor but no spike; such an hour after a quiet day is one', () => {
        // Scraped every minute: 1/3 USD a minute for 26 hours, then the last hour against a 24-hour baseline.
        const steady = { [`${COST}{session_id="s4", user_email="cy@example.com", user_id="u4"}`]: '0+0.3333333333x1560' };
        expect(promtool('steady.yml', testFile(['cost-rules.yml', 'spike-alerts.yml'], steady, '26h', {}, '1m', ['ClaudeCodeSpendSpike']))).toContain('SUCCESS');
        // 25 idle hours, then the same rate from 25h10m to 26h (16.67 USD): baseline 0, over the floor since 25h40m.
        // Read at 26h05m, with every increment of the burst well inside the hour.
        const burst = { [`${COST}{session_id="s5", user_email="di@example.com", user_id="u5"}`]: '_x1509 0+0.3333333333x50' };
        const out = promtool('burst.yml', testFile(['cost-rules.yml', 'spike-alerts.yml'], burst, '26h5m', { ClaudeCodeSpendSpike: [firing('ClaudeCodeSpendSpike', 16.67)] }, '1m', ['ClaudeCodeSpendSpike']));
        expect(out).toContain('SUCCESS');
      });

      it('pipeline: rules not loaded, evaluations missed or failing, collector scrape failing', () => {
        const group = 'rule_group="/etc/prometheus/rules/claude-code-dashboards.rules.yml;claude-code-dashboards"';
        const series = {
          [`prometheus_rule_group_iterations_missed_total{${group}}`]: '0x40 1x40',
          [`prometheus_rule_evaluation_failures_total{${group}}`]: '0x80',
          'up{job="otel-collector"}': '1x20 0x60',
        };
        // Only the alerts file: the heartbeat never appears.
        const out = promtool('pipeline.yml', testFile(['alerts.yml'], series, '15m', {
          ClaudeCodeRecordingRulesNotRunning: [firing('ClaudeCodeRecordingRulesNotRunning', 1)],
          ClaudeCodeRuleEvaluationsMissed: [{ ...firing('ClaudeCodeRuleEvaluationsMissed', 1), exp_labels: { ...byName('ClaudeCodeRuleEvaluationsMissed').labels, rule_group: group.slice('rule_group="'.length, -1) } }],
          ClaudeCodeCollectorScrapeFailing: [{ ...firing('ClaudeCodeCollectorScrapeFailing', 0), exp_labels: { ...byName('ClaudeCodeCollectorScrapeFailing').labels, job: 'otel-collector' } }],
        }));
        expect(out).toContain('SUCCESS');
      });

      it('pipeline: the budget rollup not loaded pages; loaded, it stays quiet', () => {
        const name = 'ClaudeCodeBudgetRulesNotRunning';
        const [group, ...calendar] = alertRules(config).groups;
        const only = { ...group, rules: group.rules.filter((r) => r.alert === name) };
        writeFileSync(join(dir, 'budget-up-alone.yml'), stringify({ groups: [only] }));
        writeFileSync(join(dir, 'budget-up-rollup.yml'), stringify({ groups: [only, ...calendar] }));
        const series = { 'up{job="otel-collector"}': '1x100' };
        const alone = testFile(['budget-up-alone.yml'], series, '20m', { [name]: [firing(name, 1)] }, '15s', [name]);
        expect(promtool('budget-up-alone-test.yml', alone)).toContain('SUCCESS');
        // Loaded, the offset is recorded at every evaluation; 14 minutes without it must not page either.
        const loaded = testFile(['budget-up-rollup.yml'], series, '20m', {}, '15s', [name]);
        expect(promtool('budget-up-rollup-test.yml', loaded)).toContain('SUCCESS');
        const early = testFile(['budget-up-alone.yml'], series, '14m', {}, '15s', [name]);
        expect(promtool('budget-up-early-test.yml', early)).toContain('SUCCESS');
      });
    });
  }
});
