/** Gauges: a ratio against a target (cache hit rate, edit accept rate). */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import { applyBase, type BasePanelOptions } from './base.js';

/** Options of `gaugePanel`. */
export interface GaugeOptions extends BasePanelOptions {
  /** Required: a gauge without a target to compare against has no meaning. */
  readonly thresholds: dashboard.ThresholdsConfigBuilder;
  readonly min: number;
  readonly max: number;
}

/** A gauge with its threshold markers shown, so the target is visible next to the value. */
export function gaugePanel(o: GaugeOptions): gauge.PanelBuilder {
  return applyBase(new gauge.PanelBuilder(), o)
    .min(o.min)
    .max(o.max)
    .showThresholdMarkers(true)
    .showThresholdLabels(false)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
}
