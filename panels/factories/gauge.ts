/** Gauges: a ratio against a target (cache hit rate, edit accept rate). */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { prometheusDatasource } from '../common.js';

/** Options of `gaugePanel`. */
export interface GaugeOptions {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly targets: readonly prometheus.DataqueryBuilder[];
  readonly thresholds: dashboard.ThresholdsConfigBuilder;
  readonly min: number;
  readonly max: number;
  readonly decimals?: number;
}

/** A gauge with its threshold markers shown, so the target is visible next to the value. */
export function gaugePanel(o: GaugeOptions): gauge.PanelBuilder {
  const p = new gauge.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(prometheusDatasource())
    .unit(o.unit)
    .min(o.min)
    .max(o.max)
    .thresholds(o.thresholds)
    .showThresholdMarkers(true)
    .showThresholdLabels(false)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  if (o.decimals !== undefined) p.decimals(o.decimals);
  for (const t of o.targets) p.withTarget(t);
  return p;
}
