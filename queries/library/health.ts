/**
 * Health queries: is the telemetry pipeline complete? Whether Prometheus reaches the collector (`up` and
 * failed scrapes of the configured jobs), what the collector accepted, refused and failed to send (its own
 * metrics on the internal telemetry port), whether our recording rules are loaded and evaluate without
 * failures (Prometheus' own rule metrics, for the group names of `queries/rules.ts`), the counter resets and
 * new series in Claude Code's metrics, when each user, terminal and version last reported, and whether
 * the cost the `api_request` events report agrees with the cost metric.
 *
 * The collector's and Prometheus' own counters live as long as their process and are read with
 * `increase()` (extrapolated to the range; what matters is whether they are 0). They do not carry the
 * configuration's `extraMatchers`, which select Claude Code's series, not the infrastructure's (the
 * scrape alert of `queries/alerts.ts` reads `up` the same way). Names are those the collector's
 * Prometheus reader exposes with `without_units: true` (provisioning/otel-collector/config.yaml).
 */
import { METRIC_KEYS } from '../catalog.js';
import { eventMetricSelector, identityLabel, label, metricSelector, type QueryContext } from '../context.js';
import { RULE_GROUP_NAME, EVENT_RULE_GROUP_NAME } from '../rules.js';
import { escapeRegex } from '../promql/escape.js';
import {
  add,
  by,
  count,
  countOverTime,
  div,
  eq,
  greaterThan,
  increase,
  labelReplace,
  lastOverTime,
  max,
  maxOverTime,
  min,
  num,
  offset,
  oneOf,
  or,
  orZero,
  range,
  re,
  resets,
  selector,
  sub,
  subquery,
  sum,
  sumOverTime,
  time,
  timestamp,
  unless,
} from '../promql/builders.js';
import { duration, grafana } from '../promql/macros.js';
import type { InstantVector, VectorSelector } from '../promql/types.js';
import { grandTotal, withIdentity } from './common.js';
import { defineQuery, type Counters } from './definition.js';

/** The collector's own counters (component telemetry of the pinned collector, `_total` counters). */
export const COLLECTOR_METRICS = {
  acceptedPoints: 'otelcol_receiver_accepted_metric_points_total',
  refusedPoints: 'otelcol_receiver_refused_metric_points_total',
  acceptedRecords: 'otelcol_receiver_accepted_log_records_total',
  refusedRecords: 'otelcol_receiver_refused_log_records_total',
  failedPoints: 'otelcol_exporter_send_failed_metric_points_total',
  failedRecords: 'otelcol_exporter_send_failed_log_records_total',
} as const;

/** Prometheus' own rule metrics; `rule_group` is `<rules file>;<group name>`. */
export const RULE_METRICS = {
  evaluationFailures: 'prometheus_rule_evaluation_failures_total',
  lastEvaluation: 'prometheus_rule_group_last_evaluation_timestamp_seconds',
} as const;

/** Every metric of the pipeline itself the health queries read (not Claude Code's; checked apart in tests). */
export const PIPELINE_METRICS: readonly string[] = ['up', ...Object.values(COLLECTOR_METRICS), ...Object.values(RULE_METRICS)];
/** Our rule groups, in the order `queries/rules.ts` writes them. */
export const OUR_RULE_GROUPS = [RULE_GROUP_NAME, EVENT_RULE_GROUP_NAME] as const;

/** The last-data subquery step: at most Prometheus' lookback (5m), so no sample falls between steps. */
const LAST_DATA_STEP = duration('1m');

/** `up` of the job that scrapes Claude Code's metrics from the collector (`alerts.collectorJob`). */
function collectorUp(ctx: QueryContext): VectorSelector {
  return selector('up', [eq('job', ctx.config.alerts.collectorJob)]);
}

/** A counter of the collector's own telemetry, scraped as `health.collectorInternalJob`. */
function collectorCounter(ctx: QueryContext, name: string): VectorSelector {
  return selector(name, [eq('job', ctx.config.health.collectorInternalJob)]);
}

/** One number: what a long-lived counter grew by within the range, summed, 0 when absent. */
function grewBy(s: VectorSelector): InstantVector {
  return orZero(sum(increase(range(s, grafana.range))));
}

/** A selector of our rule groups' series of a Prometheus rule metric. */
function ourGroups(name: string): VectorSelector {
  return selector(name, [re('rule_group', `.*;(${OUR_RULE_GROUPS.map(escapeRegex).join('|')})`)]);
}

/** `rule_group` without its file: the group name alone. */
function groupName(v: InstantVector): InstantVector {
  return labelReplace(v, 'rule_group', '$1', 'rule_group', '.*;(.*)');
}

/** The sum over Claude Code's eight metrics of one per-metric number (each 0 when absent). */
function overMetrics(ctx: QueryContext, f: (s: VectorSelector) => InstantVector): InstantVector {
  const [first, ...rest] = METRIC_KEYS.map((m) => orZero(f(metricSelector(ctx, m))));
  return rest.reduce((a, b) => add(a, b), first as InstantVector);
}

/** The cost the api_request events report and the cost metric, within the range (the cross-check's two sides). */
function costSides(ctx: QueryContext, c: Counters): { events: InstantVector; metric: InstantVector } {
  return { events: orZero(sum(c.total(eventMetricSelector(ctx, 'apiRequestCost')))), metric: grandTotal(ctx, c, 'cost') };
}

export const collectorTargetUp = defineQuery({
  id: 'health.collectorUp',
  title: 'Collector scrape',
  measure: 'count',
  description: 'up of the job that scrapes Claude Code metrics from the collector (alerts.collectorJob) at the end of the range: 1 when the last scrape succeeded (the lowest of its targets), 0 when it failed, no data when the job does not exist.',
  query: (ctx) => min(collectorUp(ctx)),
});

export const scrapeFailures = defineQuery({
  id: 'health.scrapeFailures',
  title: 'Failed scrapes',
  measure: 'count',
  description: 'Failed scrapes of the collector job within the range, exactly: scrapes recorded (count_over_time of up) minus successful ones (sum_over_time of up). Claude Code data is counted again after a gap while it is shorter than the rules\u2019 look-back.',
  query: (ctx) => orZero(sum(sub(countOverTime(range(collectorUp(ctx), grafana.range)), sumOverTime(range(collectorUp(ctx), grafana.range))))),
});

export const upByTarget = defineQuery({
  id: 'health.upByTarget',
  title: 'Scrape targets up',
  measure: 'count',
  kind: 'range',
  description: 'up of the collector\u2019s two scrape jobs (Claude Code metrics: alerts.collectorJob; the collector\u2019s own metrics: health.collectorInternalJob) at each graph step, per job and instance.',
  groupBy: () => ['job', 'instance'],
  query: (ctx) => max(selector('up', [oneOf('job', [ctx.config.alerts.collectorJob, ctx.config.health.collectorInternalJob])]), by('job', 'instance')),
});

export const acceptedMetricPoints = defineQuery({
  id: 'health.acceptedMetricPoints',
  title: 'Metric points accepted',
  measure: 'count',
  description: 'Metric points the collector\u2019s receivers accepted within the range (otelcol_receiver_accepted_metric_points_total, read with increase()).',
  query: (ctx) => grewBy(collectorCounter(ctx, COLLECTOR_METRICS.acceptedPoints)),
});

export const refusedMetricPoints = defineQuery({
  id: 'health.refusedMetricPoints',
  title: 'Metric points refused',
  measure: 'count',
  description: 'Metric points the collector\u2019s receivers refused within the range (otelcol_receiver_refused_metric_points_total, e.g. under the memory limiter): data Claude Code sent that never reached Prometheus. Should be 0.',
  query: (ctx) => grewBy(collectorCounter(ctx, COLLECTOR_METRICS.refusedPoints)),
});

export const acceptedLogRecords = defineQuery({
  id: 'health.acceptedLogRecords',
  title: 'Events accepted',
  measure: 'count',
  description: 'Log records (Claude Code events) the collector\u2019s receivers accepted within the range (otelcol_receiver_accepted_log_records_total, read with increase()).',
  query: (ctx) => grewBy(collectorCounter(ctx, COLLECTOR_METRICS.acceptedRecords)),
});

export const refusedLogRecords = defineQuery({
  id: 'health.refusedLogRecords',
  title: 'Events refused',
  measure: 'count',
  description: 'Log records (Claude Code events) the collector\u2019s receivers refused within the range (otelcol_receiver_refused_log_records_total). Should be 0.',
  query: (ctx) => grewBy(collectorCounter(ctx, COLLECTOR_METRICS.refusedRecords)),
});

export const exporterSendFailures = defineQuery({
  id: 'health.exporterSendFailures',
  title: 'Exporter send failures',
  measure: 'count',
  description: 'Metric points plus log records the collector\u2019s exporters failed to send within the range (otelcol_exporter_send_failed_metric_points_total + otelcol_exporter_send_failed_log_records_total), e.g. Loki unreachable. Should be 0.',
  query: (ctx) => add(grewBy(collectorCounter(ctx, COLLECTOR_METRICS.failedPoints)), grewBy(collectorCounter(ctx, COLLECTOR_METRICS.failedRecords))),
});

export const ruleEvaluationFailures = defineQuery({
  id: 'health.ruleEvaluationFailures',
  title: 'Rule evaluation failures',
  measure: 'count',
  description: `Failed rule evaluations of our groups (${OUR_RULE_GROUPS.join(', ')}) within the range (prometheus_rule_evaluation_failures_total, read with increase()). Should be 0; the Prometheus log names the rule.`,
  query: () => grewBy(ourGroups(RULE_METRICS.evaluationFailures)),
});

export const ruleGroupsLoaded = defineQuery({
  id: 'health.ruleGroupsLoaded',
  title: 'Rule groups loaded',
  measure: 'count',
  description: `How many of our ${OUR_RULE_GROUPS.length} rule groups (${OUR_RULE_GROUPS.join(', ')}) Prometheus has loaded at the end of the range (they have a prometheus_rule_group_last_evaluation_timestamp_seconds).`,
  query: () => orZero(count(ourGroups(RULE_METRICS.lastEvaluation))),
});

export const ruleGroupEvaluationAge = defineQuery({
  id: 'health.ruleGroupEvaluationAge',
  title: 'Since last rule evaluation',
  measure: 'seconds',
  description: 'Seconds from each of our rule groups\u2019 last evaluation to the end of the range; about the scrape interval when the group runs.',
  groupBy: () => ['rule_group'],
  query: () => sub(time(), max(groupName(ourGroups(RULE_METRICS.lastEvaluation)), by('rule_group'))),
});

export const counterResets = defineQuery({
  id: 'health.counterResets',
  title: 'Counter resets',
  measure: 'count',
  description: 'Drops of Claude Code\u2019s counters within the range, over all eight metrics (resets() per series, summed): each is a running total that started again from zero, e.g. after a collector restart or a session the pipeline had forgotten. The rules count through them; many mean restarts.',
  query: (ctx) => overMetrics(ctx, (s) => sum(resets(range(s, grafana.range)))),
});

export const newSeriesPerHour = defineQuery({
  id: 'health.newSeriesPerHour',
  title: 'New series per hour',
  measure: 'count',
  description:
    'Series churn: Claude Code series (all eight metrics) with samples in the range and none in the range of the same length before it, per hour of the range ($__range_s / 3600). Mostly new sessions (session_id is a label); a sudden rise means a new label or a restart of every client.',
  query: (ctx) => {
    const seen = (s: VectorSelector) => lastOverTime(range(s, grafana.range));
    const before = (s: VectorSelector) => lastOverTime(offset(range(s, grafana.range), grafana.range));
    return div(overMetrics(ctx, (s) => count(unless(seen(s), before(s)))), div(grafana.rangeSeconds, num(3600)));
  },
});

export const timeSinceLastData = defineQuery({
  id: 'health.timeSinceLastData',
  title: 'Since last data',
  measure: 'seconds',
  description:
    'Seconds from the newest stored cost sample to the end of the range, per user, terminal and Claude Code version (app_version, present with OTEL_METRICS_INCLUDE_VERSION=1). The collector keeps showing a series for pipeline.exporterExpiry after its last change, so this is the last report plus at most that. Rows appear for series with samples in the range or in Prometheus\u2019 5m lookback before it.',
  groupBy: (ctx) => [identityLabel(ctx), label(ctx, 'terminal.type'), label(ctx, 'app.version')],
  query: (ctx) => {
    const cost = metricSelector(ctx, 'cost');
    // The newest sample at the end, else the newest one a 1m-step subquery over the range saw.
    const newest = or(timestamp(cost), maxOverTime(subquery(timestamp(cost), grafana.range, LAST_DATA_STEP)));
    return sub(time(), max(withIdentity(ctx, newest), by(identityLabel(ctx), label(ctx, 'terminal.type'), label(ctx, 'app.version'))));
  },
});

export const eventCost = defineQuery({
  id: 'health.eventCost',
  title: 'Cost from events',
  measure: 'usd',
  description: 'Cost within the range as the api_request events report it (the sum of their cost_usd, derived by the collector), counted exactly by the event rules.',
  query: (ctx, c) => costSides(ctx, c).events,
});

export const metricCost = defineQuery({
  id: 'health.metricCost',
  title: 'Cost from the cost metric',
  measure: 'usd',
  description: 'Cost within the range from the cost metric, counted exactly by the rules (the overview\u2019s total).',
  query: (ctx, c) => costSides(ctx, c).metric,
});

export const costGapUsd = defineQuery({
  id: 'health.costGapUsd',
  title: 'Cost gap',
  measure: 'usd',
  description: 'Cost metric minus the cost of the api_request events within the range: 0 when both arrived complete; above 0 when events were lost (OTEL_LOGS_EXPORTER unset, Loki or the logs pipeline failing), below 0 when metric points were lost.',
  query: (ctx, c) => {
    const { events, metric } = costSides(ctx, c);
    return sub(metric, events);
  },
});

export const costGapRatio = defineQuery({
  id: 'health.costGapRatio',
  title: 'Cost gap %',
  measure: 'ratio',
  description: 'The cost gap as a share of the cost metric within the range: (metric \u2212 events) / metric. No data when the metric reports no cost.',
  query: (ctx, c) => {
    const { events, metric } = costSides(ctx, c);
    return div(sub(metric, events), greaterThan(metric, num(0)));
  },
});

/** All health queries, in display order. */
export const HEALTH_QUERIES = [
  collectorTargetUp,
  scrapeFailures,
  upByTarget,
  acceptedMetricPoints,
  refusedMetricPoints,
  acceptedLogRecords,
  refusedLogRecords,
  exporterSendFailures,
  ruleEvaluationFailures,
  ruleGroupsLoaded,
  ruleGroupEvaluationAge,
  counterResets,
  newSeriesPerHour,
  timeSinceLastData,
  eventCost,
  metricCost,
  costGapUsd,
  costGapRatio,
];
