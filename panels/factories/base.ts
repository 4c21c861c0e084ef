/**
 * What every data-panel factory shares: the options every panel takes, and applying them to any of the
 * foundation SDK's panel builders (they all have the same methods for these fields).
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { neutralThresholds, prometheusDatasource } from '../common.js';

/** Options every data panel takes. */
export interface BasePanelOptions {
  readonly title: string;
  /** What the number means and how it is computed (Grafana shows it as the panel's info tooltip). */
  readonly description: string;
  /** An SDK unit constant, e.g. `units.Dollars`. */
  readonly unit: string;
  /** Prometheus targets (`queryTarget`), or Loki targets (`logQueryTarget`) with `datasource` set to match. */
  readonly targets: readonly cog.Builder<cog.Dataquery>[];
  /** The panel's datasource; defaults to the Prometheus datasource variable. */
  readonly datasource?: dashboard.DataSourceRef;
  readonly decimals?: number;
  /** Colour thresholds; defaults to one neutral colour (Grafana's default "red at 80" would mislead). */
  readonly thresholds?: dashboard.ThresholdsConfigBuilder;
}

/** The builder methods `applyBase` uses; every SDK panel builder has them. */
export interface BaseBuilder<B> {
  title(title: string): B;
  description(description: string): B;
  datasource(datasource: dashboard.DataSourceRef): B;
  unit(unit: string): B;
  decimals(decimals: number): B;
  thresholds(thresholds: cog.Builder<dashboard.ThresholdsConfig>): B;
  withTarget(target: cog.Builder<cog.Dataquery>): B;
}

/** Sets title, description, datasource, unit, thresholds, decimals and targets on a panel builder. */
export function applyBase<B extends BaseBuilder<B>>(builder: B, o: BasePanelOptions): B {
  builder
    .title(o.title)
    .description(o.description)
    .datasource(o.datasource ?? prometheusDatasource())
    .unit(o.unit)
    .thresholds(o.thresholds ?? neutralThresholds());
  if (o.decimals !== undefined) builder.decimals(o.decimals);
  for (const t of o.targets) builder.withTarget(t);
  return builder;
}
