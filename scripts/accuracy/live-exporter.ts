/**
 * A test stand-in for the OpenTelemetry Collector's `prometheus` exporter serving Claude Code counters, for
 * the live fault suite (test/accuracy/real-scrape.test.ts), where a real Prometheus scrapes it. It follows a
 * script: "exports" (increments of one series at a time since the start) fold into the collector's running
 * totals, and faults, switched on per time span, break the scrapes the way a real pipeline breaks them.
 *
 * The collector model (`exposedAt`, a pure function of the script and the time):
 * - a series is exposed from its first update until `expiryMs` after its last one (metric_expiration);
 * - delta temporality: an update within `memoryMs` after the previous one continues the total, a later one
 *   starts from zero (deltatocumulative's max_stale); a collector restart loses every total;
 * - cumulative temporality: Claude Code resends totals, so a returning series continues its total whatever
 *   the gap, also after a collector restart (every series disappears until its next export).
 * Faults per span: HTTP 500; an answer later than the scrape timeout; connection refused (not listening);
 * a connection that never answers; jitter (random delay below the timeout); a slow answer that keeps the
 * scrape in flight for most of the interval (across a rule evaluation). The snapshot a scrape gets is taken
 * when its request arrives; the delays only hold the answer back.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { MetricKey } from '../../queries/catalog.js';
import { metricName } from '../../queries/naming.js';
import { mulberry32 } from '../dev/prng.js';

export type Temporality = 'delta' | 'cumulative';

/** One export: `amount` added to one series `atMs` after the start. */
export interface LiveExport {
  readonly metric: MetricKey;
  readonly session: string;
  readonly atMs: number;
  readonly amount: number;
}

export type FaultKind = 'http500' | 'timeout' | 'refuse' | 'hang' | 'jitter' | 'slow';

/** A fault active for requests arriving in [fromMs, toMs) after the start. */
export interface FaultSpan {
  readonly kind: FaultKind;
  readonly fromMs: number;
  readonly toMs: number;
}

/** What the exporter plays. */
export interface ExporterScript {
  readonly temporality: Temporality;
  readonly expiryMs: number;
  readonly memoryMs: number;
  readonly exports: readonly LiveExport[];
  /** Collector restarts (all state lost), ms after the start. */
  readonly restartsMs: readonly number[];
  /** Checked in order; the first span containing a request's arrival applies. */
  readonly faults: readonly FaultSpan[];
  /** 'timeout' answers after `timeoutMs` (beyond the scrape timeout), 'slow' after `slowMs`, 'jitter' below `jitterMs`. */
  readonly delays: { readonly timeoutMs: number; readonly slowMs: number; readonly jitterMs: number };
  readonly seed: number;
}

/** One exposed sample. */
export interface ExposedSample {
  readonly metric: MetricKey;
  readonly session: string;
  readonly value: number;
}

type Event = { readonly atMs: number; readonly restart: true } | (LiveExport & { readonly restart?: undefined });

/** The collector's state at `tMs` after the start: the series it exposes and their totals. */
export function exposedAt(script: ExporterScript, tMs: number): ExposedSample[] {
  const events: Event[] = [...script.restartsMs.map((atMs) => ({ atMs, restart: true as const })), ...script.exports];
  // Stable sort; a restart at the same instant as an export comes first.
  events.sort((a, b) => a.atMs - b.atMs || (a.restart ? -1 : 0) - (b.restart ? -1 : 0));
  const states = new Map<string, { metric: MetricKey; session: string; total: number; last: number; visible: boolean }>();
  for (const e of events) {
    if (e.atMs > tMs) break;
    if (e.restart) {
      if (script.temporality === 'delta') states.clear();
      else for (const s of states.values()) s.visible = false;
      continue;
    }
    const key = `${e.metric}\u0000${e.session}`;
    const s = states.get(key);
    const continues = s !== undefined && (script.temporality === 'cumulative' || e.atMs - s.last <= script.memoryMs);
    states.set(key, { metric: e.metric, session: e.session, total: (continues ? s.total : 0) + e.amount, last: e.atMs, visible: true });
  }
  return [...states.values()]
    .filter((s) => s.visible && tMs - s.last <= script.expiryMs)
    .map(({ metric, session, total }) => ({ metric, session, value: total }));
}

/** The Prometheus text exposition of samples, named as the collector names them (`otel-collector`). */
export function renderExposition(samples: readonly ExposedSample[]): string {
  const byName = new Map<string, string[]>();
  for (const s of samples) {
    const name = metricName('otel-collector', s.metric);
    const lines = byName.get(name) ?? [];
    // `case` names the scenario's series apart: the rules sum over `session_id` and keep every other label.
    lines.push(`${name}{case=${JSON.stringify(s.session)},session_id=${JSON.stringify(s.session)}} ${String(s.value)}`);
    byName.set(name, lines);
  }
  return [...byName].map(([name, lines]) => `# HELP ${name} Claude Code counter\n# TYPE ${name} counter\n${lines.join('\n')}\n`).join('');
}

/** What a request got: the fault that applied, or 'ok' (also before the start). */
export type Outcome = 'ok' | FaultKind;

/** A running exporter. */
export interface LiveExporter {
  readonly port: number;
  /** `127.0.0.1:<port>`, the scrape target. */
  readonly address: string;
  /** Starts the script: script time 0 is `t0` (epoch ms); until then every scrape gets an empty page. */
  start(t0: number): void;
  /** Script time of each request's arrival and what it got (at most 10 000 entries). */
  readonly requests: readonly { readonly atMs: number; readonly outcome: Outcome }[];
  /** Listener errors (e.g. the port taken while refusing): must stay empty. */
  readonly errors: readonly string[];
  stop(): Promise<void>;
}

const TEXT_FORMAT = 'text/plain; version=0.0.4; charset=utf-8';

function faultAt(script: ExporterScript, tMs: number): FaultKind | undefined {
  return script.faults.find((f) => f.fromMs <= tMs && tMs < f.toMs)?.kind;
}

/** Timers that `clear()` cancels all at once. */
function timerSet(): { later(ms: number, run: () => void): void; clear(): void } {
  const timers = new Set<NodeJS.Timeout>();
  return {
    later(ms, run) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, Math.max(0, ms));
      timers.add(timer);
    },
    clear() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function answer(res: ServerResponse, status: number, body: string): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'Content-Type': TEXT_FORMAT }).end(body);
}

/** The scrape handler: the snapshot at the request's arrival, answered as the fault at that time says. */
function scrapeHandler(
  script: ExporterScript,
  clock: { readonly t0: number | undefined },
  requests: { atMs: number; outcome: Outcome }[],
  later: (ms: number, run: () => void) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const random = mulberry32(script.seed);
  return (req, res) => {
    const t0 = clock.t0;
    const tMs = t0 === undefined ? Number.NEGATIVE_INFINITY : Date.now() - t0;
    const outcome: Outcome = (t0 === undefined ? undefined : faultAt(script, tMs)) ?? 'ok';
    if (requests.length < 10_000) requests.push({ atMs: tMs, outcome });
    const body = t0 === undefined ? '' : renderExposition(exposedAt(script, tMs));
    if (outcome === 'refuse') return void req.socket.destroy();
    if (outcome === 'hang') return; // never answered; Prometheus gives up at its timeout, stop() destroys the rest
    if (outcome === 'http500') return answer(res, 500, 'collector failure\n');
    const delay = { ok: 0, timeout: script.delays.timeoutMs, slow: script.delays.slowMs, jitter: script.delays.jitterMs }[outcome];
    if (delay === 0) answer(res, 200, body);
    else later(outcome === 'jitter' ? random() * delay : delay, () => answer(res, 200, body));
  };
}

/** Starts the exporter on a free loopback port, serving empty pages until `start`. */
export async function startLiveExporter(script: ExporterScript): Promise<LiveExporter> {
  const clock: { t0: number | undefined } = { t0: undefined };
  const timers = timerSet();
  const requests: { atMs: number; outcome: Outcome }[] = [];
  const errors: string[] = [];
  const server = createServer(scrapeHandler(script, clock, requests, timers.later));
  server.on('error', (error) => errors.push(String(error)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const refuse = (): void => {
    server.close();
    server.closeAllConnections();
  };
  const listenAgain = (): void => void server.listen(port, '127.0.0.1');
  return {
    port,
    address: `127.0.0.1:${port}`,
    requests,
    errors,
    start(at: number) {
      clock.t0 = at;
      for (const f of script.faults.filter((s) => s.kind === 'refuse')) {
        timers.later(at + f.fromMs - Date.now(), refuse);
        timers.later(at + f.toMs - Date.now(), listenAgain);
      }
    },
    async stop() {
      timers.clear();
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      server.closeAllConnections();
    },
  };
}
