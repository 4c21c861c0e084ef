/**
 * `claude-code-dashboards report`: its numbers equal the ground truth of the synthetic workload (the
 * dashboards' accuracy suites hold the panels to the same truth) in a real Prometheus with the recording
 * rules, at 1h, 24h and 7d; and every way it fails says what to do: an unreachable server, refused
 * credentials, an empty period, missing recording rules, bad usage.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../queries/config.js';
import { EXPECTATIONS, GROUP_SEPARATOR } from '../../scripts/accuracy/expectations.js';
import { startLoadedPrometheus, type LoadedPrometheus } from '../../scripts/accuracy/loaded-prometheus.js';
import { standardWorkload } from '../../scripts/accuracy/suites.js';
import { describeError, withinTolerance } from '../../scripts/accuracy/tolerance.js';
import { collectReport, REPORT_SECTIONS } from '../../scripts/lib/report-data.js';
import { httpEvaluate, run } from '../../scripts/report.js';
import { engineOrSkip } from '../accuracy/engine-check.js';

async function report(argv: string[], env: Record<string, string> = {}, now = Date.now()) {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), env, now: () => now });
  return { code, out, err };
}

describe('report: errors say what to do', () => {
  let server: Server;
  let url = '';
  let answer: (path: string, auth: string | undefined) => { status: number; body: unknown } = () => ({ status: 200, body: {} });
  beforeAll(async () => {
    server = createServer((req, res) => {
      const { status, body } = answer(req.url ?? '', req.headers.authorization);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('bad usage exits 2 with the reason', async () => {
    for (const [args, reason] of [
      [['--last', 'a week'], /--last needs a duration/],
      [['--last', '7d', '--month', '2026-11'], /give one of --last, --from\/--to or --month/],
      [['--from', '2026-11-02T00:00:00Z', '--to', '2026-11-01T00:00:00Z'], /--to must be after --from/],
      [['--format', 'xml'], /--format must be one of markdown, csv, json/],
      [['--bogus'], /Unknown option/],
    ] as const) {
      const r = await report([...args, '--url', url]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(reason);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('usage errors are one line and a --help hint; a bad build configuration exits 2 naming the file and field, without the hint', async () => {
    const bogus = await report(['--bogus']);
    expect(bogus.err).toBe("claude-code-dashboards report: error: Unknown option '--bogus'\nRun 'claude-code-dashboards report --help' for usage.\n");
    const dir = mkdtempSync(path.join(tmpdir(), 'report-config-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'naming: otel\n');
    const bad = await report(['--config', path.join(dir, 'bad.yaml'), '--url', url]);
    rmSync(dir, { recursive: true, force: true });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^claude-code-dashboards report: error: .*bad\.yaml: invalid configuration\n {2}- naming: got "otel"/);
    expect(bad.err).not.toMatch(/--help/);
  });

  it('an unreachable server and refused credentials exit 1 naming the fix', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closed = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const down = await report(['--url', `http://127.0.0.1:${closed}`]);
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Fix: check --url/);
    answer = (_p, auth) => (auth === 'Bearer s3cret' ? { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [] } } } : { status: 401, body: { status: 'error', error: 'unauthorized' } });
    const refused = await report(['--url', url]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/refused the credentials \(HTTP 401\)\. Fix: set \$PROMETHEUS_BEARER_TOKEN/);
    // With the token it gets through, to a Prometheus without Claude Code data: an empty period, exit 1.
    const empty = await report(['--url', url, '--format', 'json'], { PROMETHEUS_BEARER_TOKEN: 's3cret' });
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/no Claude Code telemetry between .* Fix: check the period/);
    expect(JSON.parse(empty.out).rulesLoaded).toBe(false);
  });
});

const WINDOWS = [
  { name: '1h', ms: 3_600_000 },
  { name: '24h', ms: 86_400_000 },
  { name: '7d', ms: 7 * 86_400_000 },
];

for (const major of [2, 3] as const) {
  const { engine, skip, fail } = engineOrSkip(major);
  describe.skipIf(skip !== undefined)(`report in Prometheus ${major}.x equals the truth`, () => {
    const workload = standardWorkload();
    const config = resolveConfig({ naming: 'otel-collector' });
    let server: LoadedPrometheus | undefined;
    beforeAll(async () => {
      if (engine) server = await startLoadedPrometheus(engine, workload.usage, 'otel-collector', { config });
    }, 300_000);
    afterAll(async () => server?.stop());

    it.each(WINDOWS)('every number of the report at $name', async (window) => {
      if (fail) throw new Error(fail);
      const end = workload.usage.end;
      const period = { fromMs: end - window.ms, toMs: end };
      const { values, rulesLoaded } = await collectReport(httpEvaluate(server!.baseUrl, undefined), config, period, end + 3_600_000);
      expect(rulesLoaded).toBe(true);
      const misses: string[] = [];
      let compared = 0;
      for (const v of values) {
        const expect_ = EXPECTATIONS[v.id]?.({ truth: workload.truth, window: { from: period.fromMs, to: period.toMs }, filter: () => true, config, rulesLoaded: true });
        if (!expect_) {
          misses.push(`${v.id}: no truth mapping`);
          continue;
        }
        for (const [key, truth] of expect_.values) {
          const shown = v.groups.get(key.split(GROUP_SEPARATOR).join(' / '))?.now ?? 0;
          compared += 1;
          if (!withinTolerance(expect_.tolerance, truth, shown)) misses.push(`${v.id} [${key.split(GROUP_SEPARATOR).join(' / ')}]: ${describeError(expect_.tolerance, truth, shown)} (truth ${truth}, report ${shown})`);
        }
      }
      expect(compared).toBeGreaterThan(REPORT_SECTIONS.flatMap((s) => s.ids).length);
      expect(misses, misses.join('\n')).toEqual([]);
    }, 120_000);
  });
}
