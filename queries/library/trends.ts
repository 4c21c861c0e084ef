/**
 * Trend queries for time-series panels: rates per hour at each graph step. Each point is what was
 * reported during that step (exact, from the recording rules) scaled to an hour, so the area under the
 * curve equals the range total; `rate()` would smooth over and lose each session's first export.
 */
import { identityLabel, label, metricSelector } from '../context.js';
import { by, sum } from '../promql/builders.js';
import { withIdentity } from './common.js';
import { defineQuery } from './definition.js';

export const costRate = defineQuery({
  id: 'trends.costRate',
  title: 'Cost per hour',
  measure: 'usdPerHour',
  kind: 'range',
  description: 'USD per hour: what was reported in each graph step, scaled to one hour.',
  query: (ctx, c) => sum(c.perHour(metricSelector(ctx, 'cost'))),
});

export const costRateByModel = defineQuery({
  id: 'trends.costRateByModel',
  title: 'Cost per hour by model',
  measure: 'usdPerHour',
  kind: 'range',
  description: 'USD per hour by model: what was reported in each graph step, scaled to one hour.',
  groupBy: (ctx) => [label(ctx, 'model')],
  query: (ctx, c) => sum(c.perHour(metricSelector(ctx, 'cost')), by(label(ctx, 'model'))),
});

export const costRateByUser = defineQuery({
  id: 'trends.costRateByUser',
  title: 'Cost per hour by user',
  measure: 'usdPerHour',
  kind: 'range',
  description: 'USD per hour by user: what was reported in each graph step, scaled to one hour.',
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) => sum(withIdentity(ctx, c.perHour(metricSelector(ctx, 'cost'))), by(identityLabel(ctx))),
});

export const tokenRateByType = defineQuery({
  id: 'trends.tokenRateByType',
  title: 'Tokens per hour by type',
  measure: 'tokensPerHour',
  kind: 'range',
  description: 'Tokens per hour by type: what was reported in each graph step, scaled to one hour.',
  groupBy: (ctx) => [label(ctx, 'type')],
  query: (ctx, c) => sum(c.perHour(metricSelector(ctx, 'tokens')), by(label(ctx, 'type'))),
});

export const linesRateByType = defineQuery({
  id: 'trends.linesRateByType',
  title: 'Lines of code per hour',
  measure: 'count',
  kind: 'range',
  description: 'Lines added and removed per hour: what was reported in each graph step, scaled to one hour.',
  groupBy: (ctx) => [label(ctx, 'type')],
  query: (ctx, c) => sum(c.perHour(metricSelector(ctx, 'linesOfCode')), by(label(ctx, 'type'))),
});

/** All trend queries, in display order. */
export const TREND_QUERIES = [costRate, costRateByModel, costRateByUser, tokenRateByType, linesRateByType];
