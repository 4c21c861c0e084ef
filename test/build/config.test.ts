/** Configuration: defaults, and a clear error for every bad value (field, value, fix). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PRICES, countingTiming, parseConfig, resolveConfig } from '../../queries/index.js';
import { loadConfig } from '../../scripts/lib/load-config.js';

function problems(input: unknown): string {
  try {
    parseConfig(input, 'cfg.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('fills every default', () => {
    const c = resolveConfig({});
    expect(c.datasource.uid).toBe('prometheus');
    expect(c.naming).toBe('otel-collector');
    expect(c.scrapeInterval).toBe('15s');
    expect(c.identity).toBe('user_email');
    expect(c.identityFallback).toBe('user_id');
    expect(c.teamLabels).toEqual([]);
    expect(c.prices).toEqual(DEFAULT_PRICES);
    expect(c.thresholds).toEqual({ cacheHitTarget: 0.8, dailyBudgetUsd: 100, userDailyBudgetUsd: 20, editAcceptTarget: 0.8 });
    expect(c.grafana).toEqual({ folder: 'Claude Code', folderUid: 'claude-code', uidPrefix: 'claude-code' });
    expect(c.output).toEqual({ dashboards: 'provisioning/grafana/dashboards', importable: 'provisioning/grafana/importable', rules: 'provisioning/prometheus/rules', rulers: 'provisioning/rulers', providers: 'provisioning/grafana/dashboard-providers' });
  });

  it('derives the rules\' timing from the pipeline block', () => {
    expect(countingTiming(resolveConfig({}))).toEqual({ interval: '15s', delay: '15s', lookback: '1h', previousEnd: '30s' });
    expect(countingTiming(resolveConfig({ scrapeInterval: '30s', pipeline: { exporterExpiry: '2m', seriesMemory: '92m30s', evaluationDelay: '1m' } }))).toEqual({
      interval: '30s',
      delay: '1m',
      lookback: '1h30m30s',
      previousEnd: '1m30s',
    });
  });

  it('keeps partial nested values and fills the rest', () => {
    const c = resolveConfig({ thresholds: { dailyBudgetUsd: 250 }, grafana: { folderUid: 'ai-tools' } });
    expect(c.thresholds).toEqual({ cacheHitTarget: 0.8, dailyBudgetUsd: 250, userDailyBudgetUsd: 20, editAcceptTarget: 0.8 });
    expect(c.grafana.folderUid).toBe('ai-tools');
  });

  it.each([
    [{ naming: 'prometheus' }, 'naming: got "prometheus"', 'use one of "otel-collector"'],
    [{ scrapeInterval: '15 seconds' }, 'scrapeInterval: got "15 seconds"', 'the recording rules run at it'],
    [{ scrapeInterval: '0s' }, 'scrapeInterval: got "0s": must be longer than zero', 'the recording rules run at it'],
    [{ pipeline: { exporterExpiry: '15m', seriesMemory: '15m' } }, 'pipeline.seriesMemory: got "15m": must exceed pipeline.exporterExpiry (15m)', 'deltatocumulative max_stale'],
    [{ pipeline: { seriesMemory: 'an hour' } }, 'pipeline.seriesMemory: got "an hour"', 'deltatocumulative max_stale'],
    [{ pipeline: { evaluationDelay: '5s' } }, 'pipeline.evaluationDelay: got "5s": must be at least the scrape interval (15s)', 'remote write'],
    [{ pipeline: { memory: '1h' } }, 'pipeline: unknown field(s) "memory"', 'remove or correct'],
    [{ identity: 'email' }, 'identity: got "email"', 'use one of "user_email"'],
    [{ identity: 'user_id', identityFallback: 'user_id' }, 'identityFallback: got "user_id": must differ from identity', 'or null'],
    [{ datasource: { uid: 'has spaces' } }, 'datasource.uid: got "has spaces"', 'pinned uid'],
    [{ datasource: { uid: 'x'.repeat(41) } }, 'datasource.uid: got', '1-40 characters'],
    [{ teamLabels: ['team id'] }, 'teamLabels.0: got "team id"', 'OTEL_RESOURCE_ATTRIBUTES'],
    [{ teamLabels: ['team.id', 'team_id'] }, 'teamLabels.1: got "team_id": is listed twice', 'resource-attribute keys'],
    [{ teamLabels: ['model'] }, 'teamLabels.0: got "model": would become the dashboard variable "model"', 'resource-attribute keys'],
    [{ teamLabels: 'team.id' }, 'teamLabels: got "team.id"', 'list resource-attribute keys'],
    [{ prices: { 'claude-x': { input: -1, output: 1, cacheRead: 0, cacheWrite: 0 } } }, 'prices.claude-x.input: got -1', 'USD per million tokens'],
    [{ prices: { 'claude-x': { input: 1 } } }, 'prices.claude-x.output: got nothing', 'USD per million tokens'],
    [{ thresholds: { cacheHitTarget: 80 } }, 'thresholds.cacheHitTarget: got 80', 'ratio between 0 and 1'],
    [{ thresholds: { dailyBudgetUsd: 0 } }, 'thresholds.dailyBudgetUsd: got 0', 'positive number'],
    [{ thresholds: { editAcceptTarget: -0.1 } }, 'thresholds.editAcceptTarget: got -0.1', 'ratio between 0 and 1'],
    [{ grafana: { folderUid: 'Claude Code' } }, 'grafana.folderUid: got "Claude Code"', 'lowercase letters'],
    [{ grafana: { folder: '  ' } }, 'grafana.folder: got "  "', 'non-empty folder title'],
    [{ output: { dashboards: '' } }, 'output.dashboards: got ""', 'folder path'],
    [{ colour: 'blue' }, 'unknown field(s) "colour"', 'remove or correct the spelling'],
    [{ thresholds: { cacheHit: 0.9 } }, 'thresholds: unknown field(s) "cacheHit"', 'remove or correct'],
    [[], '(top level): got []', ''],
  ])('rejects %j naming field, value and fix', (input, field, fix) => {
    const message = problems(input);
    expect(message).toContain('cfg.yaml: invalid configuration');
    expect(message).toContain(field);
    if (fix) {
      expect(message).toContain('; fix: ');
      expect(message).toContain(fix);
    }
  });
});

describe('configuration files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccd-config-'));

  it('uses built-in defaults when there is no file', () => {
    expect(loadConfig(undefined, dir).path).toBeUndefined();
  });

  it('reads YAML and names the file in errors', () => {
    const file = join(dir, 'claude-code-dashboards.config.yaml');
    writeFileSync(file, 'naming: claude-code-prometheus\nteamLabels: [team.id]\n');
    expect(loadConfig(undefined, dir).config.naming).toBe('claude-code-prometheus');
    writeFileSync(file, 'naming: wrong\n');
    expect(() => loadConfig(undefined, dir)).toThrow(`${file}: invalid configuration`);
  });

  it('reports YAML syntax errors with line and column', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'naming: [unclosed\n');
    expect(() => loadConfig(file, dir)).toThrow(/broken\.yaml: invalid configuration\n\s+- line \d+, column \d+: .*fix: correct the YAML\/JSON syntax/);
  });

  it('fails clearly for a missing --config file', () => {
    expect(() => loadConfig('nope.yaml', dir)).toThrow(/nope\.yaml: invalid configuration\n\s+- cannot read the file \(ENOENT\)/);
  });
});

describe('configuration defaults that follow other fields', () => {
  it('identity user_id alone needs no fallback (none is used), and other identities fall back to user_id', () => {
    expect(resolveConfig({ identity: 'user_id' }).identityFallback).toBeNull();
    expect(resolveConfig({ identity: 'user_account_uuid' }).identityFallback).toBe('user_id');
    expect(resolveConfig({}).identityFallback).toBe('user_id');
    expect(resolveConfig({ identity: 'user_id', identityFallback: 'user_email' }).identityFallback).toBe('user_email');
  });

  it('blames identityFallback only when it was set to the identity, naming both', () => {
    expect(() => resolveConfig({ identity: 'user_id', identityFallback: 'user_id' })).toThrow(/identityFallback: got "user_id": must differ from identity \("user_id"\)/);
  });

  it('an empty price table is an error on the prices field, with the fix', () => {
    expect(() => resolveConfig({ prices: {} }, 'team.yaml')).toThrow(/team\.yaml: invalid configuration[\s\S]*prices: got \{\}: is empty[\s\S]*leave prices out for the built-in table/);
  });
});

describe('extraMatchers: a selector every query carries', () => {
  it('puts the matchers on every Claude Code selector of every dashboard and alert, and not on the rules heartbeat', async () => {
    const { buildDashboards } = await import('../../dashboards/index.js');
    const { analyzePromQL } = await import('../../dashboards/lint/promql/analyze.js');
    const { alertRules, RULES_LOADED_SERIES } = await import('../../queries/index.js');
    const config = resolveConfig({ extraMatchers: ['cluster="prod"', 'job=~"claude-.*"'] });
    // The calendar rollup's recording rule carries the matchers on the metric it reads; the budget alerts read
    // the rollup (summed per budget label set, the matched labels gone), so it is filtered once, where recorded.
    const { groups } = alertRules(config);
    const rollup = new Set([...groups[1].rules, ...groups[2].rules].map((r) => r.record));
    const exprs = [...buildDashboards(config).flatMap((d) => d.targets.map((t) => t.expr)), ...groups[0].rules.slice(0, 4).map((r) => r.expr), groups[1].rules[1]!.expr];
    let checked = 0;
    for (const expr of exprs) {
      for (const s of analyzePromQL(expr).selectors) {
        if (!s.metric?.startsWith('claude_code') || s.metric === RULES_LOADED_SERIES || rollup.has(s.metric)) continue;
        checked += 1;
        expect(s.matchers.filter((m) => m.label === 'cluster' || m.label === 'job').map((m) => `${m.label}${m.op}${m.value}`), `${s.metric} in ${expr}`).toEqual(['cluster=prod', 'job=~claude-.*']);
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('rejects text that is not one matcher, with the field and the fix', () => {
    expect(() => resolveConfig({ extraMatchers: ['cluster=prod'] }, 'x.yaml')).toThrow(/extraMatchers\.0: got "cluster=prod": is not one label matcher; fix: write each as PromQL/);
  });
});

describe('typed configuration input', () => {
  it('resolveConfig is typed: a misspelt scheme does not compile, parseConfig takes untyped file contents', () => {
    // @ts-expect-error 'otel' is not a naming scheme (tsc fails here if the input were untyped)
    expect(() => resolveConfig({ naming: 'otel' })).toThrow(/naming: got "otel"/);
    expect(() => parseConfig(JSON.parse('{"naming": "otel"}') as unknown, 'f.json')).toThrow(/f\.json: invalid configuration/);
  });
});

describe('metricPrefix: the collector exporter namespace before every metric name', () => {
  it('prefixes every Claude Code metric of every dashboard, variable, rule and alert; the rules keep their names; lint is clean', async () => {
    const { buildDashboards } = await import('../../dashboards/index.js');
    const { analyzePromQL } = await import('../../dashboards/lint/promql/analyze.js');
    const { alertRules, rulesYaml, identifyMetricName, METRIC_KEYS, metricName, incrementsRuleName } = await import('../../queries/index.js');
    const { lintInMemory } = await import('../lint/helpers.js');
    const config = resolveConfig({ metricPrefix: 'myprefix' });
    const built = buildDashboards(config);
    const exprs = [...built.flatMap((d) => d.targets.map((t) => t.expr)), ...alertRules(config).groups[0]!.rules.map((r) => r.expr)];
    const names = new Set(exprs.flatMap((e) => analyzePromQL(e).selectors.map((s) => s.metric ?? '')));
    const claude = [...names].filter((n) => identifyMetricName(n).length > 0);
    expect(claude.sort()).toEqual(METRIC_KEYS.map((m) => `myprefix_${metricName('otel-collector', m)}`).filter((n) => names.has(n)).sort());
    expect(claude).toContain('myprefix_claude_code_cost_usage_USD_total');
    expect([...names].filter((n) => n.startsWith('claude_code_'))).toEqual([]);
    // The recording rules read the prefixed counters and record under the unprefixed rule names the panels read.
    const rules = rulesYaml(config);
    expect(rules).toContain('last_over_time(myprefix_claude_code_cost_usage_USD_total[');
    expect(rules).toContain(`record: ${incrementsRuleName('cost')}`);
    expect(JSON.stringify(built[0]!.json)).toContain('label_values(myprefix_claude_code_');
    expect(identifyMetricName('myprefix_claude_code_cost_usage_USD_total')).toEqual([{ scheme: 'otel-collector', metric: 'cost', prefix: 'myprefix' }]);
    const lint = lintInMemory(Object.fromEntries(built.map((d) => [d.fileName, d.json])), { naming: 'otel-collector', metricPrefix: 'myprefix' });
    expect(lint.findings.map((f) => `${f.file} ${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('rejects a prefix with the trailing "_" or other characters, with the field and the fix', () => {
    expect(problems({ metricPrefix: 'myprefix_' })).toMatch(/metricPrefix: got "myprefix_": ends with "_" \(the exporter adds it\); fix: use the `namespace` of your collector/);
    expect(problems({ metricPrefix: 'my-prefix' })).toMatch(/metricPrefix: got "my-prefix"/);
    expect(resolveConfig({}).metricPrefix).toBe('');
  });
});
