/**
 * Counter semantics for Claude Code's per-session counters: the heart of "the numbers are right".
 *
 * Every Claude Code counter series belongs to one session (`session_id` is a label). In Prometheus such a
 * series appears already above zero (its first export), steps up once per export interval, is reset when
 * the process restarts with the same session id, and disappears a few minutes after its last update.
 * `increase(x[$__range])` gets this wrong three ways: it never counts a series' first value, it
 * extrapolates to the window edges, and it joins a series that vanished and came back as one counter.
 *
 * `reportedIncrease` counts exactly what Claude Code reported inside the window. It splits the window into
 * steps of `$__interval` (a subquery) and, per series and step, takes
 *
 *     growth = last sample in the step − last sample before the step   (or the last sample, if the series
 *                                                                       was absent before: a new counter)
 *     + the value just before a reset, when the counter dropped inside the step
 *
 * and sums the steps. Within a series the steps telescope, so the total is exact; a new or re-appearing
 * series counts from zero; a reset adds back what was reported before it. Assumptions, all true of
 * Claude Code's export path: at most one reset per series per step, and after a reset the counter does
 * not climb past its pre-reset value within the same step. Cost: one evaluation per step (time range /
 * max data points), linear in the number of samples, so it stays cheap on long ranges.
 */
import {
  add,
  and,
  greaterOrEqual,
  greaterThan,
  increase,
  lastOverTime,
  lessThan,
  maxOverTime,
  mul,
  num,
  offset,
  or,
  range,
  resets,
  sub,
  subquery,
  sumOverTime,
} from './promql/builders.js';
import type { DurationNode } from './promql/ast.js';
import { grafana } from './promql/macros.js';
import type { InstantVector, VectorSelector } from './promql/types.js';

/**
 * What each series reported during one step of length `step` ending at the evaluation time.
 * As a range query with step = `$__interval`, it gives the exact increment per graph bucket.
 */
export function stepIncrease(series: VectorSelector, step: DurationNode = grafana.interval): InstantVector {
  const window = range(series, step);
  const last = lastOverTime(window);
  // The value before the step, or 0 for a series that is new in this step (a new counter starts at zero).
  // `last * 0` also keeps every branch free of the metric name, so steps of one series share a label set.
  const before = or(offset(series, step), mul(last, num(0)));
  const growth = sub(last, before);
  // The value just before a reset is the highest value seen in the step, or the value before it.
  const preResetValue = or(greaterOrEqual(maxOverTime(window), before), before);
  const wasReset = or(greaterThan(resets(window), num(0)), lessThan(last, before));
  return or(add(growth, and(preResetValue, wasReset)), growth);
}

/**
 * What each series reported within the window (default: the dashboard time range), exactly: the first
 * value of new series included, resets and re-appearances handled. Labels are kept; aggregate with `sum by`.
 */
export function reportedIncrease(
  series: VectorSelector,
  window: DurationNode = grafana.range,
  step: DurationNode = grafana.interval,
): InstantVector {
  return sumOverTime(subquery(stepIncrease(series, step), window, step));
}

/**
 * The formulation most public dashboards use, `increase(x[$__range])`: kept for the side-by-side accuracy
 * report, never used by our panels.
 */
export function naiveIncrease(series: VectorSelector, window: DurationNode = grafana.range): InstantVector {
  return increase(range(series, window));
}
