/** Pie charts: the shares of a total (cost by model, tokens by type). */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import { applyBase, type BasePanelOptions } from './base.js';

/** Options of `pieChartPanel`. */
export interface PieChartOptions extends BasePanelOptions {
}

/** A donut with a table legend showing each slice's value and percentage. */
export function pieChartPanel(o: PieChartOptions): piechart.PanelBuilder {
  const p = applyBase(new piechart.PanelBuilder(), o)
    .pieType(piechart.PieChartType.Donut)
    .displayLabels([piechart.PieChartLabels.Percent])
    .legend(
      new piechart.PieChartLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Right)
        .values([piechart.PieChartLegendValues.Value, piechart.PieChartLegendValues.Percent]),
    )
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  return p;
}
