/**
 * The HTTP requests Grafana sends Prometheus when a stock dashboard opens on a time range: the query
 * variables (`label_values(metric, label)` → the label-values API over the range, and the hidden
 * fallback switch, resolved as Grafana would: query-variables.ts), then every panel target with its
 * macros and variables filled in (grafana-macros.ts): instant targets at "now", graph targets as range
 * queries aligned to the step Grafana computes from the panel's max data points (its width in pixels
 * when unset, as evaluate.ts assumes) and min interval.
 *
 * The same panels are also planned as the "naive" dashboards write them (the named query's `naive`
 * variant: `increase(x[$__range])`, `rate(x[$__rate_interval])` on the raw counters, as
 * scripts/accuracy/evaluate.ts compares them), against a Prometheus that does not hold our rules.
 */
import { allPanels, dashboardSpecs, type BuiltDashboard, type TargetInfo } from '../../../dashboards/index.js';
import { costByModelAndSource, teamBudgetDashboard } from '../../../dashboards/examples/team-budget.js';
import { accuracyDashboards } from '../../accuracy/suites.js';
import type { Config } from '../../../queries/config.js';
import type { QueryContext } from '../../../queries/context.js';
import { QUERIES } from '../../../queries/library/index.js';
import { render } from '../../../queries/promql/render.js';
import { DASHBOARD_WIDTH_PX } from '../../accuracy/evaluate.js';
import { alignedRange, grafanaIntervals, interpolateExpression, type GrafanaIntervals, type VariableSelection } from '../../accuracy/grafana-macros.js';
import { resolveHiddenVariables } from '../../accuracy/query-variables.js';

export type Formulation = 'ours' | 'naive';

/** A stock dashboard with the query context its targets were built in. */
export interface StockDashboard {
  readonly built: BuiltDashboard;
  readonly ctx: QueryContext;
}

/** Overview, user and the (opt-in) example, as the accuracy suites build them, each with its spec's filters. */
export function stockDashboards(config: Config): StockDashboard[] {
  const specs = [...dashboardSpecs(config), teamBudgetDashboard(config)];
  return accuracyDashboards(config).map((built, i) => ({ built, ctx: { config, filters: (specs[i] as (typeof specs)[number]).variables.filters } }));
}

/** One panel query as Grafana sends it. */
export interface PanelRequest {
  readonly target: TargetInfo;
  readonly query: string;
  /** Instant: `atMs`; range: [startMs, endMs] every `stepMs`. */
  readonly atMs: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly instant: boolean;
}

/** One `label_values(metric, label)` variable, as the label-values API call Grafana makes. */
export interface LabelValuesRequest {
  readonly label: string;
  readonly match: string;
}

interface TemplatingVariable {
  readonly name: string;
  readonly type?: string;
  readonly hide?: number;
  readonly query?: unknown;
  readonly includeAll?: boolean;
  readonly allValue?: string;
}

function variables(json: Record<string, unknown>): TemplatingVariable[] {
  return ((json['templating'] as { list?: TemplatingVariable[] } | undefined)?.list ?? []).filter((v) => v.type === 'query');
}

/** The label-values calls of the dashboard's visible query variables. */
export function labelValuesRequests(json: Record<string, unknown>): LabelValuesRequest[] {
  return variables(json).flatMap((v) => {
    const m = typeof v.query === 'string' ? /^label_values\(\s*([^,]+?)\s*,\s*([^)\s]+)\s*\)$/.exec(v.query) : null;
    return m ? [{ match: m[1] as string, label: m[2] as string }] : [];
  });
}

/** Every visible variable at All, except `user` where the dashboard offers no All: then `user`. */
export function variableSelection(json: Record<string, unknown>, user: string): Record<string, VariableSelection> {
  const out: Record<string, VariableSelection> = {};
  for (const v of variables(json)) {
    if (v.hide === 2) continue;
    if (v.includeAll) out[v.name] = { all: true, allValue: v.allValue ?? '.*' };
    else if (v.name === 'user') out[v.name] = { values: [user] };
    else throw new Error(`variable ${v.name} offers no All value; the benchmark does not know what to select`);
  }
  return out;
}

/** The intervals Grafana computes for one target on a range ending at `nowMs`. */
function intervalsOf(dashboard: StockDashboard, target: TargetInfo, windowMs: number, nowMs: number): GrafanaIntervals {
  const panel = allPanels(dashboard.built.json).find((p) => p.id === target.panelId);
  const width = ((panel?.['gridPos'] as { w?: number } | undefined)?.w ?? 24) as number;
  return grafanaIntervals({
    fromMs: nowMs - windowMs,
    toMs: nowMs,
    maxDataPoints: target.maxDataPoints ?? Math.round((width / 24) * DASHBOARD_WIDTH_PX),
    minInterval: target.interval,
    scrapeInterval: dashboard.ctx.config.scrapeInterval,
  });
}

/** The expression of a target in a formulation (the library's queries and the example's own have a naive variant). */
function expressionOf(dashboard: StockDashboard, target: TargetInfo, formulation: Formulation): string {
  const definition = [...QUERIES, costByModelAndSource].find((q) => q.id === target.queryId);
  return formulation === 'naive' && definition ? render(definition.naive(dashboard.ctx)) : target.expr;
}

/**
 * The dashboard's panel requests for a range of `windowMs` ending at `nowMs`, the hidden variables
 * resolved against `baseUrl` (one query, as Grafana makes it before the panels).
 */
export async function panelRequests(
  dashboard: StockDashboard,
  formulation: Formulation,
  windowMs: number,
  nowMs: number,
  baseUrl: string,
  selection: Readonly<Record<string, VariableSelection>>,
): Promise<PanelRequest[]> {
  const first = dashboard.built.targets[0];
  if (!first) return [];
  const hidden = await resolveHiddenVariables(dashboard.built.json, baseUrl, intervalsOf(dashboard, first, windowMs, nowMs), nowMs);
  return dashboard.built.targets.map((target) => {
    const intervals = intervalsOf(dashboard, target, windowMs, nowMs);
    const query = interpolateExpression(expressionOf(dashboard, target, formulation), intervals, { ...selection, ...hidden });
    const { startMs, endMs } = alignedRange(nowMs - windowMs, nowMs, intervals.stepMs);
    return { target, query, atMs: nowMs, startMs, endMs, stepMs: intervals.stepMs, instant: target.instant };
  });
}
