/** Stat panels: one big number per series, for totals over the selected range. */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import { neutralThresholds, prometheusDatasource } from '../common.js';

/** Options of `statPanel`. */
export interface StatOptions {
  readonly title: string;
  readonly description: string;
  /** An SDK unit constant, e.g. `units.Dollars`. */
  readonly unit: string;
  readonly targets: readonly prometheus.DataqueryBuilder[];
  readonly decimals?: number;
  /** Colour thresholds; defaults to one neutral colour. */
  readonly thresholds?: dashboard.ThresholdsConfigBuilder;
  /** Colour the background instead of the value (for numbers with meaningful thresholds). */
  readonly background?: boolean;
}

/** A stat panel showing the last value of each series (our totals are already over the whole range). */
export function statPanel(o: StatOptions): stat.PanelBuilder {
  const p = new stat.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(prometheusDatasource())
    .unit(o.unit)
    .thresholds(o.thresholds ?? neutralThresholds())
    .colorMode(o.background ? common.BigValueColorMode.Background : common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.None)
    .textMode(common.BigValueTextMode.Auto)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  if (o.decimals !== undefined) p.decimals(o.decimals);
  for (const t of o.targets) p.withTarget(t);
  return p;
}
