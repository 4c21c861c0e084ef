/**
 * `npm run demo`: sends synthetic Claude Code telemetry (metrics and the events of a few turns: prompts,
 * API requests, errors, refusals, tool decisions and results, subagents, MCP connections) over OTLP/HTTP
 * to the collector, so the dashboards fill within a minute. See scripts/synthetic/otlp-demo.ts.
 *
 * A `run(argv, io)` command of the shared CLI module (scripts/lib/cli-kit.ts). Exit codes: 0 sent,
 * 1 the collector did not take the exports (not running, wrong endpoint), 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { CliError, guarded, runIfMain, UsageError, versionText, type CliIO } from './lib/cli-kit.js';
import { DEFAULT_DEMO_OPTIONS, runDemo, type DemoOptions } from './synthetic/otlp-demo.js';

const HELP = `Usage: npm run demo -- [options]

Sends synthetic Claude Code telemetry over OTLP/HTTP (the OpenTelemetry JS SDK, as Claude Code does):
the eight claude_code.* counters and the events of each turn (api_request, user_prompt, tool_decision,
tool_result, api_error, ...) as logs. One synthetic hour is replayed per real minute by default, so the
dashboards fill within a minute.

Options:
  --endpoint <url>       OTLP/HTTP endpoint of the collector (default ${DEFAULT_DEMO_OPTIONS.endpoint})
  --duration <time>      how long to send: 30s, 5m, 1h (default 5m)
  --temporality <t>      delta (Claude Code's default) or cumulative (default delta)
  --speed <n>            synthetic seconds per real second (default ${DEFAULT_DEMO_OPTIONS.speed})
  --export-interval <t>  metric export interval, e.g. 5s (default 5s)
  --users <n>            regular synthetic users (default ${DEFAULT_DEMO_OPTIONS.users})
  --seed <text>          seed of the synthetic workload
  -h, --help             show this help
  -V, --version          print the package's version

Exit codes: 0 sent, 1 the collector did not take the telemetry (not running, wrong --endpoint),
2 bad usage.
`;

const OPTIONS = {
  endpoint: { type: 'string', default: DEFAULT_DEMO_OPTIONS.endpoint },
  duration: { type: 'string', default: '5m' },
  temporality: { type: 'string', default: 'delta' },
  speed: { type: 'string', default: String(DEFAULT_DEMO_OPTIONS.speed) },
  'export-interval': { type: 'string', default: '5s' },
  users: { type: 'string', default: String(DEFAULT_DEMO_OPTIONS.users) },
  seed: { type: 'string', default: DEFAULT_DEMO_OPTIONS.seed },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const;

/** "30s", "5m", "1h", "1500ms" → ms. */
function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag} must look like 30s, 5m or 1h (got ${JSON.stringify(text)})`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(m[1]) * unit;
  if (ms <= 0) throw new UsageError(`${flag} must be above 0 (got ${JSON.stringify(text)})`);
  return ms;
}

function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number (got ${JSON.stringify(text)})`);
  return n;
}

type Request = { kind: 'help' } | { kind: 'version' } | { kind: 'send'; options: DemoOptions };

/** Parses the command line; throws `UsageError` on an unknown flag or a bad value. */
export function parseDemoArgs(argv: readonly string[]): Request {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? String(error));
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values.temporality !== 'delta' && values.temporality !== 'cumulative') {
    throw new UsageError(`--temporality must be delta or cumulative (got ${JSON.stringify(values.temporality)})`);
  }
  let endpoint: URL;
  try {
    endpoint = new URL(values.endpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as http://127.0.0.1:4318 (got ${JSON.stringify(values.endpoint)})`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new UsageError(`--endpoint must be an http:// or https:// URL (got ${JSON.stringify(values.endpoint)})`);
  const options: DemoOptions = {
    ...DEFAULT_DEMO_OPTIONS,
    endpoint: endpoint.toString(),
    durationMs: parseDuration(values.duration, '--duration'),
    temporality: values.temporality,
    speed: positiveNumber(values.speed, '--speed'),
    exportIntervalMs: parseDuration(values['export-interval'], '--export-interval'),
    users: Math.round(positiveNumber(values.users, '--users')),
    seed: values.seed,
  };
  return { kind: 'send', options };
}

/**
 * A diagnostics logger for the OpenTelemetry SDK that counts the export errors (the SDK reports a failed
 * export there, never to its caller) and keeps the first one's text, instead of printing each with its stack.
 */
function exportErrors(): { logger: DiagLogger; count: () => number; first: () => string | undefined } {
  let count = 0;
  let first: string | undefined;
  const ignore = (): void => undefined;
  const logger: DiagLogger = {
    error: (message, ...args) => {
      count += 1;
      first ??= oneLine([message, ...args]);
    },
    warn: ignore,
    info: ignore,
    debug: ignore,
    verbose: ignore,
  };
  return { logger, count: () => count, first: () => first };
}

/** The gist of a diagnostics message: its text and the codes or messages of its arguments, on one line. */
function oneLine(parts: readonly unknown[]): string {
  const text = parts
    .map((p) => (p instanceof Error ? ((p as NodeJS.ErrnoException).code ?? p.message) : typeof p === 'string' ? p : ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

/**
 * The demo command: sends the synthetic workload and says whether the collector took it.
 * @returns the exit code (0 sent, 1 the collector did not take it, 2 bad usage)
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  return guarded('demo', io, async () => {
    const request = parseDemoArgs(argv);
    if (request.kind === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (request.kind === 'version') {
      io.stdout(versionText());
      return 0;
    }
    const errors = exportErrors();
    diag.setLogger(errors.logger, { logLevel: DiagLogLevel.ERROR, suppressOverrideMessage: true });
    try {
      await runDemo({ ...request.options, log: (line) => io.stdout(`${line}\n`) });
    } finally {
      diag.disable();
    }
    if (errors.count() > 0) {
      throw new CliError(
        `${errors.count()} export(s) to ${request.options.endpoint} failed (${errors.first()}). Fix: start the stack (npm run stack:up) or give the collector's OTLP/HTTP address with --endpoint`,
      );
    }
    return 0;
  });
}

runIfMain(import.meta.url, 'demo', run);
