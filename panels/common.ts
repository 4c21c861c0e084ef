/**
 * Defaults shared by every panel: the datasource reference, Prometheus targets built from named
 * queries, units and decimals per measure, thresholds, and panel descriptions.
 */
import { FALLBACK_ERROR } from '../queries/fallback.js';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { METRIC_KEYS, type MetricKey } from '../queries/catalog.js';
import { ignoredEventFilters, ignoredFilters, type QueryContext } from '../queries/context.js';
import { EVENT_METRIC_KEYS, eventMetricName, type EventMetricKey } from '../queries/events.js';
import { effectiveQuery } from '../queries/overrides.js';
import type { Measure, QueryDefinition } from '../queries/library/definition.js';
import { assertParses } from '../queries/promql/parse.js';
import { metricName, NAMING_SCHEMES } from '../queries/naming.js';
import { metricNames } from '../queries/promql/walk.js';
import { render } from '../queries/promql/render.js';
import type { InstantVector } from '../queries/promql/types.js';

/** Name of the Prometheus datasource variable every panel and query variable uses. */
export const DATASOURCE_VARIABLE = 'datasource';

/** The datasource reference of every panel and target: the dashboard's Prometheus datasource variable. */
export function prometheusDatasource(): dashboard.DataSourceRef {
  return { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };
}

/** Where each built target came from; the dashboard build reads it to index targets by query id. */
const TARGET_ORIGINS = new WeakMap<object, TargetOrigin>();

/** The named query behind a target, and how the panel post-processed it. */
export interface TargetOrigin {
  readonly queryId: string;
  /** `logql` for Loki targets (`logQueryTarget`); PromQL otherwise. */
  readonly language?: 'logql';
  /** Set when the panel shows only the k largest series (`topk`). */
  readonly topk?: number;
}

/** Records where a built target object came from (for target builders other than `queryTarget`). */
export function recordTargetOrigin(target: object, origin: TargetOrigin): void {
  TARGET_ORIGINS.set(target, origin);
}

/** The origin recorded for a built target object, if it came from `queryTarget`. */
export function targetOrigin(target: object): TargetOrigin | undefined {
  return TARGET_ORIGINS.get(target);
}

/** Options of a Prometheus target. */
export interface TargetOptions {
  /** Legend template, e.g. `{{model}}`. */
  readonly legend?: string;
  /** `table` for table panels (one row per series). */
  readonly format?: 'table' | 'time_series';
  /** Post-processing of the query's result, e.g. `topk(10, ...)` and sorting for bar gauges. */
  readonly transform?: (v: InstantVector) => InstantVector;
  /** Recorded with the target when `transform` keeps only the k largest series. */
  readonly topk?: number;
}

/**
 * A Prometheus target for a named query, rendered under the context's naming scheme and filters, with the
 * configuration's override of the query (`queries.<id>`) applied. Fails at build time if the rendered
 * expression does not parse with Prometheus' grammar.
 */
export function queryTarget(ctx: QueryContext, stock: QueryDefinition, options: TargetOptions = {}): prometheus.DataqueryBuilder {
  const query = effectiveQuery(ctx, stock);
  const built = query.build(ctx);
  const expr = render(options.transform ? options.transform(built) : built);
  assertParses(expr, `Query "${query.id}"`);
  const target = new prometheus.DataqueryBuilder().datasource(prometheusDatasource()).expr(expr);
  if (query.kind === 'instant') target.instant();
  else target.range();
  if (options.legend !== undefined) target.legendFormat(options.legend);
  if (options.format) target.format(options.format === 'table' ? prometheus.PromQueryFormat.Table : prometheus.PromQueryFormat.TimeSeries);
  TARGET_ORIGINS.set(target.build(), { queryId: query.id, ...(options.topk !== undefined ? { topk: options.topk } : {}) });
  return target;
}

/** The Grafana unit of a measure, always an SDK unit constant. */
export function unitFor(measure: Measure): string {
  switch (measure) {
    case 'usd':
    case 'usdPerHour':
    case 'usdPerUnit':
      return units.Dollars;
    case 'tokens':
    case 'tokensPerHour':
      return units.Short;
    case 'count':
    case 'multiple':
      return units.Number;
    case 'ratio':
      return units.PercentUnit;
    case 'seconds':
      return units.Seconds;
    case 'milliseconds':
      return units.Milliseconds;
    case 'perMinute':
      return units.CountsPerMinute;
    case 'timestamp':
      return units.DatetimeISO;
  }
}

/** Decimals per measure: cents for money, whole numbers for counts, one decimal for percentages. */
export function decimalsFor(measure: Measure): number | undefined {
  switch (measure) {
    case 'usd':
    case 'usdPerHour':
      return 2;
    case 'usdPerUnit':
      return 3;
    case 'count':
      return 0;
    case 'ratio':
      return 1;
    case 'multiple':
    case 'perMinute':
      return 2;
    case 'milliseconds':
      return 0;
    default:
      return undefined;
  }
}

/** One threshold step; the first step's value is `null` (the base colour). */
export interface ThresholdStep {
  readonly value: number | null;
  readonly color: string;
}

/** A thresholds config from steps. */
export function thresholds(steps: readonly ThresholdStep[]): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps.map((s) => ({ ...s })));
}

/** A single neutral colour: for numbers where no value is good or bad (Grafana's default 80 = red would mislead). */
export function neutralThresholds(): dashboard.ThresholdsConfigBuilder {
  return thresholds([{ value: null, color: 'text' }]);
}

/** Green at or above the target ratio, orange up to 10 points below, red below that. */
export function targetThresholds(target: number): dashboard.ThresholdsConfigBuilder {
  const warn = Math.max(0, Math.round((target - 0.1) * 1000) / 1000);
  return thresholds([
    { value: null, color: 'red' },
    { value: warn, color: 'orange' },
    { value: target, color: 'green' },
  ]);
}

/** Green under 80 % of the budget, orange up to the budget, red above it. */
export function budgetThresholds(budget: number): dashboard.ThresholdsConfigBuilder {
  return thresholds([
    { value: null, color: 'green' },
    { value: Math.round(budget * 0.8 * 100) / 100, color: 'orange' },
    { value: budget, color: 'red' },
  ]);
}

/**
 * The description of a panel showing `queries`: what each number means and how it is computed, plus a
 * note on dashboard filters that do not apply because the metric lacks the label.
 */
export function describe(ctx: QueryContext, stock: readonly QueryDefinition[], lead?: string): string {
  const queries = stock.map((q) => effectiveQuery(ctx, q));
  const parts = lead ? [lead] : [];
  for (const q of queries) parts.push(queries.length > 1 || lead ? `${q.title}: ${q.description}` : q.description);
  const ignored = new Set<string>();
  for (const q of queries) for (const name of ignoredFiltersOfQuery(ctx, q)) ignored.add(name);
  if (ignored.size > 0) {
    parts.push(`Filters not applied here (the metric has no such label): ${[...ignored].map((n) => `$${n}`).join(', ')}.`);
  }
  // Every query that reads counters falls back to the raw approximation without the rules.
  if (queries.some((q) => metricsOf(ctx, q.build(ctx)).length > 0 || eventMetricsOf(q.build(ctx)).length > 0)) parts.push(FALLBACK_ERROR);
  return parts.join('\n\n');
}

/** Filters in the context that one of the query's metrics cannot honour. */
function ignoredFiltersOfQuery(ctx: QueryContext, q: QueryDefinition): string[] {
  const e = q.build(ctx);
  const ignored = [...metricsOf(ctx, e).flatMap((m) => ignoredFilters(ctx, m)), ...eventMetricsOf(e).flatMap((m) => ignoredEventFilters(ctx, m))];
  return [...new Set(ignored)].sort();
}

/** The derived event metrics (queries/events.ts) an expression selects: counters or histogram series. */
function eventMetricsOf(e: InstantVector): EventMetricKey[] {
  const names = new Set(metricNames(e.node));
  return EVENT_METRIC_KEYS.filter((key) => NAMING_SCHEMES.some((s) => (['total', 'bucket'] as const).some((kind) => names.has(eventMetricName(s, key, kind)))));
}

/** The catalog metrics an expression selects, under the context's naming scheme. */
function metricsOf(ctx: QueryContext, e: InstantVector): MetricKey[] {
  const names = new Set(metricNames(e.node));
  return METRIC_KEYS.filter((m) => names.has(metricName(ctx.config.naming, m, ctx.config.metricPrefix)));
}
