/**
 * Sends a synthetic Claude Code workload over OTLP/HTTP, as Claude Code would: the eight counters through
 * the OpenTelemetry JS metrics SDK (delta temporality by default, like Claude Code) and the events of each
 * turn as log records (an `api_request` with its prompt, tool decision and result, and now and then an
 * error, refusal, subagent or MCP connection: demo-events.ts). The generator's timeline is replayed faster than real time (`speed`), so a new
 * stack shows populated dashboards within a minute.
 */
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { AggregationTemporalityPreference, OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { turnEvents } from './demo-events.js';
import { generateUsage, standardAttributes } from './generate.js';
import { claudeCodeResource, CLAUDE_CODE_METER, createClaudeCodeCounters, recordReport } from './otel-instruments.js';
import type { SyntheticUsage } from './types.js';

/** Demo settings. */
export interface DemoOptions {
  /** OTLP/HTTP base URL, e.g. http://127.0.0.1:4318. */
  readonly endpoint: string;
  /** How long to send, ms of real time. */
  readonly durationMs: number;
  readonly temporality: 'delta' | 'cumulative';
  /** Synthetic seconds per real second. */
  readonly speed: number;
  /** OTEL_METRIC_EXPORT_INTERVAL of the demo, ms of real time. */
  readonly exportIntervalMs: number;
  readonly seed: string;
  readonly users: number;
  /** At most this many API requests per second of real time ("a few"), each with the other events of its turn (demo-events.ts). */
  readonly eventsPerSecond: number;
  readonly log?: (line: string) => void;
}

/** Defaults: 5 minutes of sending, one synthetic hour per real minute, exports every 5 s. */
export const DEFAULT_DEMO_OPTIONS: DemoOptions = {
  endpoint: 'http://127.0.0.1:4318',
  durationMs: 5 * 60_000,
  temporality: 'delta',
  speed: 60,
  exportIntervalMs: 5_000,
  seed: 'claude-code-dashboards/demo',
  users: 8,
  eventsPerSecond: 2,
};

/** What was sent. */
export interface DemoSummary {
  readonly reports: number;
  readonly events: number;
  readonly costUsd: number;
}

/** End of the synthetic timeline: a Wednesday, 17:00 UTC (on the 15 s scrape grid). */
const BUSY_AFTERNOON_END = Date.UTC(2026, 7, 26, 17, 0, 0);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The synthetic workload the demo replays: `durationMs × speed` of synthetic time (at most 7 days) ending
 * on a weekday afternoon. Also what `npm run render:overview` loads into Prometheus for the README's picture.
 */
export function demoWorkload(options: Pick<DemoOptions, 'durationMs' | 'speed' | 'seed' | 'users'>): SyntheticUsage {
  const syntheticMs = Math.min(options.durationMs * options.speed, 7 * 86_400_000);
  return generateUsage({
    seed: options.seed,
    end: BUSY_AFTERNOON_END,
    historyMs: syntheticMs,
    regularUsers: options.users,
    sessionsPerUserDay: 12,
    scenarioSessionsPerDay: 6,
    edgeWindows: [],
    events: true,
  });
}

/** Runs the demo until `durationMs` has passed, then flushes and shuts the SDK down. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const log = options.log ?? (() => undefined);
  const base = options.endpoint.replace(/\/+$/, '');
  const resource = claudeCodeResource();
  const metricExporter = new OTLPMetricExporter({
    url: `${base}/v1/metrics`,
    temporalityPreference: options.temporality === 'delta' ? AggregationTemporalityPreference.DELTA : AggregationTemporalityPreference.CUMULATIVE,
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: [new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: options.exportIntervalMs })],
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${base}/v1/logs` }), scheduledDelayMillis: 1_000 })],
  });
  const counters = createClaudeCodeCounters(meterProvider.getMeter(CLAUDE_CODE_METER));
  const logger = loggerProvider.getLogger(CLAUDE_CODE_METER);

  // The synthetic timeline only paces the replay (the SDK stamps real time). It is placed in the busy
  // hours of a weekday, so the dashboards fill whatever the time of day.
  const usage = demoWorkload(options);
  const realStart = Date.now();
  const synthStart = usage.start;
  const toSynthetic = (real: number) => synthStart + (real - realStart) * options.speed;
  log(`Sending ${usage.sessions.length} synthetic sessions of ${usage.users.length} users (${usage.reports.length} counter exports) to ${base} over ${Math.round(options.durationMs / 1000)} s, ${options.temporality} temporality.`);

  let r = 0;
  let e = 0;
  let events = 0;
  let turns = 0;
  let costUsd = 0;
  while (r < usage.reports.length || Date.now() - realStart < options.durationMs) {
    const now = toSynthetic(Date.now());
    for (; r < usage.reports.length && (usage.reports[r]?.time ?? Infinity) <= now; r++) {
      const report = usage.reports[r]!;
      recordReport(counters, report);
      if (report.series.metric === 'cost') costUsd += report.amount;
    }
    let budget = options.eventsPerSecond;
    for (; e < usage.events.length && (usage.events[e]?.time ?? Infinity) <= now; e++) {
      const event = usage.events[e]!;
      if (budget <= 0) continue;
      budget -= 1;
      for (const one of turnEvents(event, turns++)) {
        events += 1;
        logger.emit({
          body: `claude_code.${one.name}`,
          timestamp: Date.now(),
          attributes: { ...standardAttributes(event.session), 'event.name': one.name, 'event.timestamp': new Date().toISOString(), ...one.attributes },
        });
      }
    }
    if (Date.now() - realStart >= options.durationMs) break;
    await sleep(1_000);
  }
  await meterProvider.forceFlush();
  await loggerProvider.forceFlush();
  await meterProvider.shutdown();
  await loggerProvider.shutdown();
  log(`Sent ${r} counter exports ($${costUsd.toFixed(2)} of synthetic cost) and ${events} events in ${turns} turns.`);
  return { reports: r, events, costUsd };
}
