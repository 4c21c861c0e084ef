/**
 * The two rule groups the benchmark compares, as rules files a Prometheus loads and unloads by reload:
 * - current: exactly what `npm run build:dashboards` writes, `rulesYaml(resolveConfig({}))`;
 * - previous: the formulation before the range-based look-back, one rule per metric, same interval.
 *
 * Both groups run side by side in one Prometheus, at evaluation offsets chosen half an interval apart
 * (a group evaluates at `k × interval + hash({name, file}) mod interval`, rule-backfill.ts
 * `ruleGroupOffsetNs`), so that neither evaluation waits for the other on a 2-core machine while both see
 * the same head. The offsets are predicted from the file names and checked against the evaluation times
 * Prometheus reports.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { METRIC_KEYS } from '../../../queries/catalog.js';
import { resolveConfig } from '../../../queries/config.js';
import { incrementsRuleName } from '../../../queries/counters.js';
import { metricName } from '../../../queries/naming.js';
import { RULE_GROUP_NAME, rulesYaml } from '../../../queries/rules.js';
import type { EngineMajor } from '../../accuracy/engines.js';
import { ruleGroupOffsetNs } from '../../accuracy/rule-backfill.js';

export const INTERVAL_MS = 15_000;
export const PREVIOUS_GROUP_NAME = `${RULE_GROUP_NAME}-previous`;

/**
 * The rule before the range-based look-back, for metric `x`: it compared each series only with its value
 * one scrape earlier (`x offset 15s`), an instant lookup, so it never read more than the last 5 minutes.
 */
export function previousExpr(x: string): string {
  return `(${x} - ${x} offset 15s > 0 or ${x} unless ${x} offset 15s or ${x} < ${x} offset 15s) + 0`;
}

/** The current rules file, as the build writes it. */
export function currentRulesYaml(): string {
  return rulesYaml(resolveConfig({}));
}

/** The previous rules, one per metric of the 'otel-collector' scheme, recorded under their own names. */
export function previousRulesYaml(): string {
  const rules = METRIC_KEYS.map((metric) => ({
    record: incrementsRuleName(metric).replace(/^claude_code:/, 'claude_code_previous:'),
    expr: previousExpr(metricName('otel-collector', metric)),
  }));
  return stringify({ groups: [{ name: PREVIOUS_GROUP_NAME, interval: `${INTERVAL_MS / 1000}s`, rules }] }, { lineWidth: 0 });
}

/** Where each group evaluates within the interval (ms): apart from each other and from the feed at 0. */
const TARGET_OFFSET_MS = { current: 2_000, previous: 9_500 } as const;
const TOLERANCE_MS = 200;

/** One rules file of a server: its path (the `file` of the group's hash), group name and planned offset. */
export interface RulesFile {
  readonly path: string;
  readonly group: string;
  readonly offsetMs: number;
  /** `file;group`, the `rule_group` label of the group's metrics. */
  readonly key: string;
}

function placed(major: EngineMajor, dir: string, stem: string, group: string, targetMs: number): RulesFile {
  for (let n = 0; n < 100_000; n++) {
    const path = join(dir, `${stem}.${n}.rules.yml`);
    const offsetMs = Number(ruleGroupOffsetNs(major, path, group, INTERVAL_MS) / 1_000_000n);
    if (Math.abs(offsetMs - targetMs) <= TOLERANCE_MS) return { path, group, offsetMs, key: `${path};${group}` };
  }
  throw new Error(`no rules file name in ${dir} puts group ${group} at ${targetMs} ms`);
}

/** The two rules files of a server in `dir`, written empty (nothing evaluates until `load`). */
export function planRulesFiles(major: EngineMajor, dir: string): { current: RulesFile; previous: RulesFile } {
  const current = placed(major, dir, 'current', RULE_GROUP_NAME, TARGET_OFFSET_MS.current);
  const previous = placed(major, dir, 'previous', PREVIOUS_GROUP_NAME, TARGET_OFFSET_MS.previous);
  for (const f of [current, previous]) writeFileSync(f.path, 'groups: []\n');
  return { current, previous };
}

/** The `rule_files:` block of the server's configuration. */
export function ruleFilesConfig(files: { current: RulesFile; previous: RulesFile }): string {
  return `rule_files:\n  - ${files.current.path}\n  - ${files.previous.path}\n`;
}

/** Writes both groups (or, with `on` false, empties both files) and makes Prometheus reload them. */
export async function setRules(baseUrl: string, files: { current: RulesFile; previous: RulesFile }, on: boolean): Promise<void> {
  writeFileSync(files.current.path, on ? currentRulesYaml() : 'groups: []\n');
  writeFileSync(files.previous.path, on ? previousRulesYaml() : 'groups: []\n');
  const response = await fetch(`${baseUrl}/-/reload`, { method: 'POST' });
  if (!response.ok) throw new Error(`reload of ${baseUrl} failed (${response.status}): ${await response.text()}`);
}
