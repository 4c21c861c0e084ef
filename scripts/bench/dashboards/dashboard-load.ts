/**
 * Opens a stock dashboard against a Prometheus the way Grafana does and measures it: the variables first
 * (label values over the range, the hidden fallback switch), then every panel query, several in flight
 * at once as a browser sends them. Each query asks for the engine's statistics (`stats=all`), so beside
 * the wall times we get the samples it touched (`totalQueryableSamples`) and the most it held at once
 * (`peakSamples`, what `--query.max-samples` limits).
 *
 * A dashboard is measured in one sequential pass (every query alone: its own time and samples, to see
 * which panels dominate) and `runs` concurrent passes (what a user waits for, variables included).
 */
import { inParallel } from '../../dev/in-parallel.js';
import { median } from '../stats.js';
import { labelValuesRequests, panelRequests, type Formulation, type PanelRequest, type StockDashboard } from './grafana-requests.js';
import type { VariableSelection } from '../../accuracy/grafana-macros.js';

/** Panel queries in flight at once: what a browser opens per host over HTTP/1.1. */
export const CONCURRENCY = 6;

/** One query's measurement. */
export interface QueryRun {
  readonly request: PanelRequest;
  readonly seconds: number;
  readonly evalSeconds: number;
  readonly samples: number;
  readonly peakSamples: number;
  readonly error: string | undefined;
}

interface StatsBody {
  status: string;
  error?: string;
  data?: { stats?: { timings?: { evalTotalTime?: number }; samples?: { totalQueryableSamples?: number; peakSamples?: number } } };
}

async function post(baseUrl: string, path: string, params: Record<string, string>): Promise<StatsBody> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return (await response.json()) as StatsBody;
}

/** Runs one panel request with `stats=all`. */
export async function runQuery(baseUrl: string, r: PanelRequest): Promise<QueryRun> {
  const t0 = performance.now();
  const body = r.instant
    ? await post(baseUrl, '/api/v1/query', { query: r.query, time: String(r.atMs / 1000), stats: 'all' })
    : await post(baseUrl, '/api/v1/query_range', { query: r.query, start: String(r.startMs / 1000), end: String(r.endMs / 1000), step: String(r.stepMs / 1000), stats: 'all' });
  const seconds = (performance.now() - t0) / 1000;
  const stats = body.data?.stats;
  return {
    request: r,
    seconds,
    evalSeconds: stats?.timings?.evalTotalTime ?? Number.NaN,
    samples: stats?.samples?.totalQueryableSamples ?? 0,
    peakSamples: stats?.samples?.peakSamples ?? 0,
    error: body.status === 'success' ? undefined : (body.error ?? 'failed'),
  };
}

/** The variable requests of one load: label values over the range (the hidden switch is in `panelRequests`). */
async function loadVariables(baseUrl: string, dashboard: StockDashboard, windowMs: number, nowMs: number): Promise<void> {
  await Promise.all(
    labelValuesRequests(dashboard.built.json).map(async ({ label, match }) => {
      const params = new URLSearchParams({ 'match[]': match, start: String((nowMs - windowMs) / 1000), end: String(nowMs / 1000) });
      const response = await fetch(`${baseUrl}/api/v1/label/${encodeURIComponent(label)}/values?${params.toString()}`);
      if (!response.ok) throw new Error(`label values of ${label} failed (${response.status}): ${await response.text()}`);
    }),
  );
}

/** What one dashboard, range and formulation measured. */
export interface DashboardLoad {
  /** Every query alone, in panel order. */
  readonly queries: readonly QueryRun[];
  readonly sumSeconds: number;
  readonly samples: number;
  readonly peakSamples: number;
  readonly errors: number;
  /** Wall time of each concurrent load, variables included, and their median. */
  readonly walls: readonly number[];
  readonly wallSeconds: number;
}

/** Opens `dashboard` on the range of `windowMs` ending at `nowMs`: one sequential pass, then `runs` concurrent ones. */
export async function loadDashboard(
  baseUrl: string,
  dashboard: StockDashboard,
  formulation: Formulation,
  window: { readonly windowMs: number; readonly nowMs: number; readonly runs: number },
  selection: Readonly<Record<string, VariableSelection>>,
): Promise<DashboardLoad> {
  const { windowMs, nowMs, runs } = window;
  const requests = await panelRequests(dashboard, formulation, windowMs, nowMs, baseUrl, selection);
  const queries: QueryRun[] = [];
  for (const r of requests) queries.push(await runQuery(baseUrl, r));
  const walls: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    await loadVariables(baseUrl, dashboard, windowMs, nowMs);
    const planned = await panelRequests(dashboard, formulation, windowMs, nowMs, baseUrl, selection);
    await inParallel(planned.map((r) => () => runQuery(baseUrl, r)), CONCURRENCY);
    walls.push((performance.now() - t0) / 1000);
  }
  return {
    queries,
    sumSeconds: queries.reduce((n, q) => n + q.seconds, 0),
    samples: queries.reduce((n, q) => n + q.samples, 0),
    peakSamples: Math.max(0, ...queries.map((q) => q.peakSamples)),
    errors: queries.filter((q) => q.error !== undefined).length,
    walls,
    wallSeconds: walls.length > 0 ? median(walls) : Number.NaN,
  };
}
