/**
 * `npm run demo` sends well-formed OTLP/HTTP: a tiny local receiver takes the exporter's requests and the
 * test checks what a collector would need (scope, metric names, monotonic sums, temporality, session and
 * user attributes, api_request log records). No real collector runs here.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { METRICS, METRIC_KEYS } from '../../queries/catalog.js';
import { freePort } from '../../scripts/accuracy/prometheus-server.js';
import { runDemo, DEFAULT_DEMO_OPTIONS } from '../../scripts/synthetic/otlp-demo.js';
import { run as runDemoCli } from '../../scripts/demo.js';
import { DEMO_EVENT_NAMES } from '../../scripts/synthetic/demo-events.js';

interface Received {
  readonly path: string;
  readonly contentType: string;
  readonly body: unknown;
}

/** A stand-in OTLP/HTTP receiver answering every request with `status`. */
async function receiver(status = 200): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(text) });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, received, server };
}

interface OtlpMetric {
  name: string;
  unit?: string;
  sum?: { aggregationTemporality: number; isMonotonic: boolean; dataPoints: { attributes: { key: string; value: { stringValue?: string } }[] }[] };
}

function metricsOf(received: readonly Received[]): OtlpMetric[] {
  return received
    .filter((r) => r.path === '/v1/metrics')
    .flatMap((r) => (r.body as { resourceMetrics: { scopeMetrics: { scope: { name: string }; metrics: OtlpMetric[] }[] }[] }).resourceMetrics)
    .flatMap((rm) => rm.scopeMetrics)
    .flatMap((sm) => {
      expect(sm.scope.name).toBe('com.anthropic.claude_code');
      return sm.metrics;
    });
}

let open: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (open ? open.close(() => resolve()) : resolve()));
  open = undefined;
});

describe('npm run demo', () => {
  for (const temporality of ['delta', 'cumulative'] as const) {
    it(`sends Claude Code's counters and every kind of event the dashboards read as OTLP/HTTP JSON (${temporality})`, async () => {
      const { url, received, server } = await receiver();
      open = server;
      const summary = await runDemo({ ...DEFAULT_DEMO_OPTIONS, endpoint: url, durationMs: 3_000, exportIntervalMs: 1_000, speed: 1200, temporality, users: 3 });
      expect(summary.reports).toBeGreaterThan(0);
      const metrics = metricsOf(received);
      expect(received.every((r) => r.contentType.startsWith('application/json'))).toBe(true);
      const names = new Set(metrics.map((m) => m.name));
      for (const key of ['cost', 'tokens', 'sessionCount', 'activeTime'] as const) expect(names).toContain(METRICS[key].otelName);
      for (const name of names) expect(METRIC_KEYS.map((k) => METRICS[k].otelName)).toContain(name);
      const cost = metrics.find((m) => m.name === 'claude_code.cost.usage');
      expect(cost?.unit).toBe('USD');
      expect(cost?.sum?.isMonotonic).toBe(true);
      // OTLP AggregationTemporality: 1 = DELTA, 2 = CUMULATIVE.
      expect(new Set(metrics.map((m) => m.sum?.aggregationTemporality))).toEqual(new Set([temporality === 'delta' ? 1 : 2]));
      const attributeKeys = new Set(cost?.sum?.dataPoints.flatMap((p) => p.attributes.map((a) => a.key)));
      for (const key of ['session.id', 'user.id', 'model', 'query_source', 'terminal.type']) expect(attributeKeys).toContain(key);
      const logs = received
        .filter((r) => r.path === '/v1/logs')
        .flatMap((r) => (r.body as { resourceLogs: { scopeLogs: { logRecords: { body: { stringValue: string } }[] }[] }[] }).resourceLogs)
        .flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords));
      expect(logs.length).toBe(summary.events);
      expect(logs.length).toBeGreaterThan(0);
      // The first turn has every kind of event (demo-events.ts).
      expect(new Set(logs.map((l) => l.body.stringValue))).toEqual(new Set(DEMO_EVENT_NAMES.map((n) => `claude_code.${n}`)));
    });
  }
});

/** Runs the demo command in process with a captured IO. */
async function demo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDemoCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} });
  return { code, stdout, stderr };
}

describe('npm run demo: the command line', () => {
  it('--help prints the options and exit codes, exit 0; --version prints the package version', async () => {
    const help = await demo(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--endpoint');
    expect(help.stdout).toContain('--temporality');
    expect(help.stdout).toMatch(/Exit codes: 0 sent, 1 .*, *\n?2 bad usage/);
    const version = await demo(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^claude-code-dashboards \d+\.\d+\.\d+\n$/);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /Unexpected argument 'extra'/],
    [['--temporality', 'sideways'], /--temporality must be delta or cumulative \(got "sideways"\)/],
    [['--endpoint', 'not a url'], /--endpoint must be a URL/],
    [['--endpoint', 'ftp://127.0.0.1:4318'], /--endpoint must be an http/],
    [['--duration', '5 minutes'], /--duration must look like 30s/],
    [['--export-interval', '0s'], /--export-interval must be above 0/],
    [['--users=0'], /--users must be a positive number/],
  ])('%j is a usage error: one line and a --help hint, exit 2, nothing sent', async (args, message) => {
    const r = await demo(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^demo: error: /);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toBe("Run 'demo --help' for usage.");
  });

  it('sends to a receiver and exits 0', async () => {
    const { url, received, server } = await receiver();
    open = server;
    const r = await demo(['--endpoint', url, '--duration', '1s', '--export-interval', '500ms', '--speed', '1200', '--users', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sending \d+ synthetic sessions/);
    expect(received.filter((x) => x.path === '/v1/metrics').length).toBeGreaterThan(0);
  });

  it('a collector that refuses every export is a failure: exit 1, one line naming the endpoint and the fix, no stack trace', async () => {
    const { url, server } = await receiver(503);
    open = server;
    const r = await demo(['--endpoint', url, '--duration', '1s', '--export-interval', '500ms', '--speed', '1200', '--users', '2']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^demo: error: \\d+ export\\(s\\) to ${url}/ failed \\(.+\\)\\. Fix: start the stack \\(npm run stack:up\\)`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs as a script: a usage error exits 2 from the process too', async () => {
    const run = promisify(execFile);
    await expect(run('npx', ['tsx', 'scripts/demo.ts', '--temporality', 'sideways'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^demo: error: --temporality/) });
  });
});
