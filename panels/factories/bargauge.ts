/** Bar gauges: compare a total across the values of one label (users, models, terminals). */
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { applyBase, type BasePanelOptions } from './base.js';

/** Options of `barGaugePanel`. */
export interface BarGaugeOptions extends BasePanelOptions {
  /** Fixed scale, e.g. 0..1 for ratios; otherwise Grafana scales to the data. */
  readonly min?: number;
  readonly max?: number;
}

/** A horizontal bar gauge, one bar per series, in the order the query returns them. */
export function barGaugePanel(o: BarGaugeOptions): bargauge.PanelBuilder {
  const p = applyBase(new bargauge.PanelBuilder(), o)
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Basic)
    .showUnfilled(true)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  if (o.min !== undefined) p.min(o.min);
  if (o.max !== undefined) p.max(o.max);
  return p;
}
