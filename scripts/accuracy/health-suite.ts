/**
 * The telemetry health suite: a small hand-built workload with known truth for the health dashboard
 * (queries/library/health.ts), stored as Prometheus would scrape it every 15 s, samples 5 s after the
 * rules' grid. Three sessions report cost (one with a collector restart, one lost `api_request` event
 * in the derived event cost), the collector's scrape job fails six scrapes, the collector's and
 * Prometheus' own counters and rule-group timestamps are present, and a foreign rule group must be
 * ignored. Used by test/accuracy/health-in-engine.test.ts, which backfills both rule groups and
 * evaluates every instant target of the health dashboard at Grafana's macros.
 */
import type { ScrapedSeries } from '../synthetic/exposition.js';

const S = 15_000;
const MIN = 60_000;
/** The workload's start, on the rules' grid. */
export const T0 = Date.UTC(2026, 7, 24, 0, 0, 0);
/** The last instant of the workload (on the grid + 1 ms, where the dashboard is evaluated). */
export const END = T0 + 180 * MIN + 1;
/** The rules read one scrape interval behind and see a sample in the evaluation after: s + 25 s. */
export const RULE_LAG_MS = 25_000;
/** The collector job's failed scrapes: six in a row. */
export const FAILED_SCRAPES = { from: T0 + 40 * MIN, count: 6 };
/** When the collector restarts (every running total starts again). */
export const RESTART = T0 + 60 * MIN;
/** The api_request event of session b the logs pipeline lost (its cost is missing from the event metric). */
export const LOST_EVENT = T0 + 70 * MIN + 5_000;
/** The session whose event was lost. */
export const LOST_SESSION = 'sb';

/** One session's cost: labels, the sample times, and the amount added at each sample. */
export interface CostSession {
  readonly user: string;
  readonly terminal: string;
  readonly version: string;
  readonly session: string;
  readonly from: number;
  readonly to: number;
  readonly step: number;
}

export const SESSIONS: readonly CostSession[] = [
  { user: 'a@example.com', terminal: 'vscode', version: '2.1.0', session: 'sa', from: T0 + 10 * MIN, to: T0 + 120 * MIN, step: 0.25 },
  { user: 'b@example.com', terminal: 'iTerm.app', version: '2.0.9', session: 'sb', from: T0 + 30 * MIN, to: T0 + 80 * MIN, step: 0.1 },
  { user: 'c@example.com', terminal: 'tmux', version: '2.1.0', session: 'sc', from: END - 30 * MIN, to: END - 2 * MIN, step: 0.05 },
];

/** Scrape times in [from, to], 5 s after the grid. */
export function scrapeTimes(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil((from - 5_000) / S) * S + 5_000; t <= to; t += S) out.push(t);
  return out;
}

function series(labels: Record<string, string>, timestamps: number[], values: number[]): ScrapedSeries {
  const pairs = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { labels: pairs, timestamps, values };
}

/** Running totals of a session as the collector shows them: restarting from the first step after a restart. */
function runningTotals(s: CostSession, lose?: number): { timestamps: number[]; values: number[] } {
  const timestamps = scrapeTimes(s.from, s.to);
  let total = 0;
  const values = timestamps.map((t, i) => {
    if (i > 0 && (timestamps[i - 1] as number) < RESTART && t >= RESTART) total = 0;
    if (t !== lose) total += s.step;
    return total;
  });
  return { timestamps, values };
}

const SCRAPE_TARGET = { job: 'otel-collector', instance: 'otel-collector:8889' };
const CLAUDE_TARGET = { ...SCRAPE_TARGET, exported_job: 'claude-code' };
const INTERNAL_TARGET = { job: 'otel-collector-internal', instance: 'otel-collector:8888' };

/** Claude Code's cost and session metrics and the event cost the collector derives, per session (the events keep no session). */
function costSeries(): ScrapedSeries[] {
  return SESSIONS.flatMap((s) => {
    const who = { user_email: s.user, terminal_type: s.terminal, model: 'claude-sonnet-4-5' };
    const metric = runningTotals(s);
    const events = runningTotals(s, s.session === LOST_SESSION ? LOST_EVENT : undefined);
    return [
      series({ __name__: 'claude_code_cost_usage_USD_total', ...CLAUDE_TARGET, ...who, app_version: s.version, session_id: s.session }, metric.timestamps, metric.values),
      series({ __name__: 'claude_code_event_api_request_cost_usd_total', ...CLAUDE_TARGET, ...who }, events.timestamps, events.values),
      // One api_request per scrape (the event rules' first series).
      series({ __name__: 'claude_code_event_api_requests_total', ...CLAUDE_TARGET, ...who }, metric.timestamps, runningTotals({ ...s, step: 1 }).values),
      // Every session counts itself once (its series lives as long as the session reports).
      series({ __name__: 'claude_code_session_count_total', ...CLAUDE_TARGET, user_email: s.user, terminal_type: s.terminal, app_version: s.version, session_id: s.session }, metric.timestamps, metric.timestamps.map(() => 1)),
    ];
  });
}

/** `up` of both collector jobs, the collector's and Prometheus' own metrics over the whole workload. */
function pipelineSeries(): ScrapedSeries[] {
  const ts = scrapeTimes(T0, END);
  const failed = new Set(scrapeTimes(FAILED_SCRAPES.from, FAILED_SCRAPES.from + FAILED_SCRAPES.count * S));
  const counter = (perScrape: number) => ts.map((_, i) => i * perScrape);
  const group = (g: string) => `/etc/prometheus/rules/${g}`;
  return [
    series({ __name__: 'up', ...SCRAPE_TARGET }, ts, ts.map((t) => (failed.has(t) ? 0 : 1))),
    series({ __name__: 'up', ...INTERNAL_TARGET }, ts, ts.map(() => 1)),
    series({ __name__: 'otelcol_receiver_accepted_metric_points_total', ...INTERNAL_TARGET, receiver: 'otlp', transport: 'http' }, ts, counter(10)),
    series({ __name__: 'otelcol_receiver_refused_metric_points_total', ...INTERNAL_TARGET, receiver: 'otlp', transport: 'http' }, ts, counter(0)),
    series({ __name__: 'otelcol_exporter_send_failed_log_records_total', ...INTERNAL_TARGET, exporter: 'otlphttp/loki' }, ts, ts.map((t) => (t >= T0 + 90 * MIN ? 7 : 0))),
    series({ __name__: 'prometheus_rule_evaluation_failures_total', job: 'prometheus', rule_group: group('claude-code-dashboards.rules.yml;claude-code-dashboards') }, ts, counter(0)),
    series({ __name__: 'prometheus_rule_evaluation_failures_total', job: 'prometheus', rule_group: group('other.yml;other') }, ts, counter(1)),
    ...['claude-code-dashboards', 'claude-code-dashboards-events', 'other'].map((g) =>
      series({ __name__: 'prometheus_rule_group_last_evaluation_timestamp_seconds', job: 'prometheus', rule_group: group(`${g === 'other' ? 'other.yml' : 'claude-code-dashboards.rules.yml'};${g}`) }, ts, ts.map((t) => (t - 3_000) / 1000)),
    ),
  ];
}

/** Every stored series of the workload (without the rules' samples, which the engine backfills). */
export function healthWorkload(): ScrapedSeries[] {
  return [...costSeries(), ...pipelineSeries()];
}

/** What the rules count of a session's cost in a window: each sample's increment, at its rule evaluation. */
export function costIn(s: CostSession, endMs: number, rangeMs: number, lose?: number): number {
  const { timestamps, values } = runningTotals(s, lose);
  let sum = 0;
  timestamps.forEach((t, i) => {
    const prev = i > 0 && !((timestamps[i - 1] as number) < RESTART && t >= RESTART) ? (values[i - 1] as number) : 0;
    const seen = t + RULE_LAG_MS;
    if (seen > endMs - rangeMs && seen <= endMs) sum += (values[i] as number) - prev;
  });
  return sum;
}

/** The newest sample of a session at or before `endMs`. */
export function lastSample(s: CostSession, endMs: number): number | undefined {
  return scrapeTimes(s.from, s.to).filter((t) => t <= endMs).at(-1);
}

/** Whether a session has samples in (endMs − rangeMs, endMs]. */
export function sampledIn(s: CostSession, endMs: number, rangeMs: number): boolean {
  return scrapeTimes(s.from, s.to).some((t) => t > endMs - rangeMs && t <= endMs);
}
