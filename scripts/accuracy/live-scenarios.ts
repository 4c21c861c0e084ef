/**
 * The fault classes of the live fault suite (test/accuracy/real-scrape.test.ts), one exporter target each,
 * written in units of the scrape interval S so that every class runs at any time scale. Time 0 is a scrape
 * (the suite starts each script on its target's scrape phase), so scrapes happen at whole units and the
 * exports, at k + 0.5, lie halfway between two: an export is in the scrape after it, unless faults hold it
 * back. Pipeline at every scale: exporter expiry X = 10, series memory M = 60, so the rules look back
 * M − X = 50 for a series' previous value; Prometheus' lookback delta is scaled to 20 (production's 5m at 15s).
 *
 * Truth is what the script exported, summed per session and window. A window is (from, to] in script time;
 * the window edges (`midAt` and the ends) lie in quiet stretches, with no export and no fault within 4,
 * so which evaluation counts an export never decides its window. Where the README states a bound instead
 * of exactness, the scenario lists the error the bound predicts, at the export whose sample carries it.
 */
import type { MetricKey } from '../../queries/catalog.js';
import type { ExporterScript, FaultKind, Temporality } from './live-exporter.js';

/** Pipeline timing of the scripts, in units of the scrape interval. */
export const LIVE_UNITS = { expiry: 10, memory: 60, lookbackDelta: 20, scrapeTimeout: 0.9 } as const;

/** One export in script units. */
export interface UnitExport {
  readonly metric: MetricKey;
  readonly session: string;
  readonly at: number;
  readonly amount: number;
}

/** An error a documented bound predicts: `error` is added to the truth of the window holding `at`. */
export interface Bias {
  readonly metric: MetricKey;
  readonly session: string;
  readonly at: number;
  readonly error: number;
  readonly why: string;
}

/** One fault class on one target. */
export interface LiveScenario {
  readonly target: string;
  readonly title: string;
  readonly temporality: Temporality;
  readonly exports: readonly UnitExport[];
  readonly restarts: readonly number[];
  readonly faults: readonly { readonly kind: FaultKind; readonly from: number; readonly to: number }[];
  readonly midAt: number;
  readonly endAt: number;
  readonly bias: readonly Bias[];
  /** Stop Prometheus at `at` + the chosen fraction of an interval, start it again at `downUntil`. */
  readonly prometheusRestart?: { readonly at: number; readonly downUntil: number };
}

/** Where windows start: before the first export. */
export const SCRIPT_START = -2;

/** Commit count and cost exports of one session: `[at, commits, usd]`, a zero skips that metric. */
function session(name: string, steps: readonly (readonly [number, number, number])[]): UnitExport[] {
  return steps.flatMap(([at, commits, usd]) => [
    ...(commits ? [{ metric: 'commits' as const, session: name, at, amount: commits }] : []),
    ...(usd ? [{ metric: 'cost' as const, session: name, at, amount: usd }] : []),
  ]);
}

const failed: LiveScenario = {
  target: 'failed',
  title: 'failed scrapes: one, several consecutive, scattered',
  temporality: 'delta',
  exports: [
    ...session('one', [[2.5, 1, 0.125], [10.5, 1, 0.0371], [12.5, 1, 0], [44.5, 1, 0.2]]),
    ...session('several', [[3.5, 2, 0.3], [15.5, 1, 0], [16.5, 1, 0.00175], [18.5, 3, 0.61]]),
    ...session('scattered', [[4.5, 1, 0.01], [22.5, 1, 0.02], [25.5, 1, 0.03], [28.5, 1, 0.04], [46.5, 2, 0.05]]),
  ],
  restarts: [],
  faults: [
    { kind: 'http500', from: 10.5, to: 11.5 },
    { kind: 'timeout', from: 15.5, to: 19.5 },
    { kind: 'http500', from: 22.5, to: 23.5 },
    { kind: 'timeout', from: 25.5, to: 26.5 },
    { kind: 'http500', from: 28.5, to: 29.5 },
  ],
  midAt: 38,
  endAt: 50,
  bias: [],
};

const gaps: LiveScenario = {
  target: 'gaps',
  title: 'no successful scrape for 4 intervals (no answer) and for 30 (connection refused; > lookback delta, < look-back)',
  temporality: 'delta',
  exports: [
    ...session('short', [[2.5, 1, 0.5], [9.5, 1, 0.25], [11.5, 2, 0.0625], [14.5, 1, 0]]),
    ...session('long', [[3.5, 1, 0.11], [19.5, 1, 0], [30.5, 1, 0.22], [45.5, 2, 0.33], [62.5, 1, 0.01]]),
    // Expires during the long gap, unseen, and comes back within the memory: its total continues.
    ...session('expired-in-gap', [[17.5, 1, 0.07], [52.5, 1, 0.014]]),
  ],
  restarts: [],
  faults: [
    { kind: 'hang', from: 8.5, to: 12.5 },
    { kind: 'refuse', from: 20.5, to: 50.5 },
  ],
  midAt: 58,
  endAt: 67,
  bias: [],
};

const restartDelta: LiveScenario = {
  target: 'restart-delta',
  title: 'collector restart losing its state, delta temporality',
  temporality: 'delta',
  exports: [
    // Every session is exposed when the collector restarts (last updates within X before it).
    ...session('below', [[10.5, 1, 1.5], [14.5, 4, 0.75], [22.5, 2, 0.4], [38.5, 1, 0], [39.5, 0, 0.2]]),
    ...session('equal', [[12.5, 2, 0.5], [23.5, 2, 0.5]]),
    ...session('above', [[13.5, 1, 0.1], [24.5, 3, 0.35]]),
  ],
  restarts: [20.5],
  faults: [],
  midAt: 32,
  endAt: 43,
  bias: [
    // README, Limits: a restart from zero at or above the old total, seen within the look-back, is growth.
    { metric: 'commits', session: 'equal', at: 23.5, error: -2, why: 'restart from zero back at the old total' },
    { metric: 'cost', session: 'equal', at: 23.5, error: -0.5, why: 'restart from zero back at the old total' },
    { metric: 'commits', session: 'above', at: 24.5, error: -1, why: 'restart from zero above the old total' },
    { metric: 'cost', session: 'above', at: 24.5, error: -0.1, why: 'restart from zero above the old total' },
  ],
};

const restartCumulative: LiveScenario = {
  target: 'restart-cumulative',
  title: 'collector restart, cumulative temporality; idle series back within and beyond the look-back',
  temporality: 'cumulative',
  exports: [
    ...session('back', [[10.5, 1, 1.5], [14.5, 4, 0.75], [22.5, 1, 0.4]]),
    ...session('idle-within', [[3.5, 2, 0.06], [40.5, 1, 0.09]]),
    ...session('idle-beyond', [[4.5, 3, 0.3], [70.5, 1, 0.05]]),
  ],
  restarts: [20.5],
  faults: [],
  midAt: 55,
  endAt: 75,
  bias: [
    // README, Limits: a continuing series away longer than the look-back has its old total counted again.
    { metric: 'commits', session: 'idle-beyond', at: 70.5, error: 3, why: 'continuing total back after more than the look-back' },
    { metric: 'cost', session: 'idle-beyond', at: 70.5, error: 0.3, why: 'continuing total back after more than the look-back' },
  ],
};

const expiry: LiveScenario = {
  target: 'expiry',
  title: 'idle series expire from the exporter and come back within and after the memory',
  temporality: 'delta',
  exports: [
    // 1 → expires → 1 again after the memory: two commits.
    ...session('same-after', [[2.5, 1, 0.42], [70.5, 1, 0.42]]),
    ...session('higher-within', [[3.5, 1, 0.17], [40.5, 2, 0.0301]]),
    ...session('higher-after', [[4.5, 1, 0.2], [72.5, 2, 0.3]]),
    ...session('lower-after', [[5.5, 3, 0.9], [73.5, 1, 0.05]]),
  ],
  restarts: [],
  faults: [],
  midAt: 56,
  endAt: 77,
  bias: [],
};

/** Exports every `step` intervals from `from` to `to` (at k + 0.5). */
function steady(name: string, from: number, to: number, step: number, commits: number, usd: (k: number) => number): UnitExport[] {
  const steps: [number, number, number][] = [];
  for (let k = 0, at = from; at <= to && k < 1000; k++, at += step) steps.push([at, commits, usd(k)]);
  return session(name, steps);
}

const jitter: LiveScenario = {
  target: 'jitter',
  title: 'answers delayed at random below the scrape timeout',
  temporality: 'delta',
  exports: [...steady('a', 2.5, 16.5, 2, 1, (k) => 0.013 * (k + 1)), ...steady('b', 3.5, 16.5, 1, 1, () => 0.1), ...session('a', [[27.5, 2, 0.5]])],
  restarts: [],
  faults: [{ kind: 'jitter', from: 0, to: 34 }],
  midAt: 22,
  endAt: 34,
  bias: [],
};

const race: LiveScenario = {
  target: 'race',
  title: 'every answer held for most of the interval: a scrape in flight across each rule evaluation',
  temporality: 'delta',
  exports: [...steady('a', 2.5, 16.5, 1, 1, (k) => 0.01 * k), ...steady('b', 27.5, 30.5, 1, 2, () => 0.0005)],
  restarts: [],
  faults: [{ kind: 'slow', from: 0, to: 34 }],
  midAt: 22,
  endAt: 34,
  bias: [],
};

/** The Prometheus restart: "edge" exports into the last two scrapes before the stop, "inside" well before. */
export const PROMETHEUS_RESTART: LiveScenario = {
  target: 'prometheus-restart',
  title: 'Prometheus stopped between a scrape and its evaluation and started again on its data',
  temporality: 'delta',
  exports: [
    ...session('inside', [[2.5, 1, 0.5], [6.5, 1, 0.25], [23.5, 1, 0.125], [32.5, 2, 0.0625], [46.5, 1, 0]]),
    ...session('edge', [[3.5, 1, 0.25], [18.5, 1, 0.125], [19.5, 2, 0.0625], [33.5, 1, 0.5]]),
  ],
  restarts: [],
  faults: [],
  midAt: 40,
  endAt: 50,
  bias: [],
  prometheusRestart: { at: 20, downUntil: 25 },
};

/** The classes one Prometheus at S = 1 s runs side by side, and the subset that also runs at 2 s. */
export const MAIN_SCENARIOS: readonly LiveScenario[] = [failed, gaps, restartDelta, restartCumulative, expiry, jitter, race];
export const SCALED_SCENARIOS: readonly LiveScenario[] = [failed, gaps];

/** The exporter script of a scenario at scrape interval `intervalMs`. */
export function exporterScript(scenario: LiveScenario, intervalMs: number, seed: number): ExporterScript {
  const ms = (units: number): number => units * intervalMs;
  return {
    temporality: scenario.temporality,
    expiryMs: ms(LIVE_UNITS.expiry),
    memoryMs: ms(LIVE_UNITS.memory),
    exports: scenario.exports.map((e) => ({ metric: e.metric, session: e.session, atMs: ms(e.at), amount: e.amount })),
    restartsMs: scenario.restarts.map(ms),
    faults: scenario.faults.map((f) => ({ kind: f.kind, fromMs: ms(f.from), toMs: ms(f.to) })),
    delays: { timeoutMs: ms(1.3), slowMs: ms(0.7), jitterMs: ms(0.6) },
    seed,
  };
}

/** Problems with a scenario's windows: an export or fault within 4 of a window edge, or an export after the end − 3. */
export function windowProblems(scenario: LiveScenario): string[] {
  const busy = [...scenario.exports.map((e) => e.at), ...scenario.restarts, ...scenario.faults.flatMap((f) => [f.from, f.to])];
  const problems = busy.filter((t) => Math.abs(t - scenario.midAt) < 4).map((t) => `${scenario.target}: activity at ${t} near the window edge ${scenario.midAt}`);
  const late = scenario.exports.filter((e) => e.at > scenario.endAt - 3 || e.at < SCRIPT_START + 4);
  return [...problems, ...late.map((e) => `${scenario.target}: export at ${e.at} too close to an end`)];
}

/** Per session: what was exported in (from, to] (`truth`) and what the bounds predict the rules show (`expected`). */
export function expectedBySession(scenario: LiveScenario, metric: MetricKey, from: number, to: number, extra: readonly Bias[] = []): Map<string, { truth: number; expected: number }> {
  const out = new Map<string, { truth: number; expected: number }>();
  const add = (name: string, truth: number, error: number): void => {
    const row = out.get(name) ?? { truth: 0, expected: 0 };
    out.set(name, { truth: row.truth + truth, expected: row.expected + truth + error });
  };
  for (const e of scenario.exports) if (e.metric === metric && from < e.at && e.at <= to) add(e.session, e.amount, 0);
  for (const b of [...scenario.bias, ...extra]) if (b.metric === metric && from < b.at && b.at <= to) add(b.session, 0, b.error);
  return out;
}

/**
 * What a Prometheus stop at `stopAt` loses (README, Limits): the exports in samples scraped before the stop
 * whose evaluation, `delta` after the sample plus the delay of one interval, had not run yet (`lost`, as
 * biases), and the bound: the exports in the samples of the last delay + interval before the stop.
 * An export at k + 0.5 is in the sample at k + 1 (no scrape faults around a restart).
 */
export function restartLosses(scenario: LiveScenario, stopAt: number, delta: number): { lost: Bias[]; bound: UnitExport[] } {
  const sampleOf = (e: UnitExport): number => Math.ceil(e.at);
  const lost = scenario.exports
    .filter((e) => sampleOf(e) <= stopAt && sampleOf(e) + 1 + delta > stopAt)
    .map((e) => ({ metric: e.metric, session: e.session, at: e.at, error: -e.amount, why: 'scraped, not evaluated before Prometheus stopped' }));
  const bound = scenario.exports.filter((e) => sampleOf(e) <= stopAt && sampleOf(e) > stopAt - 2);
  return { lost, bound };
}

/** How many scrapes a scenario's faults fail (scrapes at whole units; jitter and slow answers succeed). */
export function failingScrapes(scenario: LiveScenario): number {
  const failing = scenario.faults.filter((f) => f.kind !== 'jitter' && f.kind !== 'slow');
  return failing.reduce((n, f) => n + Math.max(0, Math.ceil(f.to) - Math.ceil(f.from)), 0);
}
