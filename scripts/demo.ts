/**
 * `npm run demo`: sends synthetic Claude Code telemetry (metrics and the events of a few turns: prompts, API requests, errors, refusals, tool decisions and results, subagents, MCP connections) over
 * OTLP/HTTP to the collector, so the dashboards fill within a minute. See scripts/synthetic/otlp-demo.ts.
 */
import { parseArgs } from 'node:util';
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { DEFAULT_DEMO_OPTIONS, runDemo } from './synthetic/otlp-demo.js';

const HELP = `Usage: npm run demo -- [options]

Sends synthetic Claude Code telemetry over OTLP/HTTP (the OpenTelemetry JS SDK, as Claude Code does):
the eight claude_code.* counters and the events of each turn (api_request, user_prompt, tool_decision, tool_result, api_error, ...) as logs. One synthetic hour is replayed per
real minute by default, so the dashboards fill within a minute.

Options:
  --endpoint <url>       OTLP/HTTP endpoint of the collector (default ${DEFAULT_DEMO_OPTIONS.endpoint})
  --duration <time>      how long to send: 30s, 5m, 1h (default 5m)
  --temporality <t>      delta (Claude Code's default) or cumulative (default delta)
  --speed <n>            synthetic seconds per real second (default ${DEFAULT_DEMO_OPTIONS.speed})
  --export-interval <t>  metric export interval, e.g. 5s (default 5s)
  --users <n>            regular synthetic users (default ${DEFAULT_DEMO_OPTIONS.users})
  --seed <text>          seed of the synthetic workload
  -h, --help             show this help`;

/** "30s", "5m", "1h", "1500ms" → ms. */
function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`${flag} must look like 30s, 5m or 1h, got ${JSON.stringify(text)}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, got ${JSON.stringify(text)}`);
  return n;
}

async function main(): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      options: {
        endpoint: { type: 'string', default: DEFAULT_DEMO_OPTIONS.endpoint },
        duration: { type: 'string', default: '5m' },
        temporality: { type: 'string', default: 'delta' },
        speed: { type: 'string', default: String(DEFAULT_DEMO_OPTIONS.speed) },
        'export-interval': { type: 'string', default: '5s' },
        users: { type: 'string', default: String(DEFAULT_DEMO_OPTIONS.users) },
        seed: { type: 'string', default: DEFAULT_DEMO_OPTIONS.seed },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (values.temporality !== 'delta' && values.temporality !== 'cumulative') {
      throw new Error(`--temporality must be delta or cumulative, got ${JSON.stringify(values.temporality)}`);
    }
    let endpoint: URL;
    try {
      endpoint = new URL(values.endpoint);
    } catch {
      throw new Error(`--endpoint must be a URL such as http://127.0.0.1:4318, got ${JSON.stringify(values.endpoint)}`);
    }
    options = {
      ...DEFAULT_DEMO_OPTIONS,
      endpoint: endpoint.toString(),
      durationMs: parseDuration(values.duration, '--duration'),
      temporality: values.temporality,
      speed: positiveNumber(values.speed, '--speed'),
      exportIntervalMs: parseDuration(values['export-interval'], '--export-interval'),
      users: Math.round(positiveNumber(values.users, '--users')),
      seed: values.seed,
      log: (line: string) => console.log(line),
    } as const;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  // Export failures (collector not running) are reported through diag.
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  await runDemo(options);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
