/**
 * Proof that a benchmark server holds what the simulation wrote, before anything is timed on it:
 * - every sample: per metric (and per rule), `count_over_time` over the whole history equals the real
 *   samples written into its blocks and head (staleness markers are not counted by the engine either);
 * - the rules' series are the rules' own: over one hour, each recording rule's expression evaluated by
 *   the engine (a range query on the raw series, step = the rule interval) gives exactly the samples
 *   the simulation stored for that rule (rules-model.ts).
 */
import { recordingRules } from '../../../queries/rules.js';
import type { Config } from '../../../queries/config.js';
import { RULES_LOADED_SERIES } from '../../../queries/fallback.js';
import { queryInstant, queryRange, type ResultSeries } from '../../accuracy/prometheus-api.js';
import type { PrometheusServer } from '../../accuracy/prometheus-server.js';
import { HOUR_MS } from './layout.js';
import { ruleTiming } from './rules-model.js';

/** Every name whose count differs from what was written, as text (empty: all equal). */
export async function countProblems(server: PrometheusServer, expected: ReadonlyMap<string, number>, fromMs: number, atMs: number): Promise<string[]> {
  const spanS = Math.ceil((atMs - fromMs) / 1000) + 1;
  const problems: string[] = [];
  for (const [name, count] of expected) {
    const [held] = await queryInstant(server.baseUrl, `sum(count_over_time({__name__="${name}"}[${spanS}s]))`, atMs);
    const value = held?.points[0]?.[1] ?? 0;
    if (value !== count) problems.push(`${name}: wrote ${count} samples, Prometheus holds ${value}`);
  }
  return problems;
}

/** How the engine's evaluation of the rules compared with the stored rule samples. */
export interface RuleCheck {
  readonly compared: number;
  readonly mismatched: number;
  readonly examples: readonly string[];
}

const keyOf = (series: ResultSeries): string =>
  Object.entries(series.labels)
    .filter(([n]) => n !== '__name__')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, v]) => `${n}=${v}`)
    .join(',');

/** Samples by `labels@time`, time in ms. */
function samplesOf(results: readonly ResultSeries[], afterMs = Number.NEGATIVE_INFINITY): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of results) for (const [t, v] of s.points) if (t * 1000 > afterMs) out.set(`${keyOf(s)}@${Math.round(t * 1000)}`, v);
  return out;
}

/**
 * Equal, up to the order of a sum: the rules add up the increments of a user's sessions, and the engine
 * adds them in another order than the simulation, which can differ in the last bits.
 */
function sameValue(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Compares, rule by rule, the engine's evaluations in (endMs − 1 h, endMs] with the stored samples there. */
export async function checkRules(server: PrometheusServer, config: Config, endMs: number): Promise<RuleCheck> {
  const { intervalMs } = ruleTiming(config);
  const rules = (recordingRules(config).groups[0]?.rules ?? []).filter((r) => r.record !== RULES_LOADED_SERIES);
  let compared = 0;
  let mismatched = 0;
  const examples: string[] = [];
  for (const rule of rules) {
    const engine = samplesOf(await queryRange(server.baseUrl, rule.expr, endMs - HOUR_MS + intervalMs, endMs, intervalMs));
    // Prometheus 2 includes the window's left end, where the engine's range above starts one step later.
    const stored = samplesOf(await queryInstant(server.baseUrl, `${rule.record}[1h]`, endMs), endMs - HOUR_MS);
    for (const key of new Set([...engine.keys(), ...stored.keys()])) {
      compared++;
      if (sameValue(engine.get(key), stored.get(key))) continue;
      mismatched++;
      if (examples.length < 3) examples.push(`${rule.record} ${key}: engine ${engine.get(key) ?? 'nothing'}, stored ${stored.get(key) ?? 'nothing'}`);
    }
  }
  return { compared, mismatched, examples };
}
