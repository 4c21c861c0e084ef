/**
 * Activity over time: the time-series panels of the activity dashboard, from the metrics the collector
 * derives from Claude Code's events (queries/events.ts). Each point is what was reported during its graph
 * step, read exactly from the recording rules (`Counters.perHour`): API requests and tool calls per
 * minute, the API error rate and the API latency p95 per model. Kept apart from activity.ts (the range
 * totals) so that each file stays readable; the ids are the activity area's. A step in which a group
 * reported nothing shows 0, not a gap, so a legend's mean is over every step of the range.
 */
import { eventMetricSelector, label, type QueryContext } from '../context.js';
import type { EventMetricKey } from '../events.js';
import { add, by, div, histogramQuantile, lastOverTime, mul, num, or, orZero, range, sum } from '../promql/builders.js';
import { grafana } from '../promql/macros.js';
import type { InstantVector } from '../promql/types.js';
import { defineQuery, type Counters } from './definition.js';

/**
 * Per minute at each graph step, `sum by (attributes)` of a derived counter; 0 at the steps where a group
 * that reported within the range reported nothing (`inRange`), as the overview's trends do.
 */
export function eventsPerMinuteBy(ctx: QueryContext, c: Counters, key: EventMetricKey, attributes: readonly string[]): InstantVector {
  const sel = eventMetricSelector(ctx, key);
  const grouping = by(...attributes.map((a) => label(ctx, a)));
  return div(or(sum(c.perHour(sel), grouping), sum(c.inRange(sel), grouping)), num(60));
}

/** Events of a derived counter during each step, all series summed; 0 when there were none. */
function stepEvents(ctx: QueryContext, c: Counters, key: EventMetricKey): InstantVector {
  return orZero(sum(c.perHour(eventMetricSelector(ctx, key))));
}

export const apiRequestRateByModel = defineQuery({
  id: 'activity.apiRequestRateByModel',
  title: 'API requests per minute by model',
  measure: 'perMinute',
  kind: 'range',
  description: 'API requests per minute at each graph step, by model: what was reported during the step, 0 for a model that made no request in it.',
  groupBy: (ctx) => [label(ctx, 'model')],
  query: (ctx, c) => eventsPerMinuteBy(ctx, c, 'apiRequests', ['model']),
});

export const apiErrorRateOverTime = defineQuery({
  id: 'activity.apiErrorRateOverTime',
  title: 'API error rate over time',
  measure: 'ratio',
  kind: 'range',
  description: 'Failed requests as a share of all requests at each graph step: api_error / (api_request + api_error) of the step; no point for a step without requests.',
  query: (ctx, c) => div(stepEvents(ctx, c, 'apiErrors'), add(stepEvents(ctx, c, 'apiRequests'), stepEvents(ctx, c, 'apiErrors'))),
});

export const latencyP95OverTime = defineQuery({
  id: 'activity.latencyP95OverTime',
  title: 'API latency p95 over time by model',
  measure: 'milliseconds',
  kind: 'range',
  description:
    "The p95 of the durations of the API requests reported during each graph step, per model, from the collector's duration histogram; accurate to its bucket. No point for a step in which a model made no request.",
  groupBy: (ctx) => [label(ctx, 'model')],
  query: (ctx, c) => {
    const buckets = eventMetricSelector(ctx, 'apiRequestDuration', 'bucket');
    // Buckets that gained nothing during the step have no rule sample; add them as 0 from the raw
    // buckets, so the lowest filled bucket interpolates from its own lower bound (as durationQuantile).
    const seen = mul(lastOverTime(range(buckets, grafana.interval)), num(0));
    return histogramQuantile(0.95, sum(or(c.perHour(buckets), seen), by('le', label(ctx, 'model'))));
  },
});

export const toolCallRateByTool = defineQuery({
  id: 'activity.toolCallRateByTool',
  title: 'Tool calls per minute by tool',
  measure: 'perMinute',
  kind: 'range',
  description: 'Finished tool calls (tool_result events) per minute at each graph step, by tool name; 0 for a tool not called in the step.',
  groupBy: (ctx) => [label(ctx, 'tool_name')],
  query: (ctx, c) => eventsPerMinuteBy(ctx, c, 'toolResults', ['tool_name']),
});

/** The activity time series, in display order. */
export const ACTIVITY_TREND_QUERIES = [apiRequestRateByModel, apiErrorRateOverTime, latencyP95OverTime, toolCallRateByTool];
