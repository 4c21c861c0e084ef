/** Bar gauges: compare a total across the values of one label (users, models, terminals). */
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { neutralThresholds, prometheusDatasource } from '../common.js';

/** Options of `barGaugePanel`. */
export interface BarGaugeOptions {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly targets: readonly prometheus.DataqueryBuilder[];
  readonly decimals?: number;
  readonly thresholds?: dashboard.ThresholdsConfigBuilder;
  /** Fixed scale, e.g. 0..1 for ratios; otherwise Grafana scales to the data. */
  readonly min?: number;
  readonly max?: number;
}

/** A horizontal bar gauge, one bar per series, in the order the query returns them. */
export function barGaugePanel(o: BarGaugeOptions): bargauge.PanelBuilder {
  const p = new bargauge.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(prometheusDatasource())
    .unit(o.unit)
    .thresholds(o.thresholds ?? neutralThresholds())
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Basic)
    .showUnfilled(true)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  if (o.decimals !== undefined) p.decimals(o.decimals);
  if (o.min !== undefined) p.min(o.min);
  if (o.max !== undefined) p.max(o.max);
  for (const t of o.targets) p.withTarget(t);
  return p;
}
