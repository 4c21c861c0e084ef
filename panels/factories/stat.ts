/** Stat panels: one big number per series, for totals over the selected range. */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import { applyBase, type BasePanelOptions } from './base.js';

/** Options of `statPanel`. */
export interface StatOptions extends BasePanelOptions {
  /** Colour the background instead of the value (for numbers with meaningful thresholds). */
  readonly background?: boolean;
}

/** A stat panel showing the last value of each series (our totals are already over the whole range). */
export function statPanel(o: StatOptions): stat.PanelBuilder {
  return applyBase(new stat.PanelBuilder(), o)
    .colorMode(o.background ? common.BigValueColorMode.Background : common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.None)
    .textMode(common.BigValueTextMode.Auto)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
}
