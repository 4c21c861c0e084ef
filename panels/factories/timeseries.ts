/** Time-series panels: trends over the selected range. */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { applyBase, type BasePanelOptions } from './base.js';

/** Options of `timeSeriesPanel`. */
export interface TimeSeriesOptions extends BasePanelOptions {
  /** Stack the series (for parts of a whole, e.g. cost by model). */
  readonly stacked?: boolean;
}

/**
 * A time-series panel with a table legend. The legend shows mean and max: for rates per hour the
 * mean is meaningful and a "sum" of rate samples is not.
 */
export function timeSeriesPanel(o: TimeSeriesOptions): timeseries.PanelBuilder {
  const p = applyBase(new timeseries.PanelBuilder(), o)
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
  return p;
}
