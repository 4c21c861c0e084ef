/**
 * Panel factories driven by a named query: title, description, unit and decimals come from the query
 * definition, so a panel cannot drift from what its query computes. Every option can be overridden, and
 * each factory returns the SDK builder for further adjustment.
 */
import type * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import type * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import type * as stat from '@grafana/grafana-foundation-sdk/stat';
import type * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type { QueryContext } from '../queries/context.js';
import type { QueryDefinition } from '../queries/library/definition.js';
import { effectiveQuery, panelOverride } from '../queries/overrides.js';
import { decimalsFor, describe, queryTarget, unitFor, type TargetOptions } from './common.js';
import { barGaugePanel, type BarGaugeOptions } from './factories/bargauge.js';
import { gaugePanel, type GaugeOptions } from './factories/gauge.js';
import { pieChartPanel, type PieChartOptions } from './factories/piechart.js';
import { statPanel, type StatOptions } from './factories/stat.js';
import { timeSeriesPanel, type TimeSeriesOptions } from './factories/timeseries.js';

/** Options shared by the query-driven factories: the target's options plus panel overrides. */
export type FromQuery<O> = Partial<O> & { readonly target?: TargetOptions };

/**
 * The options of a panel for query `stock`: defaults from the (overridden) definition, then the caller's
 * options, then the configuration's panel override for the query, which wins because it is the user's.
 */
function options<T extends { readonly target?: TargetOptions }>(ctx: QueryContext, stock: QueryDefinition, o: T) {
  const q = effectiveQuery(ctx, stock);
  const decimals = decimalsFor(q.measure);
  return {
    title: q.title,
    description: describe(ctx, [q]),
    unit: unitFor(q.measure),
    targets: [queryTarget(ctx, q, o.target)],
    ...(decimals !== undefined ? { decimals } : {}),
    ...o,
    ...panelOverride(ctx, q.id),
  };
}

/** A stat panel for a named query. */
export function queryStat(ctx: QueryContext, q: QueryDefinition, o: FromQuery<StatOptions> = {}): stat.PanelBuilder {
  return statPanel(options(ctx, q, o));
}

/** A time-series panel for a named range query. */
export function queryTimeSeries(ctx: QueryContext, q: QueryDefinition, o: FromQuery<TimeSeriesOptions> = {}): timeseries.PanelBuilder {
  if (effectiveQuery(ctx, q).kind !== 'range') {
    throw new Error(
      `queryTimeSeries: "${q.id}" is an instant query (one value per series over the whole range), which a time series would draw as a single point. Use queryStat, queryTable, queryBarGauge or queryPieChart for it, or a range query (kind: 'range') for a trend.`,
    );
  }
  return timeSeriesPanel(options(ctx, q, o));
}

/** A pie chart for a named query grouped by one label. */
export function queryPieChart(ctx: QueryContext, q: QueryDefinition, o: FromQuery<PieChartOptions> = {}): piechart.PanelBuilder {
  return pieChartPanel(options(ctx, q, o));
}

/** A bar gauge for a named query grouped by one label. */
export function queryBarGauge(ctx: QueryContext, q: QueryDefinition, o: FromQuery<BarGaugeOptions> = {}): bargauge.PanelBuilder {
  return barGaugePanel(options(ctx, q, o));
}

/** A gauge for a named ratio query; thresholds, min and max are required because they carry the meaning. */
export function queryGauge(
  ctx: QueryContext,
  q: QueryDefinition,
  o: FromQuery<GaugeOptions> & Pick<GaugeOptions, 'thresholds' | 'min' | 'max'>,
): gauge.PanelBuilder {
  return gaugePanel(options(ctx, q, o));
}
