/**
 * The telemetry health dashboard in real Prometheus engines: a hand-built workload with known truth
 * (scripts/accuracy/health-suite.ts) is stored, the engine backfills both of our rule groups, and every
 * instant target of the health dashboard is evaluated at Grafana's macros over three windows: before the
 * lost event, the last hour, and the whole workload. Failed scrapes, reset counts, rule groups, series
 * churn, the last data per user/terminal/version and the events-against-metric cost gap must be exact;
 * the collector's and Prometheus' own counters (read with increase()) must be 0 where nothing happened
 * and lie within increase()'s extrapolation bound where something did. Missing engines skip locally
 * and fail in CI (engine-check.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/index.js';
import { healthDashboard } from '../../dashboards/health.js';
import { resolveConfig } from '../../queries/config.js';
import { EVENT_RULE_GROUP_NAME, RULE_GROUP_NAME } from '../../queries/rules.js';
import { grafanaIntervals, interpolateExpression } from '../../scripts/accuracy/grafana-macros.js';
import { costIn, END, FAILED_SCRAPES, healthWorkload, LOST_EVENT, LOST_SESSION, lastSample, RESTART, sampledIn, scrapeTimes, SESSIONS, T0 } from '../../scripts/accuracy/health-suite.js';
import { queryInstant, type ResultSeries } from '../../scripts/accuracy/prometheus-api.js';
import { startPrometheus, type PrometheusServer } from '../../scripts/accuracy/prometheus-server.js';
import { pushSeries } from '../../scripts/accuracy/remote-write.js';
import { backfillRecordingRules } from '../../scripts/accuracy/rule-backfill.js';
import { engineOrSkip } from './engine-check.js';

const config = resolveConfig({});
const [built] = buildDashboards(config, [healthDashboard(config)]);
const MIN = 60_000;

interface Window {
  readonly name: string;
  readonly endMs: number;
  readonly rangeMs: number;
}
const BEFORE_LOSS: Window = { name: 'before the lost event', endMs: LOST_EVENT - 5_000 - 5 * MIN + 1, rangeMs: 66 * MIN };
const LAST_HOUR: Window = { name: 'the last hour', endMs: END, rangeMs: 60 * MIN };
const WHOLE: Window = { name: 'the whole workload', endMs: END, rangeMs: END - T0 + 2 * MIN - 1 };
const WINDOWS = [BEFORE_LOSS, LAST_HOUR, WHOLE];

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const metricCost = (w: Window) => sum(SESSIONS.map((s) => costIn(s, w.endMs, w.rangeMs)));
const eventCost = (w: Window) => sum(SESSIONS.map((s) => costIn(s, w.endMs, w.rangeMs, s.session === LOST_SESSION ? LOST_EVENT : undefined)));
/** The last-data subquery steps every minute from the first after the range's start, each looking back 5m. */
const seenByLastData = (t: number, w: Window) => t <= w.endMs && t > Math.floor((w.endMs - w.rangeMs) / MIN) * MIN + MIN - 5 * MIN;
const inWindow = (t: number, w: Window) => t > w.endMs - w.rangeMs && t <= w.endMs;

/** The exact truth of each health number per window (labelled numbers keyed by their label values). */
function truth(w: Window): Record<string, number | Record<string, number>> {
  const failed = FAILED_SCRAPES.from > w.endMs - w.rangeMs && FAILED_SCRAPES.from <= w.endMs ? FAILED_SCRAPES.count : 0;
  // A reset per cost series sampled in the window both before and after the collector restart.
  const restarts = SESSIONS.filter((s) => scrapeTimes(s.from, s.to).some((t) => inWindow(t, w) && t < RESTART) && scrapeTimes(s.from, s.to).some((t) => inWindow(t, w) && t >= RESTART)).length;
  // Each session has two series of the eight metrics: its cost and its session count.
  const fresh = 2 * SESSIONS.filter((s) => sampledIn(s, w.endMs, w.rangeMs) && !sampledIn(s, w.endMs - w.rangeMs, w.rangeMs)).length;
  const since: Record<string, number> = {};
  for (const s of SESSIONS) {
    const last = lastSample(s, w.endMs);
    if (last !== undefined && seenByLastData(last, w)) since[`${s.user}|${s.terminal}|${s.version}`] = (w.endMs - last) / 1000;
  }
  const m = metricCost(w);
  const e = eventCost(w);
  return {
    'health.collectorUp': 1,
    'health.scrapeFailures': failed,
    'health.refusedMetricPoints': 0,
    'health.refusedLogRecords': 0,
    'health.acceptedLogRecords': 0,
    'health.ruleEvaluationFailures': 0,
    'health.ruleGroupsLoaded': 2,
    'health.ruleGroupEvaluationAge': { 'claude-code-dashboards': 3 + ((w.endMs - 5_000) % 15_000) / 1000, 'claude-code-dashboards-events': 3 + ((w.endMs - 5_000) % 15_000) / 1000 },
    'health.counterResets': restarts,
    'health.newSeriesPerHour': fresh / (Math.round(w.rangeMs / 1000) / 3600),
    'health.timeSinceLastData': since,
    'health.metricCost': m,
    'health.eventCost': e,
    'health.costGapUsd': m - e,
    ...(m > 0 ? { 'health.costGapRatio': (m - e) / m } : {}),
  };
}

function shownOf(result: readonly ResultSeries[], labels: readonly string[]): number | Record<string, number> {
  if (labels.length === 0) return (result[0]?.points[0] as readonly [number, number] | undefined)?.[1] ?? Number.NaN;
  return Object.fromEntries(result.map((r) => [labels.map((l) => r.labels[l] ?? '').join('|'), (r.points[0] as readonly [number, number])[1]]));
}

for (const major of [2, 3] as const) {
  const { engine, skip, fail } = engineOrSkip(major);
  describe.skipIf(skip !== undefined)(`the health dashboard in Prometheus ${major}.x`, () => {
    let server: PrometheusServer | undefined;
    const shown = new Map<string, Map<string, number | Record<string, number>>>();

    beforeAll(async () => {
      if (!engine || !built) return;
      server = await startPrometheus(engine);
      await pushSeries(server.baseUrl, healthWorkload());
      for (const group of [RULE_GROUP_NAME, EVENT_RULE_GROUP_NAME]) {
        await backfillRecordingRules(server, config, { startMs: T0 - 5 * MIN, endMs: END - 1 + 15_000, group });
      }
      for (const w of WINDOWS) {
        const intervals = grafanaIntervals({ fromMs: w.endMs - w.rangeMs, toMs: w.endMs, maxDataPoints: 1000, scrapeInterval: config.scrapeInterval });
        const byId = new Map<string, number | Record<string, number>>();
        for (const t of built.targets.filter((x) => x.instant && x.queryId.startsWith('health.'))) {
          const expr = interpolateExpression(t.expr, intervals, { ccd_fallback: { single: 'none' } });
          const labels = t.queryId === 'health.timeSinceLastData' ? ['user_email', 'terminal_type', 'app_version'] : t.queryId === 'health.ruleGroupEvaluationAge' ? ['rule_group'] : [];
          byId.set(t.queryId, shownOf(await queryInstant(server.baseUrl, expr, w.endMs), labels));
        }
        shown.set(w.name, byId);
      }
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

    for (const w of WINDOWS) {
      it(`shows the exact truth · ${w.name}`, () => {
        const mine = shown.get(w.name);
        const expected = truth(w);
        for (const [id, t] of Object.entries(expected)) {
          const s = mine?.get(id);
          if (typeof t === 'number') expect(s, id).toBeCloseTo(t, 9);
          else {
            expect(Object.keys(s as object).sort(), id).toEqual(Object.keys(t).sort());
            for (const [k, v] of Object.entries(t)) expect((s as Record<string, number>)[k], `${id} ${k}`).toBeCloseTo(v, 6);
          }
        }
      });
    }

    it('shows a gap of exactly the lost event, and none before it', () => {
      expect(eventCost(BEFORE_LOSS)).toBe(metricCost(BEFORE_LOSS));
      expect(shown.get(BEFORE_LOSS.name)?.get('health.costGapUsd')).toBeCloseTo(0, 9);
      expect(shown.get(WHOLE.name)?.get('health.costGapUsd')).toBeCloseTo(0.1, 9);
    });

    it('reads the collector’s own counters within increase()’s extrapolation', () => {
      // 7 log records failed once within the whole workload; 10 points accepted per scrape.
      const w = WHOLE;
      const failures = shown.get(w.name)?.get('health.exporterSendFailures') as number;
      expect(failures).toBeGreaterThanOrEqual(7);
      expect(failures).toBeLessThanOrEqual(7 * (w.rangeMs / (END - T0 - 30_000)));
      const accepted = shown.get(LAST_HOUR.name)?.get('health.acceptedMetricPoints') as number;
      expect(accepted).toBeGreaterThanOrEqual(10 * 239);
      expect(accepted).toBeLessThanOrEqual(10 * 241);
    });
  });
}
