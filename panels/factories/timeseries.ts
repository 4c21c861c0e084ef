/** Time-series panels: trends over the selected range. */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { neutralThresholds, prometheusDatasource } from '../common.js';

/** Options of `timeSeriesPanel`. */
export interface TimeSeriesOptions {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly targets: readonly prometheus.DataqueryBuilder[];
  readonly decimals?: number;
  /** Stack the series (for parts of a whole, e.g. cost by model). */
  readonly stacked?: boolean;
}

/**
 * A time-series panel with a table legend. The legend shows mean and max: for rates per hour the
 * mean is meaningful and a "sum" of rate samples is not (B11).
 */
export function timeSeriesPanel(o: TimeSeriesOptions): timeseries.PanelBuilder {
  const p = new timeseries.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(prometheusDatasource())
    .unit(o.unit)
    .thresholds(neutralThresholds())
    .drawStyle(common.GraphDrawStyle.Line)
    .lineWidth(1)
    .fillOpacity(o.stacked ? 30 : 10)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false)
    .stacking(new common.StackingConfigBuilder().mode(o.stacked ? common.StackingMode.Normal : common.StackingMode.None))
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Bottom)
        .calcs(['mean', 'max']),
    )
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
  if (o.decimals !== undefined) p.decimals(o.decimals);
  for (const t of o.targets) p.withTarget(t);
  return p;
}
