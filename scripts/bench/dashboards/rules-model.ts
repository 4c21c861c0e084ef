/**
 * What our recording rules (queries/rules.ts, the expression of queries/counters.ts
 * `recordedIncrementsExpr`) record for a raw series, computed sample by sample while the benchmark's
 * organisation is simulated: at evaluation time T the rule compares `cur`, the newest sample in
 * (T − D − S, T − D], with `prev`, the newest before it within the look-back L, and takes `cur − prev`
 * when that is ≥ 0, else `cur`, when the result is > 0 (staleness markers are skipped, as range
 * selections skip them); every rule but the session count's adds those up over the sessions.
 *
 * Why not the engine: evaluating the rules over a month at 1,000 users takes the engine about an hour
 * (their range queries read every sample's hour of look-back); the benchmark measures what the
 * dashboards cost once the rules' series exist, not the rules. Every run checks this model against the
 * engine: the rules' expressions evaluated by Prometheus over an hour of the loaded data must give the
 * same samples (run-size.ts). The windows are Prometheus 3's (left-open); 2.x closes them on the left,
 * which differs only for a series whose previous sample lies exactly L + S back.
 */
import { METRIC_KEYS } from '../../../queries/catalog.js';
import { countingTiming, type Config } from '../../../queries/config.js';
import { incrementsRuleName, PER_SESSION_METRICS } from '../../../queries/counters.js';
import { labelName, metricName } from '../../../queries/naming.js';
import { intervalToMs } from '../../accuracy/grafana-macros.js';

/** The rules' timing in ms: interval S, delay D and look-back L. */
export interface RuleTiming {
  readonly intervalMs: number;
  readonly delayMs: number;
  readonly lookbackMs: number;
}

export function ruleTiming(config: Config): RuleTiming {
  const t = countingTiming(config);
  return { intervalMs: intervalToMs(t.interval), delayMs: intervalToMs(t.delay), lookbackMs: intervalToMs(t.lookback) };
}

/**
 * The increment the rules record for the real sample (t, v) on the scrape grid, at T = t + D (the
 * evaluation whose `cur` window ends at t), given the series' previous real sample (prevT, prevV), or
 * prevT = −∞ when it has none; 0 when the rules record nothing for it (they record only increments > 0).
 */
export function ruleIncrement(prevT: number, prevV: number, t: number, v: number, timing: RuleTiming): number {
  const hasPrev = prevT > t - timing.intervalMs - timing.lookbackMs && prevT <= t - timing.intervalMs;
  const increment = hasPrev && v - prevV >= 0 ? v - prevV : v;
  return increment > 0 ? increment : 0;
}

/** Where a raw metric's increments are recorded: the rule's name and the label it sums away (none: per series). */
export interface RuleTarget {
  readonly rule: string;
  readonly summedLabel: string | undefined;
}

/** Raw metric name → the rule that records its increments, for the configuration's naming. */
export function ruleNames(config: Config): ReadonlyMap<string, RuleTarget> {
  const session = labelName(config.naming, 'session.id');
  return new Map(METRIC_KEYS.map((key) => [metricName(config.naming, key), { rule: incrementsRuleName(key), summedLabel: PER_SESSION_METRICS.includes(key) ? undefined : session }]));
}
