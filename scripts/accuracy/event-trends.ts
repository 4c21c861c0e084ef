/**
 * The activity dashboard's time series, step by step, under the faults of the event workload (a
 * collector restart, failed scrapes, per-session export jitter, series that expire between sessions and
 * come back): each range target is sent to the engine as Grafana sends it (macros, step, aligned range)
 * and every point is compared with the truth of its own step, computed from the synthetic records that
 * a rule evaluation in (t − step, t] counts (event-suite.ts `seenAt`, one evaluation delay later). Counts
 * per minute must be exact, with a point at every step for every group that reported within the range
 * (0, not a gap); ratios exact; latency quantiles in the bucket of the step's true quantile. Used by
 * test/accuracy/events-in-engine.test.ts, on the server event-suite.ts `loadEvents` filled.
 */
import { allPanels, type TargetInfo } from '../../dashboards/index.js';
import { overviewVariables } from '../../dashboards/variables.js';
import { countingTiming, type Config } from '../../queries/config.js';
import type { QueryContext } from '../../queries/context.js';
import { queryById } from '../../queries/library/index.js';
import { render } from '../../queries/promql/render.js';
import type { EventWorkload, SyntheticEventRecord } from '../synthetic/events.js';
import { EVENT_TREND_TRUTH, type EventTruth, type TruthFn } from './event-expectations.js';
import { restartLosses } from './event-losses.js';
import { allSelected, eventTargets, seenAt, type EventWindow } from './event-suite.js';
import { DASHBOARD_WIDTH_PX } from './evaluate.js';
import { alignedRange, grafanaIntervals, intervalToMs, interpolateExpression } from './grafana-macros.js';
import { queryRange, type ResultSeries } from './prometheus-api.js';
import type { PrometheusServer } from './prometheus-server.js';

const GROUP_SEPARATOR = '\u0001';

export { EVENT_TREND_TRUTH };

/** One range target over one window: how many points were compared and each one that missed. */
export interface TrendResult {
  readonly queryId: string;
  readonly window: string;
  readonly stepSeconds: number;
  readonly steps: number;
  readonly compared: number;
  readonly misses: readonly string[];
}

/** The records each step point counts, by the point's time (ms): visible at a rule evaluation in (t − step, t]. */
function recordsByStep(records: readonly SyntheticEventRecord[], workload: EventWorkload, delayMs: number, startMs: number, endMs: number, stepMs: number): Map<number, SyntheticEventRecord[]> {
  const out = new Map<number, SyntheticEventRecord[]>();
  for (const r of records) {
    const visible = seenAt(workload, r) + delayMs;
    if (visible <= startMs || visible > endMs) continue;
    const t = startMs + Math.ceil((visible - startMs) / stepMs) * stepMs;
    out.set(t, [...(out.get(t) ?? []), r]);
  }
  return out;
}

/** Shown values per step time (ms) and group key. */
function shownBySteps(results: readonly ResultSeries[], labels: readonly string[]): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const series of results) {
    const key = labels.map((l) => series.labels[l] ?? '').join(GROUP_SEPARATOR);
    for (const [t, v] of series.points) {
      const at = out.get(t * 1000) ?? new Map<string, number>();
      at.set(key, v);
      out.set(t * 1000, at);
    }
  }
  return out;
}

/** The misses of one step: counts exact (0 expected for a group of the range), ratios exact, quantiles in their bucket. */
function compareStep(truth: EventTruth, shown: ReadonlyMap<string, number>, rangeGroups: ReadonlySet<string>): string[] {
  const misses: string[] = [];
  const keys = new Set([...truth.values.keys(), ...shown.keys(), ...(truth.kind === 'count' ? rangeGroups : [])]);
  for (const key of keys) {
    const group = key.split(GROUP_SEPARATOR).join(' · ') || '(value)';
    const s = shown.get(key);
    const t = truth.values.get(key) ?? (truth.kind === 'count' ? 0 : undefined);
    if (t === undefined) {
      if (s !== undefined && Number.isFinite(s)) misses.push(`${group}: truth none, shown ${s}`);
    } else if (s === undefined || !Number.isFinite(s)) {
      misses.push(`${group}: truth ${t}, shown ${s ?? 'nothing (a gap)'}`);
    } else if (truth.kind === 'bucket') {
      const [lo, hi] = truth.bounds?.get(key) ?? [Number.NaN, Number.NaN];
      if (!(s >= lo - 1e-9 && s <= hi + 1e-9)) misses.push(`${group}: true quantile ${t} in bucket [${lo}, ${hi}], shown ${s}`);
    } else if (Math.abs(s - t) > 1e-9 * Math.max(1, Math.abs(t))) {
      misses.push(`${group}: truth ${t}, shown ${s}`);
    }
  }
  return misses;
}

/** What every target of a run shares: the built dashboard's variables and panel widths, the delay, the losses. */
export interface TrendRun {
  readonly server: PrometheusServer;
  readonly config: Config;
  readonly workload: EventWorkload;
  readonly variables: ReturnType<typeof allSelected>;
  readonly widths: ReadonlyMap<number, number>;
  readonly delayMs: number;
  readonly lost: ReadonlySet<SyntheticEventRecord>;
}

/** One range target over one window, point by point. */
export async function evaluateTrendTarget(run: TrendRun, window: EventWindow, target: TargetInfo): Promise<TrendResult> {
  const truthOf = EVENT_TREND_TRUTH[target.queryId] as TruthFn;
  const fromMs = window.endMs - window.rangeMs;
  const maxDataPoints = target.maxDataPoints ?? Math.round(((run.widths.get(target.panelId) ?? 24) / 24) * DASHBOARD_WIDTH_PX);
  const intervals = grafanaIntervals({ fromMs, toMs: window.endMs, maxDataPoints, minInterval: target.interval, scrapeInterval: run.config.scrapeInterval });
  const stepMs = intervals.stepMs;
  const { startMs, endMs } = alignedRange(fromMs, window.endMs, stepMs);
  const expr = interpolateExpression(target.expr, intervals, run.variables);
  const probe = truthOf([], stepMs);
  const shown = shownBySteps(await queryRange(run.server.baseUrl, expr, startMs, endMs, stepMs), probe.groupBy.map((a) => a.replace(/[^a-zA-Z0-9_]/g, '_')));
  // Counts exclude what a restart took before any reader could see it; quantiles keep every duration.
  const records = probe.kind === 'bucket' ? run.workload.records : run.workload.records.filter((r) => !run.lost.has(r));
  const bySteps = recordsByStep(records, run.workload, run.delayMs, startMs, endMs, stepMs);
  // Groups that reported within the dashboard range: the zero fill shows them at every step.
  const rangeGroups = new Set(truthOf([...bySteps.values()].flat(), window.rangeMs).values.keys());
  const misses: string[] = [];
  let compared = 0;
  for (let t = startMs + stepMs; t <= endMs; t += stepMs) {
    const truth = truthOf(bySteps.get(t) ?? [], stepMs);
    const at = shown.get(t) ?? new Map<string, number>();
    compared += Math.max(truth.values.size, at.size);
    misses.push(...compareStep(truth, at, rangeGroups).map((m) => `${new Date(t).toISOString()} ${m}`));
  }
  return { queryId: target.queryId, window: window.name, stepSeconds: stepMs / 1000, steps: (endMs - startMs) / stepMs, compared, misses };
}

/** The shared part of a run over a loaded server. */
export function trendRun(server: PrometheusServer, config: Config, workload: EventWorkload): TrendRun & { readonly targets: readonly TargetInfo[] } {
  const built = eventTargets(config);
  return {
    server,
    config,
    workload,
    variables: allSelected(built.json),
    widths: new Map(allPanels(built.json).map((p) => [p.id, p.gridPos.w])),
    delayMs: intervalToMs(countingTiming(config).delay),
    lost: restartLosses(workload, config.naming, (r) => seenAt(workload, r)),
    targets: built.targets.filter((t) => !t.instant && EVENT_TREND_TRUTH[t.queryId]),
  };
}

/** Evaluates every range target of the activity dashboard over the windows, point by point. */
export async function evaluateEventTrends(server: PrometheusServer, config: Config, workload: EventWorkload, windows: readonly EventWindow[]): Promise<TrendResult[]> {
  const run = trendRun(server, config, workload);
  const out: TrendResult[] = [];
  for (const window of windows) for (const target of run.targets) out.push(await evaluateTrendTarget(run, window, target));
  return out;
}

/**
 * The same range targets in the naive formulation public dashboards use (`rate()` over
 * `$__rate_interval`, the library's `naive` of each query), so the suite can show its check tells them apart.
 */
export function naiveTrendTargets(config: Config, targets: readonly TargetInfo[]): TargetInfo[] {
  const ctx: QueryContext = { config, filters: overviewVariables(config).filters };
  return targets.map((t) => ({ ...t, expr: render(queryById(t.queryId).naive(ctx)) }));
}
