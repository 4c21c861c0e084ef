/**
 * End to end through the OpenTelemetry JS SDK, the SDK Claude Code uses: synthetic Claude Code counters are
 * recorded with @opentelemetry/sdk-metrics and exposed by @opentelemetry/exporter-prometheus on a loopback
 * port (cumulative, no unit suffixes, like Claude Code's :9464); a real Prometheus scrapes it every second;
 * two thirds through, the "process" restarts on the same port (every series goes stale and comes back from
 * zero). The rules tell a return from zero from a continuing total by how long the series was away (see
 * queries/counters.ts), so the configuration says how long this pipeline keeps a series (pipeline block,
 * at this test's 1 s scale: look-back 5 s) and the process stays down for longer. After the scraping, the recording rules of a configuration with that scrape interval are
 * backfilled from the scraped data (`promtool tsdb create-blocks-from rules`, on the 1 s grid) and
 * Prometheus is restarted with their blocks: live rule evaluation would race with the scrapes (an
 * evaluation can run before or after the scrape of the same instant), which a test cannot control. The
 * dashboards built for the `claude-code-prometheus` naming must then show exactly what was recorded, for
 * every target.
 */
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../queries/config.js';
import { evaluateRun } from '../../scripts/accuracy/evaluate.js';
import { accuracyDashboards } from '../../scripts/accuracy/suites.js';
import { queryInstant } from '../../scripts/accuracy/prometheus-api.js';
import { freePort, startPrometheus, type PrometheusServer } from '../../scripts/accuracy/prometheus-server.js';
import { backfillRecordingRules } from '../../scripts/accuracy/rule-backfill.js';
import { generateUsage } from '../../scripts/synthetic/generate.js';
import { claudeCodeResource, CLAUDE_CODE_METER, createClaudeCodeCounters, recordReport } from '../../scripts/synthetic/otel-instruments.js';
import { GroundTruth } from '../../scripts/synthetic/truth.js';
import type { Report, SyntheticUsage } from '../../scripts/synthetic/types.js';
import { engineOrSkip } from './engine-check.js';

const HOUR = 3_600_000;
const { engine, skip, fail } = engineOrSkip(3);

/** A Claude Code process: a MeterProvider with the Prometheus exporter on `port`. */
async function startProcess(port: number): Promise<{ record(r: Report): void; stop(): Promise<void> }> {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port, preventServerStart: true });
  await exporter.startServer();
  const provider = new MeterProvider({ resource: claudeCodeResource(), readers: [exporter] });
  const counters = createClaudeCodeCounters(provider.getMeter(CLAUDE_CODE_METER));
  return { record: (r) => recordReport(counters, r), stop: () => provider.shutdown() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip !== undefined)('end to end: OpenTelemetry JS SDK → Prometheus exporter → Prometheus scrape → dashboards', () => {
  let prometheus: PrometheusServer | undefined;
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('shows exactly what the SDK recorded, across a process restart, in every target', async () => {
    if (fail || !engine) throw new Error(fail);
    // Claude Code's own exporter keeps every series while the process lives: nothing expires, and a series
    // away for longer than the look-back (seriesMemory − exporterExpiry = 5 s) belongs to a new process.
    const config = resolveConfig({ naming: 'claude-code-prometheus', scrapeInterval: '1s', pipeline: { exporterExpiry: '2s', seriesMemory: '7s' } });
    const port = await freePort();
    const startedAt = Date.now();
    prometheus = await startPrometheus(engine, {
      scrapeInterval: '1s',
      configYaml: `scrape_configs:\n  - job_name: claude-code\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
    });
    const baseUrl = prometheus.baseUrl;
    /** Resolves once Prometheus has scraped the target successfully after `since` (ms). */
    const scrapedAfter = async (since: number) => {
      for (let i = 0; i < 200; i++) {
        const up = await queryInstant(baseUrl, 'timestamp(up{job="claude-code"} == 1)', Date.now());
        if ((up[0]?.points[0]?.[1] ?? 0) * 1000 > since + 1000) return;
        await sleep(250);
      }
      throw new Error('Prometheus did not scrape the exporter');
    };

    // Claude Code-shaped activity: the generator's exports of two hours, first lives only (the SDK exporter
    // is cumulative and never expires a series; the restart below is real).
    const source = generateUsage({ seed: 'otel-e2e', regularUsers: 3, historyMs: 2 * HOUR, edgeWindows: [HOUR] });
    const replay = source.reports.filter((r) => r.epoch === 0);
    const recorded: Report[] = [];
    const thirds = [0, 1, 2].map((k) => replay.slice(Math.floor((k * replay.length) / 3), Math.floor(((k + 1) * replay.length) / 3)));
    let process = await startProcess(port);
    for (const [k, batch] of thirds.entries()) {
      if (k === 2) {
        // The process exits and a new one starts on the same port seconds later, as a real restart would:
        // the scrapes in between fail, so every series goes stale and comes back from zero, after longer
        // than the rules' look-back (a return within it is read as the same process: README, Limits).
        await process.stop();
        await sleep(8000);
        process = await startProcess(port);
      }
      const at = Date.now();
      for (const r of batch) {
        process.record(r);
        recorded.push({ ...r, time: at });
      }
      await scrapedAfter(at);
    }
    await process.stop();
    // The window's end: after the last scrape, and a multiple of every Grafana step used (2 s, 5 s).
    const end = Math.ceil((Date.now() + 1) / 10_000) * 10_000;
    await sleep(end - Date.now() + 1500); // the scrapes up to `end` are all in
    // The rules' series from the first second Prometheus ran to the end, evaluated on the 1 s grid.
    await backfillRecordingRules(prometheus, config, { startMs: Math.floor(startedAt / 1000) * 1000, endMs: end });

    const usage: SyntheticUsage = { ...source, start: end - HOUR, end, reports: recorded };
    const rows = await evaluateRun({
      engine: engine.version,
      // Read again: the backfill restarted the server, possibly on another port.
      baseUrl: prometheus.baseUrl,
      config,
      usage,
      truth: new GroundTruth(usage),
      dashboards: accuracyDashboards(config),
      windows: [{ name: '1h', ms: HOUR }],
      scenarios: ['all'],
      naive: false,
    });
    const totals = rows.filter((r) => r.queryId === 'cost.total');
    expect(totals.length).toBeGreaterThan(0);
    expect(totals[0]?.truth).toBeGreaterThan(0);
    const misses = rows.filter((r) => !r.pass).map((r) => `${r.dashboard} › ${r.panel} (${r.refId}) [${r.queryId}]: ${r.misses.join('; ')}`);
    expect(misses, misses.join('\n')).toEqual([]);
    expect(rows.length).toBe(accuracyDashboards(config).reduce((n, d) => n + (d.uid.endsWith('-user') ? 0 : d.targets.length), 0));
  });
});
