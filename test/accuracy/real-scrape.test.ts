/**
 * Counting exactness under faults only a real scrape produces. A real Prometheus (2.42 and 3.x) scrapes
 * test exporters that play the OpenTelemetry Collector's `prometheus` exporter serving Claude Code counters
 * (scripts/accuracy/live-exporter.ts) while they inject pipeline faults, one fault class per target
 * (scripts/accuracy/live-scenarios.ts): failed scrapes, gaps without a successful scrape (shorter and longer
 * than the lookback delta), collector restarts under delta and cumulative temporality, series that expire
 * and come back within and after the series memory, jitter, a slow answer in flight across every rule
 * evaluation, and a Prometheus restart on its own data. Our recording rules (`rulesYaml`) are evaluated LIVE
 * by Prometheus; afterwards the panels' total `sum by (case) (sum_over_time(<rule>[W]))` (`case`: the series' session), looked at D
 * after the window's end (the rules read D behind), is compared with what the scripts exported, for the
 * whole scenario and for windows that start and end in its middle: counts exactly equal, sums within 1e-9 relative. Where the README states a bound instead
 * (collector restart back at or above the old total, a continuing series away longer than the look-back, a
 * Prometheus restart before the last scrapes were evaluated), the measured error must be what the bound
 * predicts, and every other series exact. The run is scaled (S = 1 s, X = 10 s, M = 60 s, D = 1 s, lookback
 * delta 20 s), two classes again at S = 2 s with every duration doubled, and every class at two rule
 * evaluation phases half an interval apart (scripts/accuracy/live-session.ts has the servers).
 *
 * Wall time: about 2 min 45 s for both majors together (they run concurrently, about 160 s each).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineMajor } from '../../scripts/accuracy/engines.js';
import { exposedAt } from '../../scripts/accuracy/live-exporter.js';
import { MAIN_SCENARIOS, PROMETHEUS_RESTART, SCALED_SCENARIOS, exporterScript, failingScrapes, windowProblems, type LiveScenario } from '../../scripts/accuracy/live-scenarios.js';
import { LiveSession, type LiveResult, type ServerName, type TargetReport, type WindowRow } from '../../scripts/accuracy/live-session.js';
import { engineOrSkip } from './engine-check.js';

/** Both majors' sessions run concurrently in `beforeAll`; each takes about 160 s. */
const SESSION_TIMEOUT_MS = 330_000;
const CHECK_TIMEOUT_MS = 10_000;

const engines = ([2, 3] as const).map((major) => ({ major, ...engineOrSkip(major) }));
const sessions = new Map<EngineMajor, LiveSession>();
const results = new Map<EngineMajor, Promise<LiveResult>>();

beforeAll(async () => {
  for (const { major, engine } of engines) {
    if (!engine) continue;
    const session = new LiveSession(engine);
    sessions.set(major, session);
    results.set(major, session.run());
  }
  await Promise.allSettled(results.values());
}, SESSION_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([...sessions.values()].map((s) => s.stop()));
}, 60_000);

/** Counts must be equal, float sums within 1e-9 relative. */
function exact(row: WindowRow): boolean {
  return row.metric === 'cost' ? Math.abs(row.got - row.expected) <= 1e-9 * Math.abs(row.expected) : row.got === row.expected;
}

function describeRows(report: TargetReport, rows: readonly WindowRow[]): string {
  const line = (r: WindowRow) => `  ${r.metric} ${r.window} (${r.from}, ${r.to}] ${r.session}: truth ${r.truth}, expected ${r.expected}, got ${r.got}`;
  return `${report.server} ${report.target} (S ${report.intervalMs} ms, rules ${report.evalDelayMs} ms after the scrapes):\n${rows.map(line).join('\n')}`;
}

/** Every panel number of a target is what the truth and the stated bounds predict; the faults really happened. */
function checkTarget(report: TargetReport, scenario: LiveScenario, engine: string): void {
  console.log(`Prometheus ${engine}, ${describeRows(report, report.rows)}`);
  const wrong = report.rows.filter((r) => !exact(r));
  expect(wrong, `not exact or not as the bound predicts:\n${describeRows(report, wrong)}`).toEqual([]);
  expect(report.rows.filter((r) => r.window === 'whole' && r.truth > 0).length).toBeGreaterThanOrEqual(4);
  expect(report.failedScrapes, `failed scrapes of ${report.target} in ${report.server}`).toBe(failingScrapes(scenario));
  expect(report.exporterErrors).toEqual([]);
  for (const f of scenario.faults) if (f.kind !== 'refuse') expect(report.outcomes[f.kind] ?? 0, `${f.kind} answers`).toBeGreaterThan(0);
  if (scenario.bias.length === 0 && scenario.prometheusRestart === undefined) {
    expect(report.rows.every((r) => r.expected === r.truth)).toBe(true);
  }
}

function targetOf(result: LiveResult, server: ServerName, target: string): TargetReport {
  const report = result.targets.find((t) => t.server === server && t.target === target);
  if (!report) throw new Error(`no report of ${target} in ${server}`);
  return report;
}

describe('the live scenarios', () => {
  it('keep every window edge in a quiet stretch', () => {
    expect([...MAIN_SCENARIOS, PROMETHEUS_RESTART].flatMap(windowProblems)).toEqual([]);
  });

  it('model the collector: expiry, memory, restarts under both temporalities', () => {
    const at = (scenario: LiveScenario, t: number, session: string) =>
      exposedAt(exporterScript(scenario, 1000, 1), t * 1000)
        .filter((s) => s.session === session && s.metric === 'commits')
        .map((s) => s.value);
    const expiry = MAIN_SCENARIOS.find((s) => s.target === 'expiry')!;
    expect([at(expiry, 12, 'same-after'), at(expiry, 13, 'same-after'), at(expiry, 71, 'same-after')]).toEqual([[1], [], [1]]);
    expect(at(expiry, 41, 'higher-within')).toEqual([3]);
    const delta = MAIN_SCENARIOS.find((s) => s.target === 'restart-delta')!;
    expect([at(delta, 20, 'below'), at(delta, 21, 'below'), at(delta, 23, 'below')]).toEqual([[5], [], [2]]);
    const cumulative = MAIN_SCENARIOS.find((s) => s.target === 'restart-cumulative')!;
    expect([at(cumulative, 21, 'back'), at(cumulative, 23, 'back'), at(cumulative, 71, 'idle-beyond')]).toEqual([[], [6], [4]]);
  });
});

for (const { major, engine, skip, fail } of engines) {
  describe.skipIf(skip !== undefined)(`real scrapes and live rule evaluation, Prometheus ${major}`, () => {
    const result = async (): Promise<LiveResult> => {
      if (fail || !engine) throw new Error(fail ?? 'no engine');
      const pending = results.get(major);
      if (!pending) throw new Error('the session did not start');
      return pending;
    };

    it('evaluates the rules where they were put: two phases half an interval apart, one inside the slow scrapes', async () => {
      const r = await result();
      console.log(`Prometheus ${r.engine}: ${r.seconds} s;`, r.servers.map((s) => `${s.name} rules at ${s.measuredPhasesMs.join(',')} ms of ${s.intervalMs}`).join('; '));
      for (const server of r.servers) expect(server.measuredPhasesMs, server.name).toEqual([server.predictedPhaseMs]);
      for (const scenario of MAIN_SCENARIOS) {
        const main = targetOf(r, 'main', scenario.target);
        const other = targetOf(r, 'phase2', scenario.target);
        const apart = (other.evalDelayMs - main.evalDelayMs + 1000) % 1000;
        expect(Math.abs(apart - 500), `${scenario.target}: phases ${main.evalDelayMs} and ${other.evalDelayMs} ms`).toBeLessThan(50);
      }
      // The race: each evaluation runs while the slow scrape that started before it is still in flight (0.7 S).
      expect(targetOf(r, 'main', 'race').evalDelayMs).toBeGreaterThan(100);
      expect(targetOf(r, 'main', 'race').evalDelayMs).toBeLessThan(600);
    }, CHECK_TIMEOUT_MS);

    for (const scenario of MAIN_SCENARIOS) {
      it(`counts exactly at both phases: ${scenario.title}`, async () => {
        const r = await result();
        for (const server of ['main', 'phase2'] as const) checkTarget(targetOf(r, server, scenario.target), scenario, r.engine);
      }, CHECK_TIMEOUT_MS);
    }

    for (const scenario of SCALED_SCENARIOS) {
      it(`gives the same numbers at S = 2 s: ${scenario.title}`, async () => {
        const r = await result();
        const scaled = targetOf(r, 'scaled', scenario.target);
        checkTarget(scaled, scenario, r.engine);
        const numbers = (t: TargetReport) => t.rows.map((row) => `${row.metric} ${row.window} ${row.session} ${row.got}`).sort();
        expect(numbers(scaled)).toEqual(numbers(targetOf(r, 'main', scenario.target)));
      }, CHECK_TIMEOUT_MS);
    }

    it('misses exactly what the bounds predict: collector restart at or above the old total, away beyond the look-back', async () => {
      const r = await result();
      for (const scenario of MAIN_SCENARIOS.filter((s) => s.bias.length > 0)) {
        const whole = targetOf(r, 'main', scenario.target).rows.filter((row) => row.window === 'whole');
        for (const b of scenario.bias) {
          const row = whole.find((w) => w.metric === b.metric && w.session === b.session)!;
          console.log(`${scenario.target} ${b.session} ${b.metric}: truth ${row.truth}, got ${row.got}, error ${row.got - row.truth} (${b.why})`);
          expect(row.got - row.truth).toBeCloseTo(b.error, 9);
        }
        const biased = new Set(scenario.bias.map((b) => `${b.metric} ${b.session}`));
        expect(whole.filter((w) => !biased.has(`${w.metric} ${w.session}`)).every((w) => w.expected === w.truth)).toBe(true);
      }
    }, CHECK_TIMEOUT_MS);

    it('loses at most the last D + S of samples when Prometheus restarts between a scrape and its evaluation', async () => {
      const r = await result();
      const restart = r.servers.find((s) => s.name === 'restart')?.restart;
      if (!restart) throw new Error('Prometheus was not restarted');
      const report = targetOf(r, 'restart', PROMETHEUS_RESTART.target);
      checkTarget(report, PROMETHEUS_RESTART, r.engine);
      console.log(`stopped at ${restart.stopAt.toFixed(3)} S, rules ${restart.delta} S after the scrapes; lost`, restart.lost);
      expect(restart.stopAt % 1).toBeGreaterThan(0.1);
      expect(restart.lost.length).toBeGreaterThan(0);
      for (const lost of restart.lost) expect(restart.bound.some((b) => b.at === lost.at && b.metric === lost.metric && b.session === lost.session)).toBe(true);
      const whole = report.rows.filter((row) => row.window === 'whole');
      for (const row of whole) {
        const predicted = restart.lost.filter((l) => l.metric === row.metric && l.session === row.session).reduce((s, l) => s + l.error, 0);
        expect(row.got - row.truth, `${row.session} ${row.metric}`).toBeCloseTo(predicted, 9);
        if (row.session === 'inside') expect(row.expected === row.truth && exact(row), `inside ${row.metric}`).toBe(true);
      }
    }, CHECK_TIMEOUT_MS);
  });
}
