/** Pie charts: the shares of a total (cost by model, tokens by type). */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { neutralThresholds, prometheusDatasource } from '../common.js';

/** Options of `pieChartPanel`. */
export interface PieChartOptions {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly targets: readonly prometheus.DataqueryBuilder[];
  readonly decimals?: number;
}

/** A donut with a table legend showing each slice's value and percentage. */
export function pieChartPanel(o: PieChartOptions): piechart.PanelBuilder {
  const p = new piechart.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(prometheusDatasource())
    .unit(o.unit)
    .thresholds(neutralThresholds())
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
  if (o.decimals !== undefined) p.decimals(o.decimals);
  for (const t of o.targets) p.withTarget(t);
  return p;
}
