/**
 * The events-as-metrics suite: a seeded event workload delivered through a collector restart and failed
 * scrapes, stored as the Compose collector would expose it (synthetic/signaltometrics.ts), the event
 * rule group backfilled by the engine itself, and every instant target of the activity dashboard that
 * reads the derived metrics evaluated at Grafana's macros against the truth of its window
 * (event-expectations.ts). Used by test/accuracy/events-in-engine.test.ts.
 */
import { activityDashboard } from '../../dashboards/activity.js';
import { buildDashboards, type BuiltDashboard } from '../../dashboards/index.js';
import { countingTiming, type Config } from '../../queries/config.js';
import { EVENT_RULE_GROUP_NAME } from '../../queries/rules.js';
import { generateEvents, type EventWorkload, type SyntheticEventRecord } from '../synthetic/events.js';
import { firstScrapeAfter, DEFAULT_TIMING } from '../synthetic/pipeline.js';
import { scrapeEvents } from '../synthetic/signaltometrics.js';
import { EVENT_TRUTH, type EventTruth } from './event-expectations.js';
import { restartLosses } from './event-losses.js';
import type { Engine } from './engines.js';
import { grafanaIntervals, intervalToMs, interpolateExpression, type VariableSelection } from './grafana-macros.js';
import { queryInstant, type ResultSeries } from './prometheus-api.js';
import { startPrometheus, type PrometheusServer } from './prometheus-server.js';
import { pushSeries } from './remote-write.js';
import { backfillRecordingRules } from './rule-backfill.js';

const SCRAPE_MS = DEFAULT_TIMING.scrapeIntervalMs;
const GROUP_SEPARATOR = '\u0001';

/** The workload: two days of events, a collector restart and two minutes of failed scrapes while busy. */
export function faultyEventWorkload(seed = 'claude-code-dashboards/events'): EventWorkload {
  const start = Date.UTC(2026, 7, 24, 0, 0, 0);
  const base = generateEvents(seed, start, 2);
  const busyAt = (share: number): number => (base.records[Math.floor(base.records.length * share)] as SyntheticEventRecord).arrival;
  // Restart: every running total starts from zero; the collector is down for two scrapes.
  const restart = Math.floor(busyAt(0.45) / SCRAPE_MS) * SCRAPE_MS + 7_000;
  const down = firstScrapeAfter(restart);
  const failedFrom = Math.floor(busyAt(0.7) / SCRAPE_MS) * SCRAPE_MS;
  return {
    ...base,
    collectorRestarts: [restart],
    failedScrapes: [
      [down, down + 2 * SCRAPE_MS],
      [failedFrom, failedFrom + 120_000],
    ],
  };
}

/** The scrape that first shows a record: the first successful one after it reached the collector. */
export function seenAt(workload: EventWorkload, record: SyntheticEventRecord): number {
  let s = firstScrapeAfter(record.arrival);
  while (workload.failedScrapes.some(([from, to]) => s >= from && s < to)) s += SCRAPE_MS;
  return s;
}

/** A window of the dashboard: the evaluation instant (1 ms after a rule evaluation) and its length. */
export interface EventWindow {
  readonly name: string;
  readonly endMs: number;
  readonly rangeMs: number;
}

/** The records a window counts: seen at a scrape that a rule evaluation within the window read. */
export function recordsIn(workload: EventWorkload, window: EventWindow, delayMs: number): SyntheticEventRecord[] {
  const gridEnd = Math.floor(window.endMs / SCRAPE_MS) * SCRAPE_MS;
  return workload.records.filter((r) => {
    const s = seenAt(workload, r) + delayMs;
    return s > gridEnd - window.rangeMs && s <= gridEnd;
  });
}

/** A running Prometheus holding the workload and the event rules' samples. */
export async function loadEvents(engine: Engine, config: Config, workload: EventWorkload): Promise<PrometheusServer> {
  const server = await startPrometheus(engine);
  try {
    await pushSeries(server.baseUrl, scrapeEvents(workload, config.naming));
    const intervalMs = intervalToMs(config.scrapeInterval);
    const startMs = Math.floor(workload.start / intervalMs) * intervalMs;
    const endMs = Math.ceil((workload.end + intervalToMs(countingTiming(config).delay)) / intervalMs) * intervalMs;
    await backfillRecordingRules(server, config, { startMs, endMs, group: EVENT_RULE_GROUP_NAME });
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** One compared number. */
export interface EventRow {
  readonly queryId: string;
  readonly window: string;
  readonly group: string;
  readonly truth: number | undefined;
  readonly shown: number | undefined;
  readonly pass: boolean;
  readonly detail: string;
}

/** The activity dashboard's targets that read the event metrics. */
export function eventTargets(config: Config): BuiltDashboard {
  const [built] = buildDashboards(config, [activityDashboard(config)]);
  return built as BuiltDashboard;
}

/** Every variable at All, the fallback switch off (the rules are loaded). */
export function allSelected(json: Record<string, unknown>): Record<string, VariableSelection> {
  const list = ((json['templating'] as { list?: { name: string; allValue?: string }[] } | undefined)?.list ?? []);
  const out: Record<string, VariableSelection> = {};
  for (const v of list) out[v.name] = v.name === 'ccd_fallback' ? { single: 'none' } : { all: true, allValue: v.allValue ?? '.*' };
  return out;
}

function keyOfResult(series: ResultSeries, labels: readonly string[]): string {
  return labels.map((l) => series.labels[l] ?? '').join(GROUP_SEPARATOR);
}

/** Compares one truth with what the engine answered (groups by the query's result labels). */
export function compare(queryId: string, window: string, truth: EventTruth, shown: ReadonlyMap<string, number>): EventRow[] {
  const keys = new Set([...truth.values.keys(), ...shown.keys()]);
  return [...keys].map((group) => {
    const t = truth.values.get(group);
    const s = shown.get(group);
    let pass: boolean;
    let detail = '';
    if (truth.kind === 'bucket') {
      const [lo, hi] = truth.bounds?.get(group) ?? [Number.NaN, Number.NaN];
      pass = s !== undefined && s >= lo - 1e-9 && s <= hi + 1e-9;
      detail = `bucket [${lo}, ${hi}]`;
    } else {
      pass = t !== undefined && s !== undefined && Math.abs(s - t) <= 1e-9 * Math.max(1, Math.abs(t));
    }
    return { queryId, window, group: group.split(GROUP_SEPARATOR).join(' · '), truth: t, shown: s, pass, detail };
  });
}

/** Evaluates every instant target of the activity dashboard over the windows. */
export async function evaluateEvents(server: PrometheusServer, config: Config, workload: EventWorkload, windows: readonly EventWindow[]): Promise<EventRow[]> {
  const built = eventTargets(config);
  const variables = allSelected(built.json);
  const delayMs = intervalToMs(countingTiming(config).delay);
  const rows: EventRow[] = [];
  const lost = restartLosses(workload, config.naming, (r) => seenAt(workload, r));
  for (const window of windows) {
    const all = recordsIn(workload, window, delayMs);
    const visible = all.filter((r) => !lost.has(r));
    const intervals = grafanaIntervals({ fromMs: window.endMs - window.rangeMs, toMs: window.endMs, maxDataPoints: 1000, scrapeInterval: config.scrapeInterval });
    for (const target of built.targets.filter((t) => t.instant && EVENT_TRUTH[t.queryId])) {
      const truthOf = EVENT_TRUTH[target.queryId] as (typeof EVENT_TRUTH)[string];
      // Counts exclude what a restart took before any reader could see it; quantiles keep every duration.
      const counted = truthOf(visible, window.rangeMs);
      const truth = counted.kind === 'bucket' ? truthOf(all, window.rangeMs) : counted;
      const expr = interpolateExpression(target.expr, intervals, variables);
      const result = await queryInstant(server.baseUrl, expr, window.endMs);
      const labels = truth.groupBy.map((a) => a.replace(/[^a-zA-Z0-9_]/g, '_'));
      const shown = new Map(result.filter((r) => r.points[0]).map((r) => [keyOfResult(r, labels), (r.points[0] as readonly [number, number])[1]]));
      rows.push(...compare(target.queryId, window.name, truth, shown));
    }
  }
  return rows;
}
