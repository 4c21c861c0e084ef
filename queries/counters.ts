/**
 * Counter semantics for Claude Code's per-session counters: the heart of "the numbers are right".
 *
 * Every Claude Code counter series belongs to one session (`session_id` is a label). In Prometheus such a
 * series appears already above zero (its first export), steps up once per export interval, drops back
 * when the process restarts with the same session id, and disappears some minutes after its last update;
 * when it comes back it is a new counter that starts from zero again. `increase(x[$__range])` gets this
 * wrong three ways: it never counts a series' first value, it extrapolates to the window edges, and it
 * treats a series that vanished and came back as one counter.
 *
 * What Claude Code reported can only be recovered sample by sample, so a recording rule does that work
 * once, at every scrape, instead of every panel at query time:
 *
 *     increments = (x - x offset <scrape interval> > 0)     growth since the previous scrape
 *               or (x unless x offset <scrape interval>)    a new or re-appearing series: its whole value
 *               or (x < x offset <scrape interval>)         a reset: the counter restarted from zero
 *               + 0                                         (drops the metric name from every branch)
 *
 * The rule records one sample per change (nothing while a counter is idle), so `sum_over_time` of it over
 * any window is exactly what was reported in that window: no extrapolation, no step alignment, cost
 * linear in the number of changes. The rule runs at the scrape interval so that at most one new sample
 * lies between two evaluations. The rules are generated from the catalog (`rules.ts`) and written by
 * `npm run build:dashboards` next to the dashboards.
 */
import type { MetricKey } from './catalog.js';
import { identifyMetricName } from './naming.js';
import { add, div, increase, lessThan, mul, num, offset, or, range, greaterThan, selector, sub, sumOverTime, unless } from './promql/builders.js';
import type { DurationNode } from './promql/ast.js';
import { grafana } from './promql/macros.js';
import type { InstantVector, VectorSelector } from './promql/types.js';

/** Recording-rule names, one per metric: `claude_code:<metric>:reported_increments`. */
const RULE_NAMES: Readonly<Record<MetricKey, string>> = {
  sessionCount: 'claude_code:session_count:reported_increments',
  linesOfCode: 'claude_code:lines_of_code:reported_increments',
  pullRequests: 'claude_code:pull_requests:reported_increments',
  commits: 'claude_code:commits:reported_increments',
  cost: 'claude_code:cost_usd:reported_increments',
  tokens: 'claude_code:tokens:reported_increments',
  editDecisions: 'claude_code:edit_decisions:reported_increments',
  activeTime: 'claude_code:active_time_seconds:reported_increments',
};

/** The recording rule that holds what Claude Code reported for `metric`. */
export function incrementsRuleName(metric: MetricKey): string {
  return RULE_NAMES[metric];
}

/** All recording-rule names, e.g. for linters that must accept them as known metrics. */
export const INCREMENTS_RULE_NAMES: readonly string[] = Object.values(RULE_NAMES);

/**
 * The recording rule's expression for one metric: per series, what was reported since the previous
 * scrape (see the header). `scrapeInterval` must equal both the scrape interval and the rule's interval.
 */
export function incrementsExpr(series: VectorSelector, scrapeInterval: DurationNode): InstantVector {
  const previous = offset(series, scrapeInterval);
  const increments = or(or(greaterThan(sub(series, previous), num(0)), unless(series, previous)), lessThan(series, previous));
  // `+ 0` drops the metric name that the last two branches keep, so one source series always gives one
  // output series, also when the rule is evaluated as a range query (promtool's rule backfill).
  return add(increments, num(0));
}

/** The recording-rule selector with the same matchers as `series` (a selector of a catalog metric). */
export function incrementsSelector(series: VectorSelector): VectorSelector {
  const metric = identifyMetricName(series.node.metric)[0]?.metric;
  if (!metric) throw new Error(`"${series.node.metric}" is not a Claude Code metric of any naming scheme.`);
  return selector(incrementsRuleName(metric), series.node.matchers);
}

/**
 * What each series reported within the window (default: the dashboard time range), exactly: the first
 * value of new series included, resets and re-appearances handled. Labels are kept; aggregate with `sum by`.
 */
export function reportedIncrease(series: VectorSelector, window: DurationNode = grafana.range): InstantVector {
  return sumOverTime(range(incrementsSelector(series), window));
}

/** Per series, what was reported during each graph step scaled to one hour: exact bucket by bucket. */
export function reportedPerHour(series: VectorSelector): InstantVector {
  return div(mul(sumOverTime(range(incrementsSelector(series), grafana.interval)), num(3_600_000)), grafana.intervalMs);
}

/**
 * The formulation most public dashboards use, `increase(x[$__range])`: kept for the side-by-side accuracy
 * report, never used by our panels.
 */
export function naiveIncrease(series: VectorSelector, window: DurationNode = grafana.range): InstantVector {
  return increase(range(series, window));
}
