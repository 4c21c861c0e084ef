/**
 * The numbers behind the README's picture of the overview: the demo's synthetic workload (the one
 * `npm run demo` sends) is loaded into a real, throw-away Prometheus 3 with the recording rules evaluated
 * over it by the engine (the accuracy harness's route, scripts/accuracy/), and every target of every
 * visible overview panel is sent to it exactly as Grafana would send it (macros, variables set to All,
 * the hidden fallback switch resolved). Nothing here is made up: the picture draws these answers.
 */
import { buildDashboards } from '../../dashboards/index.js';
import type { PanelJson } from '../../panels/layout.js';
import { defaultConfig, type Config } from '../../queries/config.js';
import { findEngine } from '../accuracy/engines.js';
import { DASHBOARD_WIDTH_PX, NOW_AFTER_END_MS } from '../accuracy/evaluate.js';
import { alignedRange, grafanaIntervals, interpolateExpression, type GrafanaIntervals, type VariableSelection } from '../accuracy/grafana-macros.js';
import { startLoadedPrometheus } from '../accuracy/loaded-prometheus.js';
import { queryInstant, queryRange, type ResultSeries } from '../accuracy/prometheus-api.js';
import { resolveHiddenVariables } from '../accuracy/query-variables.js';
import { ruleLagMs } from '../accuracy/trend-steps.js';
import { DEFAULT_DEMO_OPTIONS, demoWorkload } from '../synthetic/otlp-demo.js';

/** The dashboard time range of the picture: the last 24 hours of the workload. */
export const PICTURE_RANGE_MS = 24 * 3_600_000;

/** The demo run whose workload the picture shows: `npm run demo -- --duration 24m` (24 synthetic hours). */
export const PICTURE_DEMO = { ...DEFAULT_DEMO_OPTIONS, durationMs: 24 * 60_000 } as const;

/** What one target returned. */
export interface TargetData {
  readonly refId: string;
  readonly legend: string | undefined;
  readonly instant: boolean;
  readonly stepMs: number;
  readonly series: readonly ResultSeries[];
}

/** The overview's JSON and what each visible panel's targets returned, by panel id. */
export interface OverviewData {
  readonly json: Record<string, unknown>;
  readonly fromMs: number;
  readonly toMs: number;
  readonly panels: ReadonlyMap<number, readonly TargetData[]>;
  readonly users: number;
  readonly sessions: number;
  /** What the numbers are from, for the picture's subtitle. */
  readonly source: string;
}

interface Target {
  readonly refId: string;
  readonly expr: string;
  readonly instant?: boolean;
  readonly legendFormat?: string;
}

/** Panels Grafana shows on opening: everything outside collapsed rows, rows excluded. */
export function visiblePanels(json: Record<string, unknown>): PanelJson[] {
  return (json['panels'] as PanelJson[]).filter((p) => p.type !== 'row');
}

/** Every templating variable at All, as the dashboard opens. */
function allSelected(json: Record<string, unknown>): Record<string, VariableSelection> {
  const list = ((json['templating'] as { list?: { name: string; allValue?: string; includeAll?: boolean }[] }).list ?? []);
  return Object.fromEntries(list.filter((v) => v.includeAll).map((v) => [v.name, { all: true, allValue: v.allValue ?? '.*' }]));
}

async function runTarget(baseUrl: string, t: Target, intervals: GrafanaIntervals, variables: Record<string, VariableSelection>, nowMs: number): Promise<TargetData> {
  const expr = interpolateExpression(t.expr, intervals, variables);
  let series: ResultSeries[];
  if (t.instant) {
    series = await queryInstant(baseUrl, expr, nowMs);
  } else {
    const { startMs, endMs } = alignedRange(nowMs - intervals.rangeMs, nowMs, intervals.stepMs);
    series = await queryRange(baseUrl, expr, startMs, endMs, intervals.stepMs);
  }
  return { refId: t.refId, legend: t.legendFormat, instant: t.instant === true, stepMs: intervals.stepMs, series };
}

/** Queries every visible panel of the overview in a running Prometheus holding the workload and its rules. */
export async function queryPanels(baseUrl: string, json: Record<string, unknown>, config: Config, nowMs: number): Promise<Map<number, TargetData[]>> {
  const out = new Map<number, TargetData[]>();
  const variables = allSelected(json);
  for (const panel of visiblePanels(json)) {
    const targets = (panel['targets'] as Target[] | undefined) ?? [];
    const intervals = grafanaIntervals({
      fromMs: nowMs - PICTURE_RANGE_MS,
      toMs: nowMs,
      maxDataPoints: (panel['maxDataPoints'] as number | undefined) ?? Math.round((panel.gridPos.w / 24) * DASHBOARD_WIDTH_PX),
      minInterval: panel['interval'] as string | undefined,
      scrapeInterval: config.scrapeInterval,
    });
    const hidden = await resolveHiddenVariables(json, baseUrl, intervals, nowMs);
    const results: TargetData[] = [];
    for (const t of targets) results.push(await runTarget(baseUrl, t, intervals, { ...variables, ...hidden }, nowMs));
    out.set(panel.id, results);
  }
  return out;
}

/** Loads the demo workload into Prometheus 3, evaluates the overview, stops the server. */
export async function collectOverviewData(): Promise<OverviewData> {
  const engine = findEngine(3);
  if ('missing' in engine) throw new Error(`${engine.missing} (or run bash .ci/fetch-prometheus3.sh)`);
  const config = defaultConfig();
  const overview = buildDashboards(config).find((d) => d.uid === 'claude-code-overview');
  if (!overview) throw new Error('the build has no claude-code-overview dashboard');
  const usage = demoWorkload(PICTURE_DEMO);
  const server = await startLoadedPrometheus(engine, usage, config.naming, { config, fromMs: usage.end - PICTURE_RANGE_MS - 3_600_000 });
  try {
    const nowMs = usage.end + ruleLagMs(config) + NOW_AFTER_END_MS;
    const panels = await queryPanels(server.baseUrl, overview.json, config, nowMs);
    const source = `the npm run demo workload (${usage.users.length} users, ${usage.sessions.length} sessions)`;
    return { json: overview.json, fromMs: nowMs - PICTURE_RANGE_MS, toMs: nowMs, panels, users: usage.users.length, sessions: usage.sessions.length, source };
  } finally {
    await server.stop();
  }
}
