/**
 * Counter semantics for Claude Code's per-session counters: the heart of "the numbers are right".
 *
 * Every Claude Code counter series belongs to one session (`session_id` is a label). In Prometheus such a
 * series appears already above zero (its first export), steps up once per export interval, disappears
 * `exporterExpiry` after its last update (the collector stops exposing it) and may come back later: with
 * the total it had plus what was added, while the pipeline still remembers it (`seriesMemory`), or from
 * zero once the pipeline has forgotten it, after a collector restart, or (cumulative temporality) after a
 * Claude Code restart. `increase(x[$__range])` gets this wrong three ways: it never counts a series' first
 * value, it extrapolates to the window edges, and it cannot tell a return from zero from growth.
 *
 * What Claude Code reported can only be recovered sample by sample, so a recording rule does that work
 * once, at every scrape interval S, instead of every panel at query time. At evaluation time T it reads
 * the data D behind T (`evaluationDelay`, by default S: every scrape with a timestamp up to T − D has been
 * committed, so a rule never races a scrape) and compares, per series:
 *
 *     cur  = last_over_time(x[S] offset D)        the newest sample of this interval (T−D−S, T−D], if any
 *     prev = last_over_time(x[L] offset (D + S))  the newest sample before it, up to L = seriesMemory −
 *                                                 exporterExpiry back
 *     increments = (cur − prev >= 0                growth of the same running total: the difference
 *                   or cur + 0) > 0                no prev within L (a new series, or one the pipeline
 *                                                  forgot: it was away longer than its memory) or a
 *                                                  drop (a reset: it restarted from zero): all of it
 *
 * Range selections skip staleness markers, so a failed scrape, an unreachable target, a Prometheus outage
 * or an expired-and-returning series all compare with the last value really seen, up to L back. A series
 * away for longer than L is counted from zero, which is what the pipeline does once it has forgotten it:
 * the README's "Limits" section says where that can still be wrong. Each sample is new in exactly one
 * interval, so the rule records one sample per change (nothing while a counter is idle), and
 * `sum_over_time` of it over any window is what was reported in that window: no extrapolation, no step
 * alignment, cost linear in the number of changes. The rules' samples lag the data by D: a dashboard
 * shows what was reported up to D ago. The rules are generated from the catalog (`rules.ts`) and written by
 * `npm run build:dashboards` next to the dashboards.
 */
import type { MetricKey } from './catalog.js';
import { eventRuleName, identifyEventMetricName } from './events.js';
import { identifyMetricName, labelName, type NamingScheme } from './naming.js';
import { countingTiming, type Config } from './config.js';
import { add, at, countOverTime, div, greaterOrEqual, greaterThan, increase, labelReplace, lastOverTime, mul, num, offset, or, range, selector, sub, sum, sumOverTime, without } from './promql/builders.js';
import type { DurationNode } from './promql/ast.js';
import { duration, grafana } from './promql/macros.js';
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

/** The durations of the rule expression, as PromQL duration nodes. */
export interface IncrementsTiming {
  readonly interval: DurationNode;
  readonly delay: DurationNode;
  readonly lookback: DurationNode;
  /** delay + interval: where `prev` ends. */
  readonly previousEnd: DurationNode;
}

/** The rule timing of a configuration (see the header). */
export function incrementsTiming(config: Config): IncrementsTiming {
  const t = countingTiming(config);
  return {
    interval: duration(t.interval),
    delay: duration(t.delay),
    lookback: duration(t.lookback),
    previousEnd: duration(t.previousEnd),
  };
}

/** The recording rule's expression for one metric: per series, what was reported in one interval (see the header). */
export function incrementsExpr(series: VectorSelector, timing: IncrementsTiming): InstantVector {
  const cur = lastOverTime(offset(range(series, timing.interval), timing.delay));
  const prev = lastOverTime(offset(range(series, timing.lookback), timing.previousEnd));
  // Growth (or no change) of the same running total, else (no `prev` within L, or a drop: a reset) all of
  // `cur`. `prev` is read once and `cur` twice: PromQL evaluates every occurrence of a subexpression anew,
  // and at organisation scale each read costs (scripts/bench/rules.ts measures it). `+ 0` drops the metric
  // name, which `last_over_time` keeps on Prometheus 3, so that both branches carry the same labels.
  const increments = or(greaterOrEqual(sub(cur, prev), num(0)), add(cur, num(0)));
  // `> 0` keeps one sample per change and nothing while a counter is idle.
  return greaterThan(increments, num(0));
}

/** The one metric whose rule keeps the session id: counting sessions needs it (queries/library/sessions.ts). */
export const PER_SESSION_METRICS: readonly MetricKey[] = ['sessionCount'];

/**
 * What the rule of `metric` records: the increments of every series, summed over the sessions (`sum
 * without (session_id)`) for every metric but the session count. The comparison above needs each
 * session's own series, but no panel needs a session's increments apart: summed in the rule, a dashboard
 * reads one series per user, model, type and terminal instead of one per session, and a range query's
 * cost grows with series × steps (at 100 users × 7 days, 84,000 session series against about 3,000
 * summed). The sum is exact: each interval's increments are added once, in the interval they were new.
 * It is part of the same expression (not a second rule reading the first), so no engine has to evaluate
 * rules in order or see a rule's output at once (promtool's backfill and vmalert do neither).
 */
export function recordedIncrementsExpr(metric: MetricKey, series: VectorSelector, timing: IncrementsTiming, naming: NamingScheme): InstantVector {
  const perSeries = incrementsExpr(series, timing);
  return PER_SESSION_METRICS.includes(metric) ? perSeries : sum(perSeries, without(labelName(naming, 'session.id')));
}

/** The recording-rule selector with the same matchers as `series` (a selector of a catalog metric). */
export function incrementsSelector(series: VectorSelector): VectorSelector {
  const metric = identifyMetricName(series.node.metric)[0]?.metric;
  if (metric) return selector(incrementsRuleName(metric), series.node.matchers);
  // The metrics the collector derives from events (events.ts) are counted by the same rule.
  const event = identifyEventMetricName(series.node.metric);
  if (event) return selector(eventRuleName(event), series.node.matchers);
  throw new Error(`"${series.node.metric}" is not a Claude Code metric of any naming scheme.`);
}

/**
 * What each series reported within the window (default: the dashboard time range), exactly: the first
 * value of new series included, resets and returns handled. Labels are kept; aggregate with `sum by`.
 * The rules read `evaluationDelay` behind, so a window ending now holds what was reported up to that long ago.
 */
export function reportedIncrease(series: VectorSelector, window: DurationNode = grafana.range): InstantVector {
  return sumOverTime(range(incrementsSelector(series), window));
}

/** `${__interval_ms}ms`, and the same one second longer: the graph step in the two forms the trend needs. */
const STEP: DurationNode = { kind: 'duration', text: '${__interval_ms}ms' };
const STEP_AND_A_SECOND: DurationNode = { kind: 'duration', text: '1s${__interval_ms}ms' };

/** Label that keeps the subtracted edge apart from the step's own series until they are summed. */
export const EDGE_LABEL = 'ccd_edge';

/**
 * Per series, what was reported during each graph step (t − step, t], scaled to one hour; sum it by any
 * labels. A plain `[step]` window includes its left end on Prometheus 2 and excludes it on 3, so a rule
 * sample on a step boundary would count in two steps on 2.x. Instead the step is the difference of two
 * windows that start at the same instant (t − step − 1s): `[1s + step]` ending at t minus `[1s]` ending at
 * t − step. Whether that shared start is included cancels out, on every engine and at any phase of the
 * rule evaluations against the steps. The subtracted part is negated and labelled apart (`or` would
 * otherwise merge it away), and disappears in the sum.
 */
export function reportedPerHour(series: VectorSelector): InstantVector {
  const rule = incrementsSelector(series);
  const stepAndEdge = sumOverTime(range(rule, STEP_AND_A_SECOND));
  const edge = mul(sumOverTime(offset(range(rule, duration('1s')), STEP)), num(-1));
  const step = or(stepAndEdge, labelReplace(edge, EDGE_LABEL, 'before', '', ''));
  return div(mul(step, num(3_600_000)), grafana.intervalMs);
}

/** Per series with a report in the dashboard range: 0 (evaluated once, at the range's end). */
export function reportedInRange(series: VectorSelector): InstantVector {
  return mul(countOverTime(at(range(incrementsSelector(series), grafana.range), 'end')), num(0));
}

/**
 * The formulation most public dashboards use, `increase(x[$__range])`: kept for the side-by-side accuracy
 * report, never used by our panels.
 */
export function naiveIncrease(series: VectorSelector, window: DurationNode = grafana.range): InstantVector {
  return increase(range(series, window));
}
