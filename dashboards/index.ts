/**
 * `claude-code-dashboards/dashboards`: our dashboards as specs, and `buildDashboards` that turns a
 * configuration into dashboard JSON (provisioned and importable variants) with an index of targets.
 */
import type { Config } from '../queries/config.js';
import { checkQueryOverrides } from '../queries/overrides.js';
import { activityDashboard } from './activity.js';
import { assemble, type DashboardSpec, type LogTargetInfo, type TargetInfo } from './assemble.js';
import { eventsDashboard } from './events.js';
import { healthDashboard } from './health.js';
import { sessionDashboard } from './session.js';
import { importableVariant } from './importable.js';
import { overviewDashboard } from './overview.js';
import { userDashboard } from './user.js';

export * from './activity.js';
export * from './assemble.js';
export * from './importable.js';
export * from './overview.js';
export * from './user.js';
export * from './variables.js';
export * from './factory.js';
export * from './event-variables.js';
export * from './events.js';
export * from './session.js';
export * from './health.js';

/** One built dashboard. */
export interface BuiltDashboard {
  readonly uid: string;
  readonly title: string;
  /** File name in the output folders, `<uid>.json`. */
  readonly fileName: string;
  /** The dashboard JSON for file provisioning. */
  readonly json: Record<string, unknown>;
  /** The same dashboard for Grafana's import UI / grafana.com (`__inputs`). */
  readonly importable: Record<string, unknown>;
  /** Every PromQL target with the named query behind it. */
  readonly targets: readonly TargetInfo[];
  /** Every LogQL (Loki) target with the named query behind it. */
  readonly logTargets: readonly LogTargetInfo[];
}

/**
 * The stock dashboards, in order. `npm run build:dashboards` writes these plus the modules the
 * configuration registers under `dashboards` (the worked example among them, when asked for).
 */
export function dashboardSpecs(config: Config): DashboardSpec[] {
  return [overviewDashboard(config), userDashboard(config), activityDashboard(config), eventsDashboard(config), sessionDashboard(config), healthDashboard(config)];
}

/**
 * Builds every dashboard for a configuration. Pure: the same configuration gives the same JSON.
 * @param specs - what to build; the stock dashboards by default (append your own specs to them)
 * @throws ConfigError when `queries` overrides an id the library does not have
 */
export function buildDashboards(config: Config, specs: readonly DashboardSpec[] = dashboardSpecs(config)): BuiltDashboard[] {
  checkQueryOverrides(config);
  const uids = new Set<string>();
  return specs.map((spec) => {
    if (uids.has(spec.uid)) throw new Error(`Two dashboards share the uid "${spec.uid}"; uids must be unique.`);
    uids.add(spec.uid);
    const { json, targets, logTargets } = assemble(spec);
    return { uid: spec.uid, title: spec.title, fileName: `${spec.uid}.json`, json, importable: importableVariant(json), targets, logTargets };
  });
}
