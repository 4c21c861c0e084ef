/**
 * Assembles a dashboard from a spec: top-level fields through the foundation SDK's DashboardBuilder,
 * panels through our layout, and an index of every target with the named query behind it.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { targetOrigin } from '../panels/common.js';
import { layoutRows, type PanelJson, type RowSpec } from '../panels/layout.js';
import type { DashboardVariables } from './variables.js';

/**
 * The dashboard schema version we emit, pinned: Grafana runs every migration on a dashboard without one,
 * and re-saves with a newer version (diff churn) if it is old. 42 is what the foundation SDK targets.
 */
export const SCHEMA_VERSION = 42;

/** Tag on every dashboard we generate; the dashboards link to each other through it. */
export const DASHBOARD_TAG = 'claude-code';

/** Everything that defines one dashboard. */
export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags?: readonly string[];
  readonly variables: DashboardVariables;
  readonly rows: readonly RowSpec[];
  /** Default time range, e.g. `now-7d`. */
  readonly from?: string;
  /** Links to other dashboards of ours, shown in the dashboard's link bar (time range and variables kept). */
  readonly links?: readonly { readonly title: string; readonly uid: string }[];
}

/** One target of a built dashboard, with the named query it shows (for the accuracy suite and docs). */
export interface TargetInfo {
  readonly panelId: number;
  readonly panelTitle: string;
  readonly panelType: string;
  readonly refId: string;
  readonly queryId: string;
  /** Set when the panel shows only the k largest series. */
  readonly topk?: number;
  /** The expression as Grafana receives it, macros and `$variables` included. */
  readonly expr: string;
  readonly instant: boolean;
  readonly maxDataPoints?: number;
  readonly interval?: string;
}

/** One Loki target of a built dashboard (kept apart: every consumer of `targets` evaluates PromQL). */
export interface LogTargetInfo {
  readonly panelId: number;
  readonly panelTitle: string;
  readonly panelType: string;
  readonly refId: string;
  readonly queryId: string;
  /** The LogQL as Grafana receives it, macros and `$variables` included. */
  readonly expr: string;
}

/** A dashboard as JSON plus its target index. */
export interface AssembledDashboard {
  readonly json: Record<string, unknown>;
  /** PromQL targets. */
  readonly targets: readonly TargetInfo[];
  /** LogQL (Loki) targets. */
  readonly logTargets: readonly LogTargetInfo[];
}

const UID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Builds the dashboard JSON for a spec. Throws on an invalid uid or a target without a named query. */
export function assemble(spec: DashboardSpec): AssembledDashboard {
  if (!UID.test(spec.uid) || spec.uid.length > 40) {
    throw new Error(`Dashboard uid "${spec.uid}" is invalid: use lowercase letters, digits and "-", at most 40 characters.`);
  }
  const builder = new dashboard.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG, ...(spec.tags ?? [])])
    .readonly()
    .timezone('browser')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .time({ from: spec.from ?? 'now-7d', to: 'now' })
    .refresh('')
    .link(
      new dashboard.DashboardLinkBuilder('Claude Code dashboards')
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags([DASHBOARD_TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    );
  for (const link of spec.links ?? []) {
    builder.link(new dashboard.DashboardLinkBuilder(link.title).type(dashboard.DashboardLinkType.Link).url(`/d/${link.uid}`).includeVars(true).keepTime(true));
  }
  for (const v of spec.variables.builders) builder.withVariable(v);

  const json = JSON.parse(JSON.stringify(builder.build())) as Record<string, unknown>;
  const targets: TargetInfo[] = [];
  const logTargets: LogTargetInfo[] = [];
  json['panels'] = layoutRows(spec.rows, (target, panel, refId) => {
    const origin = targetOrigin(target);
    if (!origin) {
      throw new Error(`Panel "${String(panel['title'])}" has a target that was not built from a named query (use queryTarget()).`);
    }
    const t = target as { expr?: string; instant?: boolean; range?: boolean };
    if (origin.language === 'logql') {
      logTargets.push({ panelId: panel.id, panelTitle: String(panel['title'] ?? ''), panelType: panel.type, refId, queryId: origin.queryId, expr: t.expr ?? '' });
      return;
    }
    if (panel['type'] === 'timeseries' && t.instant === true && t.range !== true) {
      throw new Error(`Panel "${String(panel['title'])}" is a time series but its query "${origin.queryId}" is instant-only: it would draw one point per series. Use a range query, or a stat/table panel for the number.`);
    }
    targets.push({
      panelId: panel.id,
      panelTitle: String(panel['title'] ?? ''),
      panelType: panel.type,
      refId,
      queryId: origin.queryId,
      ...(origin.topk !== undefined ? { topk: origin.topk } : {}),
      expr: t.expr ?? '',
      instant: t.instant === true,
      ...(typeof panel['maxDataPoints'] === 'number' ? { maxDataPoints: panel['maxDataPoints'] } : {}),
      ...(typeof panel['interval'] === 'string' ? { interval: panel['interval'] } : {}),
    });
  });
  json['schemaVersion'] = SCHEMA_VERSION;
  delete json['id'];
  return { json: sortKeysDeep(json) as Record<string, unknown>, targets, logTargets };
}

/** Panels of a dashboard JSON, rows' collapsed children included, in document order. */
export function allPanels(json: Record<string, unknown>): PanelJson[] {
  const top = (json['panels'] as PanelJson[] | undefined) ?? [];
  return top.flatMap((p) => [p, ...(((p['panels'] as PanelJson[] | undefined) ?? []))]);
}

/** Object keys sorted recursively, so the emitted JSON does not depend on builder call order. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
