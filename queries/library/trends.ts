/**
 * Trend queries for time-series panels: rates per hour at each graph step. Each point is what was
 * reported during that step (exact, from the recording rules) scaled to an hour, so the area under the
 * curve equals the range total; `rate()` would smooth over and lose each session's first export. A step
 * without reports shows 0, not a gap, so the legend's mean is over every step of the range.
 */
import type { MetricKey } from '../catalog.js';
import { identityLabel, label, metricSelector, type QueryContext } from '../context.js';
import { by, or, sum } from '../promql/builders.js';
import type { InstantVector } from '../promql/types.js';
import { shownIdentityOnly, withIdentity } from './common.js';
import { defineQuery, type Counters } from './definition.js';

/** `sum by (labels)` of a metric's per-hour rate, 0 at the steps where a group reported nothing. */
function perHourBy(ctx: QueryContext, c: Counters, metric: MetricKey, labels: readonly string[], perSeries: (v: InstantVector) => InstantVector = (v) => v): InstantVector {
  const sel = metricSelector(ctx, metric);
  const grouping = labels.length ? by(...labels) : undefined;
  const shown = (v: InstantVector): InstantVector => perSeries(shownIdentityOnly(ctx, v));
  return or(sum(shown(c.perHour(sel)), grouping), sum(shown(c.inRange(sel)), grouping));
}

export const costRate = defineQuery({
  id: 'trends.costRate',
  title: 'Cost per hour',
  measure: 'usdPerHour',
  kind: 'range',
  description: 'USD per hour: what was reported in each graph step, scaled to one hour.',
  query: (ctx, c) => perHourBy(ctx, c, 'cost', []),
});

export const costRateByModel = defineQuery({
  id: 'trends.costRateByModel',
  title: 'Cost per hour by model',
  measure: 'usdPerHour',
  kind: 'range',
  description: 'USD per hour by model: what was reported in each graph step, scaled to one hour.',
  groupBy: (ctx) => [label(ctx, 'model')],
  query: (ctx, c) => perHourBy(ctx, c, 'cost', [label(ctx, 'model')]),
});

export const costRateByUser = defineQuery({
  id: 'trends.costRateByUser',
  title: 'Cost per hour by user',
  measure: 'usdPerHour',
  kind: 'range',
  description: 'USD per hour by user: what was reported in each graph step, scaled to one hour.',
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) => perHourBy(ctx, c, 'cost', [identityLabel(ctx)], (v) => withIdentity(ctx, v)),
});

export const tokenRateByType = defineQuery({
  id: 'trends.tokenRateByType',
  title: 'Tokens per hour by type',
  measure: 'tokensPerHour',
  kind: 'range',
  description: 'Tokens per hour by type: what was reported in each graph step, scaled to one hour.',
  groupBy: (ctx) => [label(ctx, 'type')],
  query: (ctx, c) => perHourBy(ctx, c, 'tokens', [label(ctx, 'type')]),
});

export const linesRateByType = defineQuery({
  id: 'trends.linesRateByType',
  title: 'Lines of code per hour',
  measure: 'count',
  kind: 'range',
  description: 'Lines added and removed per hour: what was reported in each graph step, scaled to one hour.',
  groupBy: (ctx) => [label(ctx, 'type')],
  query: (ctx, c) => perHourBy(ctx, c, 'linesOfCode', [label(ctx, 'type')]),
});

/** All trend queries, in display order. */
export const TREND_QUERIES = [costRate, costRateByModel, costRateByUser, tokenRateByType, linesRateByType];
