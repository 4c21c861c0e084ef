/**
 * `claude-code-dashboards/dashboards`: our dashboards as specs, and `buildDashboards` that turns a
 * configuration into dashboard JSON (provisioned and importable variants) with an index of targets.
 */
import type { Config } from '../queries/config.js';
import { activityDashboard } from './activity.js';
import { assemble, type DashboardSpec, type TargetInfo } from './assemble.js';
import { teamBudgetDashboard } from './examples/team-budget.js';
import { importableVariant } from './importable.js';
import { overviewDashboard } from './overview.js';
import { userDashboard } from './user.js';

export * from './activity.js';
export * from './assemble.js';
export * from './importable.js';
export * from './overview.js';
export * from './user.js';
export * from './variables.js';
export * from './examples/team-budget.js';

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
  /** Every target with the named query behind it. */
  readonly targets: readonly TargetInfo[];
}

/** The dashboards `npm run build:dashboards` writes, in order. */
export function dashboardSpecs(config: Config): DashboardSpec[] {
  return [overviewDashboard(config), userDashboard(config), activityDashboard(config), teamBudgetDashboard(config)];
}

/** Builds every dashboard for a configuration. Pure: the same configuration gives the same JSON. */
export function buildDashboards(config: Config, specs: readonly DashboardSpec[] = dashboardSpecs(config)): BuiltDashboard[] {
  const uids = new Set<string>();
  return specs.map((spec) => {
    if (uids.has(spec.uid)) throw new Error(`Two dashboards share the uid "${spec.uid}"; uids must be unique.`);
    uids.add(spec.uid);
    const { json, targets } = assemble(spec);
    return { uid: spec.uid, title: spec.title, fileName: `${spec.uid}.json`, json, importable: importableVariant(json), targets };
  });
}
