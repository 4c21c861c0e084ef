/**
 * The truth behind every activity query id that reads the metrics derived from events, computed from the
 * synthetic event records alone (never from Prometheus): counts per group, exact ratios, and for the
 * latency quantiles the histogram bucket the true quantile of the recorded durations lies in (a
 * histogram can be no more precise than its buckets). Which records a window counts follows when the
 * dashboards can see them: at the first successful scrape after the export reached the collector, one
 * evaluation delay later in the recording rules.
 */
import { EVENT_METRICS, type EventMetricKey } from '../../queries/events.js';
import type { SyntheticEventRecord } from '../synthetic/events.js';
import { bucketIndex } from '../synthetic/signaltometrics.js';

/** Joins group values into a map key (the same separator as expectations.ts, which imports this module). */
const GROUP_SEPARATOR = '\u0001';

/** What one query must show in one window: values per group key (label values joined, "" for absent). */
export interface EventTruth {
  readonly groupBy: readonly string[];
  /** `count`: exact; `ratio`: exact up to float rounding; `bucket`: within [lower, upper] of `bounds`. */
  readonly kind: 'count' | 'ratio' | 'bucket';
  readonly values: ReadonlyMap<string, number>;
  /** For `bucket`: the bounds of the bucket each group's true quantile lies in. */
  readonly bounds?: ReadonlyMap<string, readonly [number, number]>;
}

export type Where = (r: SyntheticEventRecord) => boolean;
export type TruthFn = (records: readonly SyntheticEventRecord[], rangeMs: number) => EventTruth;

function keyOf(r: SyntheticEventRecord, groupBy: readonly string[]): string {
  return groupBy.map((a) => String(r.attributes[a] ?? '')).join(GROUP_SEPARATOR);
}

function eventsOf(records: readonly SyntheticEventRecord[], key: EventMetricKey, where?: Where): SyntheticEventRecord[] {
  const m = EVENT_METRICS[key];
  return records.filter((r) => r.name === m.event && (m.valueAttribute === undefined || r.attributes[m.valueAttribute] !== undefined) && (!where || where(r)));
}

/** Number of events per group. */
export function countsBy(records: readonly SyntheticEventRecord[], key: EventMetricKey, groupBy: readonly string[], where?: Where): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of eventsOf(records, key, where)) out.set(keyOf(r, groupBy), (out.get(keyOf(r, groupBy)) ?? 0) + 1);
  return out;
}

export function total(records: readonly SyntheticEventRecord[], key: EventMetricKey, where?: Where): number {
  return eventsOf(records, key, where).length;
}

export const is = (attribute: string, value: string): Where => (r) => String(r.attributes[attribute]) === value;

export function counted(key: EventMetricKey, groupBy: readonly string[] = [], where?: Where): TruthFn {
  return (records) => {
    const values = countsBy(records, key, groupBy, where);
    // Ungrouped totals read 0, not "No data" (`or vector(0)`).
    if (groupBy.length === 0 && values.size === 0) values.set('', 0);
    return { groupBy, kind: 'count', values };
  };
}

export function ratio(value: (records: readonly SyntheticEventRecord[]) => [number, number]): TruthFn {
  return (records) => {
    const [n, d] = value(records);
    return { groupBy: [], kind: 'ratio', values: d === 0 ? new Map() : new Map([['', n / d]]) };
  };
}

/** The sample φ-quantile (the value of rank ⌈φ·n⌉) of each group's durations, and its histogram bucket. */
export function quantile(key: EventMetricKey, phi: number, groupBy: readonly string[]): TruthFn {
  return (records) => {
    const byGroup = new Map<string, number[]>();
    const attribute = EVENT_METRICS[key].valueAttribute as string;
    for (const r of eventsOf(records, key)) {
      const k = keyOf(r, groupBy);
      byGroup.set(k, [...(byGroup.get(k) ?? []), Number(r.attributes[attribute])]);
    }
    const values = new Map<string, number>();
    const bounds = new Map<string, readonly [number, number]>();
    const buckets = EVENT_METRICS[key].buckets ?? [];
    for (const [k, durations] of byGroup) {
      const sorted = [...durations].sort((a, b) => a - b);
      const q = sorted[Math.max(0, Math.ceil(phi * sorted.length) - 1)] as number;
      const i = bucketIndex(buckets, q);
      // Prometheus answers the highest finite bound for a quantile in the +Inf bucket.
      const top = buckets[buckets.length - 1] as number;
      values.set(k, q);
      bounds.set(k, i === buckets.length ? [top, top] : [i === 0 ? 0 : (buckets[i - 1] as number), buckets[i] as number]);
    }
    return { groupBy, kind: 'bucket', values, bounds };
  };
}

/** Truth per activity query id, from the records a window counts and its length. */
export const EVENT_TRUTH: Readonly<Record<string, TruthFn>> = {
  'activity.apiRequests': counted('apiRequests'),
  'activity.apiRequestsPerMinute': (records, rangeMs) => ({ groupBy: [], kind: 'ratio', values: new Map([['', total(records, 'apiRequests') / (rangeMs / 60_000)]]) }),
  'activity.apiRequestsByModel': counted('apiRequests', ['model']),
  'activity.latencyP50ByModel': quantile('apiRequestDuration', 0.5, ['model']),
  'activity.latencyP95ByModel': quantile('apiRequestDuration', 0.95, ['model']),
  'activity.latencyP99ByModel': quantile('apiRequestDuration', 0.99, ['model']),
  'activity.apiErrors': counted('apiErrors'),
  'activity.apiErrorRate': ratio((r) => [total(r, 'apiErrors'), total(r, 'apiRequests') === 0 ? 0 : total(r, 'apiRequests') + total(r, 'apiErrors')]),
  'activity.apiErrorsByStatusCode': counted('apiErrors', ['status_code']),
  'activity.retriesExhausted': counted('apiRetriesExhausted'),
  'activity.refusals': counted('apiRefusals'),
  'activity.toolCalls': counted('toolResults'),
  'activity.toolSuccessRate': ratio((r) => [total(r, 'toolResults', is('success', 'true')), total(r, 'toolResults')]),
  'activity.toolCallsByTool': counted('toolResults', ['tool_name']),
  'activity.toolP95ByTool': quantile('toolResultDuration', 0.95, ['tool_name']),
  'activity.toolFailuresByTool': counted('toolResults', ['tool_name'], is('success', 'false')),
  'activity.toolDecisionsBySource': counted('toolDecisions', ['decision', 'source']),
  'activity.userPrompts': counted('userPrompts'),
  'activity.subagentsByType': counted('subagentsCompleted', ['agent_type']),
  'activity.mcpConnectionsByStatus': counted('mcpConnections', ['status', 'transport_type']),
  'activity.compactionsByTrigger': counted('compactions', ['trigger', 'success']),
  'activity.hookExecutionsByEvent': counted('hookExecutions', ['hook_event']),
  'activity.skillsByName': counted('skillsActivated', ['skill.name', 'skill.source']),
};

/** Counts of a step scaled to one minute (the `perMinute` time series). */
function perMinute(fn: TruthFn): TruthFn {
  return (records, stepMs) => {
    const t = fn(records, stepMs);
    return { ...t, values: new Map([...t.values].map(([k, v]) => [k, v / (stepMs / 60_000)])) };
  };
}

/**
 * Truth per activity time series, from the records one graph step counts and the step's length
 * (scripts/accuracy/event-trends.ts compares every point with it).
 */
export const EVENT_TREND_TRUTH: Readonly<Record<string, TruthFn>> = {
  'activity.apiRequestRateByModel': perMinute(counted('apiRequests', ['model'])),
  'activity.apiErrorRateOverTime': ratio((r) => [total(r, 'apiErrors'), total(r, 'apiRequests') + total(r, 'apiErrors')]),
  'activity.latencyP95OverTime': quantile('apiRequestDuration', 0.95, ['model']),
  'activity.toolCallRateByTool': perMinute(counted('toolResults', ['tool_name'])),
};
