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
import { DEMO_EVENT_NAMES } from '../../scripts/synthetic/demo-events.js';

interface Received {
  readonly path: string;
  readonly contentType: string;
  readonly body: unknown;
}

async function receiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(text) });
      res.writeHead(200, { 'Content-Type': 'application/json' });
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

  it('has --help and rejects bad flags with the usage text', async () => {
    const run = promisify(execFile);
    const help = await run('npx', ['tsx', 'scripts/demo.ts', '--help']);
    expect(help.stdout).toContain('--endpoint');
    expect(help.stdout).toContain('--temporality');
    await expect(run('npx', ['tsx', 'scripts/demo.ts', '--temporality', 'sideways'])).rejects.toMatchObject({ code: 2 });
  });
});
