/**
 * Dashboards that also work where our recording rules are not loaded (a JSON import into someone else's
 * Grafana, panels taken from the npm package): every counter query is `rules or raw`, where the raw part
 * is the most exact formula PromQL allows without the rules, and a hidden dashboard variable switches
 * the raw part off whenever the rules are there, so that it then costs nothing.
 *
 * The switch: the rule group records one heartbeat series, `claude_code:rules:loaded`, at every
 * evaluation. The variable `ccd_fallback` is `none` when the heartbeat has samples in the dashboard range
 * and `.*` when it has none. The raw part's selectors carry the matcher `ccd_fallback=~"$ccd_fallback"` on
 * a label no series has: `.*` matches every series (the empty value), `none` matches no series at all, and
 * a selector that matches nothing is answered from the index without reading a sample.
 *
 * The raw formula is the rules' own comparison applied once per window instead of once per scrape: the
 * series' last value in the window against its last value before it (up to the rules' look-back):
 * growth, a new series (all of it), or a restart (a drop within the window, `resets()`, or a last value
 * below the one before: all of the new life). It is exact for every series that does not restart within
 * the window; for one that does, only its last life in the window counts (`FALLBACK_ERROR`).
 */
import type { Config } from './config.js';
import { countingTiming } from './config.js';
import { and, at, countOverTime, div, greaterThan, group, labelReplace, lastOverTime, lessThan, mul, num, offset, or, presentOverTime, range, resets, selector, sub, unless, vector } from './promql/builders.js';
import type { DurationNode } from './promql/ast.js';
import { duration, grafana } from './promql/macros.js';
import type { InstantVector, VectorSelector } from './promql/types.js';

/** The heartbeat series the rule group records at every evaluation. */
export const RULES_LOADED_SERIES = 'claude_code:rules:loaded';

/** The hidden dashboard variable that switches the raw formulas on (`.*`) or off (`none`). */
export const FALLBACK_VARIABLE = 'ccd_fallback';

/** What the raw formulas miss, for panel descriptions. */
export const FALLBACK_ERROR =
  'Where the Counting line says "Approximate" (the recording rules are not loaded), this is computed from the raw counters: it never adds anything, but it misses what a session reported before a restart within the range, and a session that came back from zero after being away longer than the rules look back.';

/** `claude_code:rules:loaded` over the dashboard range: one sample per rule evaluation. */
function heartbeatInRange(): InstantVector {
  return group(presentOverTime(range(selector(RULES_LOADED_SERIES), grafana.range)));
}

/**
 * The variable's query (`query_result(...)` in Grafana): one series whose `ccd_fallback` label is `none`
 * when the rules ran in the dashboard range, else `.*`.
 */
export function fallbackSwitchExpr(): InstantVector {
  const loaded = labelReplace(heartbeatInRange(), FALLBACK_VARIABLE, 'none', '', '');
  const missing = labelReplace(unless(vector(1), heartbeatInRange()), FALLBACK_VARIABLE, '.*', '', '');
  return or(loaded, missing);
}

/** 1 when the rules ran in the dashboard range, else 0: the dashboards' "Counting" status. */
export function rulesLoadedExpr(): InstantVector {
  return or(heartbeatInRange(), vector(0));
}

/** The raw selector, switched by the fallback variable. */
export function fallbackSelector(series: VectorSelector): VectorSelector {
  return selector(series.node.metric, [...series.node.matchers, { label: FALLBACK_VARIABLE, op: '=~', value: `$${FALLBACK_VARIABLE}` }]);
}

/** Per series: the rules' comparison over one window ending at the evaluation time. */
function rawWindowIncrease(series: VectorSelector, window: DurationNode, config: Config): InstantVector {
  const sel = fallbackSelector(series);
  const cur = lastOverTime(range(sel, window));
  const prev = lastOverTime(offset(range(sel, duration(countingTiming(config).lookback)), window));
  // A counter that dropped within the window restarted there: its last life, all of it.
  const restarted = and(cur, greaterThan(resets(range(sel, window)), num(0)));
  return or(or(or(restarted, greaterThan(sub(cur, prev), num(0))), unless(cur, prev)), lessThan(cur, prev));
}

/** Per series, the raw approximation of what was reported in the dashboard range. */
export function rawIncrease(series: VectorSelector, config: Config): InstantVector {
  return rawWindowIncrease(series, grafana.range, config);
}

/** The graph step as a duration that Grafana fills in. */
const STEP: DurationNode = { kind: 'duration', text: '${__interval_ms}ms' };

/** Per series, the raw approximation of what was reported in each graph step, per hour. */
export function rawPerHour(series: VectorSelector, config: Config): InstantVector {
  return div(mul(rawWindowIncrease(series, STEP, config), num(3_600_000)), grafana.intervalMs);
}

/** Per raw series with samples in the dashboard range: 0 (the trends' zero fill). */
export function rawInRange(series: VectorSelector): InstantVector {
  return mul(countOverTime(at(range(fallbackSelector(series), grafana.range), 'end')), num(0));
}
