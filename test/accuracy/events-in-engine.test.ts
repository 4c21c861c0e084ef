/**
 * The activity dashboard in real Prometheus engines: a seeded two-day event workload goes through the
 * collector as the pinned signaltometrics connector, deltatocumulative and the prometheus exporter would
 * carry it (scripts/synthetic/signaltometrics.ts), with a collector restart (every running total starts
 * again from zero) and two minutes of failed scrapes while sessions are busy. The engine backfills the
 * event rule group itself; every instant target that reads the derived metrics must then show exactly
 * the counts of its window, and every latency quantile must lie in the histogram bucket of the true
 * quantile of the generated durations. Every time series is compared point by point with the truth of
 * its own graph step (scripts/accuracy/event-trends.ts). Missing engines skip locally and fail in CI
 * (engine-check.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../queries/config.js';
import { EVENT_TRUTH } from '../../scripts/accuracy/event-expectations.js';
import { restartLosses } from '../../scripts/accuracy/event-losses.js';
import { EVENT_TREND_TRUTH, evaluateEventTrends, evaluateTrendTarget, naiveTrendTargets, trendRun, type TrendResult } from '../../scripts/accuracy/event-trends.js';
import { evaluateEvents, eventTargets, faultyEventWorkload, loadEvents, recordsIn, seenAt, type EventRow, type EventWindow } from '../../scripts/accuracy/event-suite.js';
import type { PrometheusServer } from '../../scripts/accuracy/prometheus-server.js';
import { scrapeEvents } from '../../scripts/synthetic/signaltometrics.js';
import { engineOrSkip } from './engine-check.js';

const config = resolveConfig({});
const workload = faultyEventWorkload();
const restart = workload.collectorRestarts[0] as number;
const failed = workload.failedScrapes[1]?.[0] as number;
const onGrid = (t: number): number => Math.floor(t / 15_000) * 15_000 + 1;

/** Windows over the faults: the hour after the restart, a day over both faults, and the whole workload. */
const WINDOWS: readonly EventWindow[] = [
  { name: '1h over the restart', endMs: onGrid(restart + 20 * 60_000), rangeMs: 3_600_000 },
  { name: '1h over the failed scrapes', endMs: onGrid(failed + 30 * 60_000), rangeMs: 3_600_000 },
  { name: '24h over both', endMs: onGrid(Math.max(restart, failed) + 3_600_000), rangeMs: 86_400_000 },
  { name: 'whole workload', endMs: onGrid(workload.end + 60_000), rangeMs: workload.end + 60_000 - workload.start + 15_000 },
];

function miss(r: EventRow): string {
  return `${r.queryId} [${r.window}] ${r.group || '(total)'}: truth ${r.truth} shown ${r.shown} ${r.detail}`;
}

describe('the event workload and its emulation', () => {
  it('has every kind of event, and each fault falls while sessions are busy', () => {
    const names = new Set(workload.records.map((r) => r.name));
    for (const n of ['api_request', 'api_error', 'api_retries_exhausted', 'api_refusal', 'tool_result', 'tool_decision', 'user_prompt', 'subagent_completed', 'mcp_server_connection', 'compaction', 'hook_execution_complete', 'skill_activated']) {
      expect(names, n).toContain(n);
    }
    for (const w of WINDOWS.slice(0, 2)) expect(recordsIn(workload, w, 15_000).length).toBeGreaterThan(50);
  });

  it('a restart makes the derived counters fall back (a reset the rules must see)', () => {
    const series = scrapeEvents(workload, 'otel-collector').filter((s) => s.labels.some(([k, v]) => k === '__name__' && v === 'claude_code_event_api_requests_total'));
    const resets = series.filter((s) => {
      const before = s.values.filter((v, i) => !Number.isNaN(v) && (s.timestamps[i] as number) < restart).at(-1);
      const after = s.values.find((v, i) => !Number.isNaN(v) && (s.timestamps[i] as number) > restart);
      return before !== undefined && after !== undefined && after < before;
    });
    expect(resets.length).toBeGreaterThan(0);
  });

  it('loses to the restart only what no reader of the stored counters can see, and nothing to the failed scrapes', () => {
    const lost = restartLosses(workload, 'otel-collector', (r) => seenAt(workload, r));
    const failedWindow = recordsIn(workload, WINDOWS[1] as EventWindow, 15_000);
    expect(failedWindow.filter((r) => lost.has(r))).toEqual([]);
    // Every lost record reached the collector in the last scrape interval before the restart, or is the
    // start of a new life within the rules' look-back after it.
    expect([...lost].every((r) => r.arrival > restart - 15_000 && r.arrival < restart + 3_600_000)).toBe(true);
    const counted = workload.records.filter((r) => r.name === 'api_request').length;
    console.info(`restart loss: ${lost.size} records (of ${workload.records.length}; api_request ${[...lost].filter((r) => r.name === 'api_request').length} of ${counted})`);
  });

  it('maps every activity target that reads the event metrics to a truth', () => {
    const ids = eventTargets(config).targets.filter((t) => t.instant).map((t) => t.queryId).filter((id) => id.startsWith('activity.') && !id.includes('activeTime'));
    expect(ids.filter((id) => !EVENT_TRUTH[id])).toEqual([]);
  });

  it('maps every activity time series to a per-step truth', () => {
    const ranges = eventTargets(config).targets.filter((t) => !t.instant).map((t) => t.queryId);
    expect(ranges.length).toBeGreaterThanOrEqual(4);
    expect(ranges.filter((id) => !EVENT_TREND_TRUTH[id])).toEqual([]);
  });
});

for (const major of [2, 3] as const) {
  const { engine, skip, fail } = engineOrSkip(major);
  describe.skipIf(skip !== undefined)(`the activity dashboard in Prometheus ${major}.x`, () => {
    let server: PrometheusServer | undefined;
    let rows: EventRow[] = [];
    let trends: TrendResult[] = [];
    let naive: TrendResult[] = [];

    beforeAll(async () => {
      if (!engine) return;
      server = await loadEvents(engine, config, workload);
      rows = await evaluateEvents(server, config, workload, WINDOWS);
      trends = await evaluateEventTrends(server, config, workload, WINDOWS);
      const run = trendRun(server, config, workload);
      for (const t of naiveTrendTargets(config, run.targets)) naive.push(await evaluateTrendTarget(run, WINDOWS[0] as EventWindow, t));
    }, 600_000);
    afterAll(async () => {
      await server?.stop();
    });

    if (fail) {
      it('has its engine', () => {
        throw new Error(fail);
      });
      return;
    }

    it('tells the naive rate() formulation of each time series apart (the per-step check has teeth)', () => {
      expect(naive.length).toBe(Object.keys(EVENT_TREND_TRUTH).length);
      for (const t of naive) expect(t.misses.length, t.queryId).toBeGreaterThan(0);
    });

    for (const window of WINDOWS) {
      it(`counts exactly and places every quantile in its bucket · ${window.name}`, () => {
        const mine = rows.filter((r) => r.window === window.name);
        // Scalars always answer; grouped queries answer for the groups the window has.
        expect(mine.filter((r) => r.group === '').length).toBeGreaterThanOrEqual(10);
        const misses = mine.filter((r) => !r.pass).map(miss);
        expect(misses, `${misses.length} of ${mine.length} numbers wrong:\n${misses.join('\n')}`).toEqual([]);
      });

      it(`shows every step of every time series as its own step's truth · ${window.name}`, () => {
        const mine = trends.filter((t) => t.window === window.name);
        console.info(`${window.name}: ${mine.map((t) => `${t.queryId} ${t.compared} points (step ${t.stepSeconds}s)`).join(', ')}`);
        expect(mine.length).toBe(Object.keys(EVENT_TREND_TRUTH).length);
        for (const t of mine) {
          // Every graph has points to compare (a query that answers nothing would pass vacuously).
          expect(t.compared, t.queryId).toBeGreaterThan(t.steps / 4);
          expect(t.misses, `${t.queryId} (step ${t.stepSeconds}s, ${t.steps} steps): ${t.misses.length} points wrong:\n${t.misses.slice(0, 20).join('\n')}`).toEqual([]);
        }
      });
    }
  });
}
