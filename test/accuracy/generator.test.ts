/**
 * The synthetic generator: deterministic, every scenario present, cost consistent with the price table,
 * and an exposition that follows the pipeline model (stale markers, restarts from zero, visible resets).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../queries/prices.js';
import { costOf, drawInterval, priceOf } from '../../scripts/synthetic/activity.js';
import { Random } from '../../scripts/synthetic/random.js';
import { scrapeSeries, scrapeUsage } from '../../scripts/synthetic/exposition.js';
import { generateUsage } from '../../scripts/synthetic/generate.js';
import { DEFAULT_TIMING, firstScrapeAfter, onScrapeGrid } from '../../scripts/synthetic/pipeline.js';
import { GroundTruth } from '../../scripts/synthetic/truth.js';
import { standardWorkload } from '../../scripts/accuracy/suites.js';
import { SCENARIOS, type Report } from '../../scripts/synthetic/types.js';

const SMALL = { seed: 'generator-test', regularUsers: 6, historyMs: 2 * 86_400_000, edgeWindows: [3_600_000, 86_400_000] };
const usage = generateUsage(SMALL);

function digest(reports: readonly Report[]): string {
  const h = createHash('sha256');
  for (const r of reports) h.update(`${r.time} ${r.series.key} ${r.amount} ${r.epoch}\n`);
  return h.digest('hex');
}

function bySeries(reports: readonly Report[]): Map<string, Report[]> {
  const out = new Map<string, Report[]>();
  for (const r of reports) out.set(r.series.key, [...(out.get(r.series.key) ?? []), r]);
  return out;
}

describe('synthetic workload', () => {
  it('is deterministic for a seed and changes with it', () => {
    expect(digest(generateUsage(SMALL).reports)).toBe(digest(usage.reports));
    expect(digest(generateUsage({ ...SMALL, seed: 'other' }).reports)).not.toBe(digest(usage.reports));
  });

  it('produces every scenario, API-key users without e-mail, several models and start types', () => {
    expect(new Set(usage.sessions.map((s) => s.scenario))).toEqual(new Set(SCENARIOS));
    expect(usage.users.some((u) => u.email === undefined)).toBe(true);
    expect(usage.users.some((u) => u.email !== undefined)).toBe(true);
    const models = new Set(usage.series.map((s) => s.attributes.model).filter(Boolean));
    expect(models.size).toBeGreaterThanOrEqual(4);
    const startTypes = new Set(usage.series.filter((s) => s.metric === 'sessionCount').map((s) => s.attributes.start_type));
    expect(startTypes.has('fresh') && startTypes.has('resume')).toBe(true);
  });

  it('prices every interval: cost = tokens × the price table, per label set', () => {
    const rng = new Random('pricing');
    let checked = 0;
    for (let i = 0; i < 500; i++) {
      const style = { mainModel: i % 2 ? 'claude-opus-5[1m]' : 'claude-sonnet-4-5-20250929', effort: undefined, intensity: 0.8, language: 'Go' };
      const { increments } = drawInterval(rng, style, DEFAULT_PRICES, 60);
      for (const cost of increments.filter((x) => x.metric === 'cost')) {
        const same = (x: (typeof increments)[number]) => x.metric === 'tokens' && x.attributes.model === cost.attributes.model && x.attributes.query_source === cost.attributes.query_source;
        const tokens = Object.fromEntries(increments.filter(same).map((x) => [x.attributes.type, x.amount]));
        const expected = costOf(
          { input: tokens.input ?? 0, output: tokens.output ?? 0, cacheRead: tokens.cacheRead ?? 0, cacheCreation: tokens.cacheCreation ?? 0 },
          priceOf(cost.attributes.model as string, DEFAULT_PRICES),
        );
        expect(cost.amount).toBeCloseTo(expected, 12);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('is dominated by cache reads', () => {
    const truth = new GroundTruth(usage);
    const byType = truth.sum('tokens', { from: usage.start, to: usage.end }, { groupBy: (s) => s.attributes.type ?? '' });
    const all = [...byType.values()].reduce((a, b) => a + b, 0);
    expect((byType.get('cacheRead') ?? 0) / all).toBeGreaterThan(0.8);
  });

  it('never exports exactly on the scrape grid', () => {
    expect(usage.reports.filter((r) => onScrapeGrid(r.time))).toEqual([]);
  });

  for (const [name, workload] of [['small workload', () => usage], ['standard workload', () => standardWorkload().usage]] as const) {
    it(`keeps every return visible to the rules: restarts drop or stay away beyond the look-back, continuations come back within it (${name})`, () => {
      const u = workload();
      const { memoryMs, metricExpirationMs, scrapeIntervalMs } = DEFAULT_TIMING;
      const lookback = memoryMs - metricExpirationMs;
      let restarts = 0;
      let returns = 0;
      for (const reports of bySeries(u.reports).values()) {
        const { timestamps, values } = scrapeSeries(reports, u.end);
        for (let i = 1; i < reports.length; i++) {
          const prev = reports[i - 1] as Report;
          const cur = reports[i] as Report;
          // The first scrape after the update shows it, with every increment exported before that scrape.
          const at = timestamps.findIndex((t) => t > cur.time);
          let seen = at - 1;
          while (seen >= 0 && Number.isNaN(values[seen] as number)) seen -= 1;
          const away = timestamps[at]! - (seen >= 0 ? timestamps[seen]! : Number.NEGATIVE_INFINITY);
          const restart = cur.epoch !== prev.epoch || cur.time - prev.time > memoryMs;
          if (restart) {
            restarts += 1;
            expect(seen < 0 || values[at]! < values[seen]! || away > lookback + scrapeIntervalMs, `restart of ${cur.series.key} at ${cur.time}`).toBe(true);
          } else if (seen >= 0 && away > scrapeIntervalMs && firstScrapeAfter(prev.time) < timestamps[at]!) {
            returns += 1;
            expect(away, `return of ${cur.series.key} at ${cur.time}`).toBeLessThan(lookback);
          }
        }
      }
      expect(restarts).toBeGreaterThan(50);
      expect(returns).toBeGreaterThan(50);
    });
  }

  it('exposes each series until metric_expiration after its last export, then writes one staleness marker', () => {
    const scraped = scrapeUsage(usage, 'otel-collector');
    let markers = 0;
    for (const s of scraped) {
      s.values.forEach((v, i) => {
        if (!Number.isNaN(v)) return;
        markers += 1;
        expect(Number.isNaN(s.values[i - 1] as number)).toBe(false);
      });
    }
    expect(markers).toBeGreaterThan(100);
    const printSession = usage.sessions.find((s) => s.scenario === 'print' && s.end < usage.end - 3_600_000);
    const reports = usage.reports.filter((r) => r.series.session === printSession && r.series.metric === 'sessionCount');
    const { timestamps, values } = scrapeSeries(reports, usage.end);
    const exposed = timestamps.filter((_, i) => !Number.isNaN(values[i] as number));
    expect(exposed[exposed.length - 1]! - reports[0]!.time).toBeLessThanOrEqual(DEFAULT_TIMING.metricExpirationMs);
    expect(timestamps[timestamps.length - 1]! - reports[0]!.time).toBeGreaterThan(DEFAULT_TIMING.metricExpirationMs);
    expect(Number.isNaN(values[values.length - 1] as number)).toBe(true);
  });
});
