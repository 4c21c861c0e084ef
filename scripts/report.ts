/**
 * `claude-code-dashboards report`: what Claude Code cost and delivered in a period, asked from a
 * Prometheus with the dashboards' own queries (scripts/lib/report-data.ts), printed as Markdown, CSV or
 * JSON (scripts/lib/report-format.ts), with the change against the period before. Exit codes: 0 ok,
 * 1 failed (server unreachable, credentials refused, no data in the period), 2 bad usage or configuration.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError as BuildConfigError, type Config } from '../queries/config.js';
import { parseDuration } from '../queries/duration.js';
import { CliError, ConfigError, guarded, UsageError, versionText, type CliIO } from './lib/cli-kit.js';
import { loadConfig } from './lib/load-config.js';
import { collectReport, REPORT_SECTIONS, type Evaluate, type Period } from './lib/report-data.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from './lib/report-format.js';

const HELP = `Usage: claude-code-dashboards report [options]

Prints what Claude Code cost and delivered in a period (cost, tokens, cache, sessions, users, commits,
PRs, lines, by model and by user) and the change against the period before it, computed by a
Prometheus with the same queries as the dashboards.

Options:
  --url URL              Prometheus base URL (default: $PROMETHEUS_URL, else http://localhost:9090)
  --last DURATION        the period ending now, e.g. 24h, 7d, 30d (default: 7d)
  --from TIME --to TIME  an explicit period (ISO 8601, e.g. 2026-11-01T00:00:00Z)
  --month YYYY-MM        a calendar month, in UTC
  --format FORMAT        ${REPORT_FORMATS.join(', ')} (default: markdown)
  --config FILE          the build configuration (default: claude-code-dashboards.config.* here)
  --bearer-token-file F  send "Authorization: Bearer <contents of F>" (or set $PROMETHEUS_BEARER_TOKEN)
  -h, --help             show this help
  -V, --version          print the package's version
Basic auth: set $PROMETHEUS_BASIC_AUTH to user:password. TLS: system CAs, plus NODE_EXTRA_CA_CERTS.

Exit codes: 0 ok, 1 failed (unreachable, credentials refused, no data in the period), 2 bad usage or configuration.`;

/** Where the report writes; `progress` is shown on a terminal only. */
export interface ReportIO extends CliIO {
  /** The clock (default: `Date.now`), so a test can fix "now". */
  readonly now?: () => number;
}

/** The report could not be made (server unreachable, credentials refused): exit 1. */
class ReportError extends CliError {}

function periodOf(values: Record<string, string | boolean | undefined>, nowMs: number): Period {
  const { last, from, to, month } = values as Record<string, string | undefined>;
  const given = [last !== undefined, from !== undefined || to !== undefined, month !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError('give one of --last, --from/--to or --month');
  if (month !== undefined) {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
    if (!m) throw new UsageError(`--month needs YYYY-MM (got "${month}")`);
    return { fromMs: Date.UTC(Number(m[1]), Number(m[2]) - 1, 1), toMs: Math.min(Date.UTC(Number(m[1]), Number(m[2]), 1), nowMs) };
  }
  if (from !== undefined || to !== undefined) {
    const [f, t] = [Date.parse(from ?? ''), Date.parse(to ?? '')];
    if (Number.isNaN(f) || Number.isNaN(t)) throw new UsageError('--from and --to both need an ISO 8601 time, e.g. 2026-11-01T00:00:00Z');
    if (t <= f) throw new UsageError('--to must be after --from');
    return { fromMs: f, toMs: Math.min(t, nowMs) };
  }
  let ms: number;
  try {
    ms = parseDuration(last ?? '7d');
  } catch {
    throw new UsageError(`--last needs a duration such as 24h or 7d (got "${last}")`);
  }
  if (ms < 60_000) throw new UsageError('--last must be at least 1m');
  return { fromMs: nowMs - ms, toMs: nowMs };
}

function authHeader(values: Record<string, string | boolean | undefined>, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const file = values['bearer-token-file'] as string | undefined;
  if (file !== undefined) {
    try {
      return `Bearer ${readFileSync(file, 'utf8').trim()}`;
    } catch (e) {
      throw new UsageError(`--bearer-token-file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'cannot read it'}`);
    }
  }
  if (env['PROMETHEUS_BEARER_TOKEN']) return `Bearer ${env['PROMETHEUS_BEARER_TOKEN']}`;
  if (env['PROMETHEUS_BASIC_AUTH']) return `Basic ${Buffer.from(env['PROMETHEUS_BASIC_AUTH']).toString('base64')}`;
  return undefined;
}

/** An `Evaluate` over Prometheus' HTTP API with clear errors for the ways it fails. */
export function httpEvaluate(baseUrl: string, auth: string | undefined): Evaluate {
  return async (expr, atMs) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl.replace(/\/$/, '')}/api/v1/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(auth ? { Authorization: auth } : {}) },
        body: new URLSearchParams({ query: expr, time: String(atMs / 1000) }).toString(),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      throw new ReportError(`cannot reach Prometheus at ${baseUrl} (${cause}). Fix: check --url (or $PROMETHEUS_URL) and that Prometheus runs`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new ReportError(`${baseUrl} refused the credentials (HTTP ${response.status}). Fix: set $PROMETHEUS_BEARER_TOKEN, --bearer-token-file or $PROMETHEUS_BASIC_AUTH`);
    }
    const body = (await response.json().catch(() => undefined)) as { status?: string; error?: string; data?: { result?: { metric: Record<string, string>; value: [number, string] }[] } } | undefined;
    if (!response.ok || body?.status !== 'success') {
      throw new ReportError(`${baseUrl} answered HTTP ${response.status}${body?.error ? `: ${body.error}` : ''}. Is it a Prometheus (or Mimir/Thanos query) URL?`);
    }
    return (body.data?.result ?? []).map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
  };
}

/** The program name in messages. */
const NAME = 'claude-code-dashboards report';

/** The build configuration the report reads; a bad one is a configuration error (exit 2). */
function buildConfig(file: string | undefined, cwd: string): Config {
  try {
    return loadConfig(file, cwd).config;
  } catch (error) {
    if (error instanceof BuildConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Runs the report command; returns the exit code (0 ok, 1 failed, 2 bad usage or configuration). */
export async function run(argv: readonly string[], io: ReportIO): Promise<number> {
  return guarded(NAME, io, () => reportCommand(argv, io));
}

async function reportCommand(argv: readonly string[], io: ReportIO): Promise<number> {
  const env = io.env ?? process.env;
  const now = (io.now ?? Date.now)();
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: { url: { type: 'string' }, last: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, month: { type: 'string' }, format: { type: 'string' }, config: { type: 'string' }, 'bearer-token-file': { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' } },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? String(error));
  }
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    io.stdout(versionText());
    return 0;
  }
  const format = (values.format ?? 'markdown') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${values.format}")`);
  const period = periodOf(values, now);
  const config = buildConfig(values.config, io.cwd ?? process.cwd());
  const url = values.url ?? env['PROMETHEUS_URL'] ?? 'http://localhost:9090';
  const progress = (done: number, total: number): void => {
    if (io.stderrIsTTY) io.stderr(`\rquerying ${url}: ${done}/${total}${done === total ? '\n' : ''}`);
  };
  const report = await collectReport(httpEvaluate(url, authHeader(values, env)), config, period, now, progress);
  const header = { url, fromIso: new Date(period.fromMs).toISOString(), toIso: new Date(period.toMs).toISOString(), rulesLoaded: report.rulesLoaded };
  const byId = new Map(report.values.map((v) => [v.id, v]));
  const sections = REPORT_SECTIONS.map((s) => ({ title: s.title, values: s.ids.flatMap((id) => byId.get(id) ?? []) }));
  io.stdout(formatReport(format, header, sections));
  const empty = [...(byId.get('cost.total')?.groups.values() ?? [])].every((g) => g.now === 0) && [...(byId.get('sessions.count')?.groups.values() ?? [])].every((g) => g.now === 0);
  if (empty) {
    io.stderr(`${NAME}: no Claude Code telemetry between ${header.fromIso} and ${header.toIso} at ${url}. Fix: check the period, and that this Prometheus receives Claude Code's metrics (naming scheme "${config.naming}")\n`);
    return 1;
  }
  if (!report.rulesLoaded) io.stderr(`${NAME}: the recording rules were not running in this period: the numbers are the raw approximation. Load the rules (see the README).\n`);
  return 0;
}
