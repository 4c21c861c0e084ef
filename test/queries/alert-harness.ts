/**
 * Shared by the alert tests: writes a configuration's recording rules and alerts into a temporary folder
 * and runs promtool unit tests on them, with the expected alerts built from the generated rules (labels,
 * and annotations with promtool's template expansion of `$value` and `$labels`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { alertRules, alertsYaml, rulesYaml, type AlertRule, type Config } from '../../queries/index.js';
import type { ZoneOffsets } from '../../queries/alerts/calendar.js';
import type { Engine } from '../../scripts/accuracy/engines.js';

/** An expected firing alert, as promtool compares it. */
export interface Expected {
  readonly exp_labels: Record<string, string>;
  readonly exp_annotations: Record<string, string>;
}

/** Go's `%.4g` of v × 100 and "%", what humanizePercentage prints for the values the tests use. */
const percentage = (v: number): string => `${Number((v * 100).toPrecision(4))}%`;

/** Fills in a template the way promtool does for the templates the generator writes. */
export function expand(text: string, value: number, labels: Record<string, string>): string {
  return text
    .replaceAll('{{ $value | printf "%.2f" }}', value.toFixed(2))
    .replaceAll('{{ $value | humanizePercentage }}', percentage(value))
    .replace(/\{\{ index \$labels "([\w.]+)" \| urlquery \}\}/g, (_m, l: string) => encodeURIComponent(labels[l] ?? ''))
    .replace(/\{\{ index \$labels "([\w.]+)" \}\}/g, (_m, l: string) => labels[l] ?? '');
}

/** The alerts of a configuration, and promtool runs against them on one engine. */
export function alertHarness(config: Config, engine: Engine | undefined, fail: string | undefined, offsets?: ZoneOffsets) {
  const rules = alertRules(config, offsets).groups[0].rules;
  const byName = (name: string): AlertRule => {
    const r = rules.find((x) => x.alert === name);
    if (!r) throw new Error(`no alert ${name}`);
    return r;
  };
  const dir = mkdtempSync(join(tmpdir(), 'ccd-alerts-'));
  writeFileSync(join(dir, 'rules.yml'), rulesYaml(config));
  writeFileSync(join(dir, 'alerts.yml'), alertsYaml(config, offsets));
  /** The alert firing with value `value` and the series labels `labels`. */
  const firing = (name: string, value: number, labels: Record<string, string> = {}): Expected => {
    const rule = byName(name);
    const all = { ...rule.labels, ...labels };
    return { exp_labels: all, exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, expand(v, value, all)])) };
  };
  /**
   * Writes an alerts file with only the alerts `names` and, unless `rollup` is false, the calendar rollup's
   * groups (the same generated rules, the rest left out: promtool evaluates every loaded group at every step).
   */
  const subset = (file: string, names: readonly string[], rollup = true): string => {
    const [alerts, ...calendar] = alertRules(config, offsets).groups;
    const groups = [{ ...alerts, rules: alerts.rules.filter((r) => names.includes(r.alert)) }, ...(rollup ? calendar : [])];
    writeFileSync(join(dir, file), stringify({ groups }, { lineWidth: 0 }));
    return file;
  };
  /** Runs one promtool test: `series` every `interval`; at each eval time, `expected` for every alert in `names`. */
  const run = (file: string, o: { series: Record<string, string>; interval: string; names: readonly string[]; checks: { at: string; expected: Record<string, Expected[]> }[]; files?: string[] }): string => {
    if (fail) throw new Error(fail);
    const text = stringify({
      // By default the recording rules and only the alerts checked (with the calendar rollup).
      rule_files: o.files ?? ['rules.yml', subset(file.replace(/\.yml$/, '-alerts.yml'), o.names)],
      evaluation_interval: config.scrapeInterval,
      tests: [
        {
          interval: o.interval,
          input_series: Object.entries(o.series).map(([series, values]) => ({ series, values })),
          alert_rule_test: o.checks.flatMap((c) => o.names.map((n) => ({ eval_time: c.at, alertname: n, exp_alerts: c.expected[n] ?? [] }))),
        },
      ],
    });
    writeFileSync(join(dir, file), text);
    try {
      return execFileSync(engine!.promtool, ['test', 'rules', join(dir, file)], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      throw new Error(`promtool failed:\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
    }
  };
  return { rules, byName, firing, run, subset, dir };
}
