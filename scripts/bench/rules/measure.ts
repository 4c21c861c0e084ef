/**
 * What the benchmark reads from a running Prometheus: its own /metrics (rule-group evaluation durations
 * and times, missed iterations, head series, RSS), series counts by PromQL, and single expressions timed
 * with the query API's `stats=all` to show where an evaluation's time goes.
 */
import { queryInstant } from '../../accuracy/prometheus-api.js';
import { median } from '../stats.js';
import { INTERVAL_MS, type RulesFile } from './groups.js';

/** Prometheus' /metrics as `name{labels}` → value (the label text exactly as exposed). */
export async function scrapeMetrics(baseUrl: string): Promise<Map<string, number>> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  const out = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

/** One evaluation of a rule group: when it started (ms) and how long it took (s). */
export interface Evaluation {
  readonly at: number;
  readonly seconds: number;
}

/** What `sampleEvaluations` saw. */
export interface Sampled {
  readonly current: readonly Evaluation[];
  readonly previous: readonly Evaluation[];
  readonly missed: number;
  readonly maxRssBytes: number;
  readonly headSeries: number;
}

const group = (name: string, f: RulesFile): string => `${name}{rule_group="${f.key}"}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls /metrics every half second until both groups have `count` evaluations after the first one seen
 * (the first evaluation after loading creates the rules' output series and is left out), or `count + 4`
 * intervals have passed.
 */
export async function sampleEvaluations(baseUrl: string, files: { current: RulesFile; previous: RulesFile }, count: number): Promise<Sampled> {
  const seen = { current: [] as Evaluation[], previous: [] as Evaluation[] };
  const last = { current: 0, previous: 0 };
  let maxRssBytes = 0;
  let metrics = new Map<string, number>();
  const missed = (m: Map<string, number>): number =>
    (m.get(group('prometheus_rule_group_iterations_missed_total', files.current)) ?? 0) + (m.get(group('prometheus_rule_group_iterations_missed_total', files.previous)) ?? 0);
  const deadline = Date.now() + (count + 4) * INTERVAL_MS;
  for (let poll = 0; Date.now() < deadline && poll < 10_000; poll++) {
    metrics = await scrapeMetrics(baseUrl);
    maxRssBytes = Math.max(maxRssBytes, metrics.get('process_resident_memory_bytes') ?? 0);
    for (const which of ['current', 'previous'] as const) {
      const at = (metrics.get(group('prometheus_rule_group_last_evaluation_timestamp_seconds', files[which])) ?? 0) * 1000;
      const seconds = metrics.get(group('prometheus_rule_group_last_duration_seconds', files[which])) ?? 0;
      if (at > 0 && at !== last[which]) {
        if (last[which] > 0) seen[which].push({ at, seconds });
        last[which] = at;
      }
    }
    if (seen.current.length >= count && seen.previous.length >= count) break;
    await sleep(500);
  }
  if (seen.current.length === 0 || seen.previous.length === 0) throw new Error(`the rule groups of ${baseUrl} did not evaluate within ${(count + 4) * 15} s`);
  return {
    current: seen.current,
    previous: seen.previous,
    // A group's metrics are deleted when it is unloaded, so the counter started at this load.
    missed: missed(metrics),
    maxRssBytes,
    headSeries: metrics.get('prometheus_tsdb_head_series') ?? 0,
  };
}

/** Evaluations of one group that ran while one of the other group's did (they should not, by their offsets). */
export function overlaps(a: readonly Evaluation[], b: readonly Evaluation[]): number {
  return a.filter((x) => b.some((y) => x.at < y.at + y.seconds * 1000 && y.at < x.at + x.seconds * 1000)).length;
}

/** The value of a one-series instant query such as `count(...)`, 0 when it returns nothing. */
export async function scalarQuery(baseUrl: string, query: string, timeMs = Date.now()): Promise<number> {
  const [first] = await queryInstant(baseUrl, query, timeMs);
  return first?.points[0]?.[1] ?? 0;
}

/** One expression timed by the engine itself. */
export interface Timed {
  readonly label: string;
  readonly query: string;
  /** Median `stats.timings.evalTotalTime` over the runs, s. */
  readonly seconds: number;
  readonly samples: number;
  readonly series: number;
}

interface StatsBody {
  status: string;
  error?: string;
  data?: { result: unknown[]; stats?: { timings: { evalTotalTime: number }; samples: { totalQueryableSamples: number } } };
}

/** Runs `query` `runs` times at the same instant with `stats=all`; the median evaluation time and samples read. */
export async function timeQuery(baseUrl: string, label: string, query: string, runs = 3): Promise<Timed> {
  const time = String(Date.now() / 1000);
  const seconds: number[] = [];
  let samples = 0;
  let series = 0;
  for (let i = 0; i < runs; i++) {
    const response = await fetch(`${baseUrl}/api/v1/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query, time, stats: 'all' }).toString(),
    });
    const body = (await response.json()) as StatsBody;
    if (body.status !== 'success' || !body.data?.stats) throw new Error(`query failed: ${body.error ?? response.status}\n  ${query}`);
    seconds.push(body.data.stats.timings.evalTotalTime);
    samples = body.data.stats.samples.totalQueryableSamples;
    series = body.data.result.length;
  }
  return { label, query, seconds: median(seconds), samples, series };
}
