/**
 * The loading route is faithful to scraping: a series that expired in the collector is cut off by a
 * staleness marker in Prometheus (an instant lookup finds nothing right after it, instead of the last value
 * for 5 more minutes), and a series that comes back starts a new life. Checked on both engines, on the
 * server as the suites use it: after the recording-rule backfill and the restart with the rule blocks
 * (the raw samples survive it through the TSDB snapshot, see scripts/accuracy/rule-backfill.ts), where the
 * rule's series counts both lives of such a series.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../queries/config.js';
import { incrementsRuleName } from '../../queries/counters.js';
import { queryInstant } from '../../scripts/accuracy/prometheus-api.js';
import { startLoadedPrometheus, type LoadedPrometheus } from '../../scripts/accuracy/loaded-prometheus.js';
import { prometheusLabels, scrapeUsage } from '../../scripts/synthetic/exposition.js';
import { generateUsage } from '../../scripts/synthetic/generate.js';
import type { ScrapedSeries } from '../../scripts/synthetic/exposition.js';
import { engineOrSkip } from './engine-check.js';

const usage = generateUsage({ seed: 'staleness', regularUsers: 2, historyMs: 6 * 3_600_000, edgeWindows: [3_600_000] });
const scraped = scrapeUsage(usage, 'otel-collector');

/** A series with a staleness marker followed by a new life. */
function seriesWithGap(): { series: ScrapedSeries; markerIndex: number } {
  for (const series of scraped) {
    const i = series.values.findIndex((v, k) => Number.isNaN(v) && k + 1 < series.values.length);
    if (i > 0) return { series, markerIndex: i };
  }
  throw new Error('the workload has no series that disappears and comes back');
}

function selectorOf(series: ScrapedSeries): string {
  const name = series.labels.find(([n]) => n === '__name__')?.[1] ?? '';
  const matchers = series.labels.filter(([n]) => n !== '__name__').map(([n, v]) => `${n}=${JSON.stringify(v)}`);
  return `${name}{${matchers.join(',')}}`;
}

for (const major of [2, 3] as const) {
  const { engine, skip, fail } = engineOrSkip(major);
  describe.skipIf(skip !== undefined)(`staleness through remote write, Prometheus ${major}`, () => {
    let server: LoadedPrometheus | undefined;
    beforeAll(async () => {
      if (engine) server = await startLoadedPrometheus(engine, usage, 'otel-collector', { config: resolveConfig({ scrapeInterval: '15s' }) });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('ends a vanished series at its staleness marker and starts its next life from zero', async () => {
      if (fail) throw new Error(fail);
      const { series, markerIndex } = seriesWithGap();
      const selector = selectorOf(series);
      const lastSeen = series.timestamps[markerIndex - 1] as number;
      const marker = series.timestamps[markerIndex] as number;
      const before = await queryInstant(server!.baseUrl, selector, lastSeen);
      expect(before[0]?.points[0]?.[1]).toBe(series.values[markerIndex - 1]);
      // Without the marker, the 5-minute lookback would still return the last value here.
      expect(await queryInstant(server!.baseUrl, selector, marker)).toEqual([]);
      const back = series.timestamps[markerIndex + 1] as number;
      expect(await queryInstant(server!.baseUrl, selector, back - 1)).toEqual([]);
      const again = await queryInstant(server!.baseUrl, selector, back);
      expect(again[0]?.points[0]?.[1]).toBe(series.values[markerIndex + 1]);
    });

    it("records both lives of that series in the rule's series", async () => {
      if (fail) throw new Error(fail);
      const { series } = seriesWithGap();
      // The rule sums over sessions: its series holds this session's both lives and every other session
      // with the same remaining labels (queries/counters.ts, recordedIncrementsExpr).
      const kept = (labels: readonly (readonly [string, string])[]) => labels.filter(([n]) => n !== '__name__' && n !== 'session_id');
      const key = kept(series.labels).map(([n, v]) => `${n}=${v}`).join(',');
      const reports = usage.reports.filter((r) => kept(prometheusLabels(r.series, 'otel-collector')).map(([n, v]) => `${n}=${v}`).join(',') === key);
      expect(reports.length).toBeGreaterThan(0);
      const reported = reports.reduce((sum, r) => sum + r.amount, 0);
      const metric = reports[0]!.series.metric;
      const matchers = kept(series.labels).map(([n, v]) => `${n}=${JSON.stringify(v)}`);
      const range = `${Math.ceil((usage.end - usage.start) / 1000) + 600}s`;
      const shown = await queryInstant(server!.baseUrl, `sum(sum_over_time(${incrementsRuleName(metric)}{${matchers.join(',')}}[${range}]))`, usage.end + 1);
      expect(shown[0]?.points[0]?.[1]).toBeCloseTo(reported, 9);
    });

    it('stores every sample that was pushed', async () => {
      if (fail) throw new Error(fail);
      const names = [...new Set(scraped.map((s) => s.labels.find(([n]) => n === '__name__')?.[1] ?? ''))];
      const range = `${Math.ceil((usage.end - usage.start) / 1000) + 600}s`;
      for (const name of names) {
        const expected = scraped
          .filter((s) => s.labels.some(([n, v]) => n === '__name__' && v === name))
          .reduce((n, s) => n + s.values.filter((v) => !Number.isNaN(v)).length, 0);
        const counted = await queryInstant(server!.baseUrl, `sum(count_over_time(${name}[${range}]))`, usage.end);
        expect(counted[0]?.points[0]?.[1], name).toBe(expected);
      }
    });
  });
}
