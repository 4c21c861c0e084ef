/**
 * One run of the live fault suite on one Prometheus major (test/accuracy/real-scrape.test.ts): an exporter
 * per fault class (live-exporter.ts, scripts in live-scenarios.ts), four Prometheus servers scraping them
 * and evaluating our recording rules live, and the panel numbers read back after the scenarios, next to the
 * truth of the scripts. The servers, each its own process and data directory:
 * - main (S = 1 s): every class of MAIN_SCENARIOS, one target each; rules evaluated 0.25 S after the race
 *   target's scrapes start, so that its slow answers (0.7 S) are in flight across every evaluation;
 * - phase2 (S = 1 s): the same exporters, rules evaluated 0.5 S later relative to every target;
 * - scaled (S = 2 s): SCALED_SCENARIOS on exporters of their own, every duration twice as long;
 * - restart (S = 1 s): PROMETHEUS_RESTART; stopped between a scrape and its evaluation, started again later
 *   on the same data directory.
 * Each script starts on its target's scrape phase. `stop()` ends every server and exporter; `run()` calls it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricKey } from '../../queries/catalog.js';
import { incrementsRuleName } from '../../queries/counters.js';
import type { Engine } from './engines.js';
import { startLiveExporter, type LiveExporter, type Outcome } from './live-exporter.js';
import { MAIN_SCENARIOS, PROMETHEUS_RESTART, SCALED_SCENARIOS, SCRIPT_START, expectedBySession, exporterScript, restartLosses, type Bias, type LiveScenario, type UnitExport } from './live-scenarios.js';
import { alignedStart, liveConfig, liveFlags, loadRules, phaseDifference, reportedBySession, rulePhases, rulesFileForPhase, scrapeConfigYaml, scrapeCounts, scrapePhases } from './live-scrape.js';
import { startPrometheus, type PrometheusServer } from './prometheus-server.js';

export type ServerName = 'main' | 'phase2' | 'scaled' | 'restart';
type ExporterSet = 'main' | 'scaled' | 'restart';

/** Which exporters a server scrapes and where its evaluations go: `fraction` of S after `anchor`'s scrapes. */
const PLANS: readonly { name: ServerName; intervalMs: number; set: ExporterSet; anchor: string; fraction: number }[] = [
  { name: 'main', intervalMs: 1000, set: 'main', anchor: 'race', fraction: 0.25 },
  { name: 'phase2', intervalMs: 1000, set: 'main', anchor: 'race', fraction: 0.75 },
  { name: 'scaled', intervalMs: 2000, set: 'scaled', anchor: 'failed', fraction: 0.5 },
  { name: 'restart', intervalMs: 1000, set: 'restart', anchor: PROMETHEUS_RESTART.target, fraction: 0.6 },
];
const SETS: Readonly<Record<ExporterSet, { scenarios: readonly LiveScenario[]; intervalMs: number; owner: ServerName }>> = {
  main: { scenarios: MAIN_SCENARIOS, intervalMs: 1000, owner: 'main' },
  scaled: { scenarios: SCALED_SCENARIOS, intervalMs: 2000, owner: 'scaled' },
  restart: { scenarios: [PROMETHEUS_RESTART], intervalMs: 1000, owner: 'restart' },
};
const METRICS: readonly MetricKey[] = ['commits', 'cost'];

interface Target {
  readonly scenario: LiveScenario;
  readonly exporter: LiveExporter;
  t0: number;
}

interface ServerRun {
  readonly name: ServerName;
  readonly intervalMs: number;
  readonly set: ExporterSet;
  readonly server: PrometheusServer;
  phases: Map<string, number>;
  rules: { path: string; phaseMs: number };
  /** The Prometheus stop, in script units of the restart target, and what it predicts. */
  restart?: { stopAt: number; delta: number; lost: Bias[]; bound: UnitExport[] };
}

/** One panel number next to the truth. */
export interface WindowRow {
  readonly metric: MetricKey;
  readonly window: 'whole' | 'first' | 'second';
  readonly from: number;
  readonly to: number;
  readonly session: string;
  readonly truth: number;
  /** The truth plus what a documented bound predicts. */
  readonly expected: number;
  readonly got: number;
}

/** A fault class as one server saw it. */
export interface TargetReport {
  readonly server: ServerName;
  readonly intervalMs: number;
  readonly target: string;
  readonly title: string;
  readonly scrapePhaseMs: number;
  /** How long after a scrape starts the rules evaluate (ms, measured). */
  readonly evalDelayMs: number;
  readonly scrapes: number;
  readonly failedScrapes: number;
  readonly outcomes: Readonly<Partial<Record<Outcome, number>>>;
  readonly exporterErrors: readonly string[];
  readonly rows: readonly WindowRow[];
}

/** A server: the evaluation phase it was given and the phases seen in its rule samples. */
export interface ServerReport {
  readonly name: ServerName;
  readonly intervalMs: number;
  readonly predictedPhaseMs: number;
  readonly measuredPhasesMs: readonly number[];
  readonly restart: ServerRun['restart'];
}

export interface LiveResult {
  readonly engine: string;
  readonly seconds: number;
  readonly servers: readonly ServerReport[];
  readonly targets: readonly TargetReport[];
}

/** A live session on one engine. */
export class LiveSession {
  private readonly dir = mkdtempSync(join(tmpdir(), 'ccd-live-'));
  private readonly targets = new Map<ExporterSet, Target[]>();
  private readonly runs: ServerRun[] = [];
  private stopped = false;
  private readonly abort = new AbortController();
  /** The Prometheus restart, settled (its error, if any): `stop()` waits for it so that no server starts after. */
  private restarting: Promise<unknown> = Promise.resolve();

  constructor(private readonly engine: Engine) {}

  /** Runs every scenario and reads the results; stops everything at the end. */
  async run(): Promise<LiveResult> {
    const began = Date.now();
    try {
      await this.startExporters();
      await Promise.all(PLANS.map((plan) => this.startServer(plan)));
      await Promise.all(this.runs.map((run) => this.loadPhasedRules(run)));
      this.startScripts();
      // Settled here, awaited after the scenarios: a failure must not go unhandled meanwhile.
      this.restarting = this.scheduleRestart().then(
        () => undefined,
        (error: unknown) => error,
      );
      const ends = [...this.targets.values()].flat().map((t) => t.t0 + t.scenario.endAt * this.intervalOf(t));
      // The last scenario has ended and D + 2 S have passed (S = 2 s at most).
      await this.wait(Math.max(...ends) + 3 * 2000 + 500 - Date.now());
      const restartError = await this.restarting;
      if (this.stopped) throw new Error('the session was stopped');
      if (restartError !== undefined) throw restartError;
      const servers = await Promise.all(this.runs.map((run) => this.serverReport(run)));
      const targets = (await Promise.all(this.runs.map((run) => this.targetReports(run)))).flat();
      return { engine: this.engine.version, seconds: (Date.now() - began) / 1000, servers, targets };
    } finally {
      await this.stop();
    }
  }

  /** Stops every server and exporter and removes the directory; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    await this.restarting;
    await Promise.allSettled(this.runs.map((r) => r.server.stop()));
    await Promise.allSettled([...this.targets.values()].flat().map((t) => t.exporter.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Sleeps `ms`, or less when the session is stopped. */
  private wait(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done);
    });
  }

  private intervalOf(target: Target): number {
    for (const [set, list] of this.targets) if (list.includes(target)) return SETS[set].intervalMs;
    throw new Error(`unknown target ${target.scenario.target}`);
  }

  private async startExporters(): Promise<void> {
    for (const [set, { scenarios, intervalMs }] of Object.entries(SETS) as [ExporterSet, (typeof SETS)[ExporterSet]][]) {
      const list: Target[] = [];
      this.targets.set(set, list);
      for (const [i, scenario] of scenarios.entries()) {
        const exporter = await startLiveExporter(exporterScript(scenario, intervalMs, 1000 + i));
        list.push({ scenario, exporter, t0: Number.NaN });
        if (this.stopped) {
          await exporter.stop();
          throw new Error('the session was stopped');
        }
      }
    }
  }

  private async startServer(plan: (typeof PLANS)[number]): Promise<void> {
    const rulesDir = join(this.dir, plan.name);
    mkdirSync(rulesDir);
    const targets = (this.targets.get(plan.set) ?? []).map((t) => ({ job: t.scenario.target, address: t.exporter.address }));
    const server = await startPrometheus(this.engine, {
      scrapeInterval: `${plan.intervalMs / 1000}s`,
      configYaml: scrapeConfigYaml(targets, plan.intervalMs, join(rulesDir, '*.rules.yml')),
      extraFlags: liveFlags(plan.intervalMs),
    });
    this.runs.push({ name: plan.name, intervalMs: plan.intervalMs, set: plan.set, server, phases: new Map(), rules: { path: '', phaseMs: Number.NaN } });
    if (this.stopped) await server.stop();
  }

  /** Measures the scrape phases, then loads the rules with the evaluation phase of the plan. */
  private async loadPhasedRules(run: ServerRun): Promise<void> {
    const plan = PLANS.find((p) => p.name === run.name)!;
    const jobs = (this.targets.get(run.set) ?? []).map((t) => t.scenario.target);
    run.phases = await scrapePhases(run.server.baseUrl, jobs, run.intervalMs);
    const wanted = ((run.phases.get(plan.anchor) ?? 0) + plan.fraction * run.intervalMs) % run.intervalMs;
    run.rules = rulesFileForPhase(this.engine.major, join(this.dir, run.name), run.intervalMs, wanted);
    await loadRules(run.server, run.rules.path, liveConfig(run.intervalMs));
  }

  /** Starts every script on its target's scrape phase in the server that owns the exporter set. */
  private startScripts(): void {
    for (const [set, list] of this.targets) {
      const owner = this.runs.find((r) => r.name === SETS[set].owner)!;
      for (const target of list) {
        target.t0 = alignedStart(owner.phases.get(target.scenario.target) ?? 0, owner.intervalMs, 2 * owner.intervalMs);
        target.exporter.start(target.t0);
      }
    }
  }

  /**
   * Stops the restart server between the scrape at `at` and its evaluation: late enough for that scrape to
   * be stored, before the evaluation of the sample (and, when the rules evaluate late in the interval, of
   * the previous one too); starts it again at `downUntil`.
   */
  private async scheduleRestart(): Promise<void> {
    const run = this.runs.find((r) => r.name === 'restart')!;
    const target = this.targets.get('restart')![0]!;
    const plan = target.scenario.prometheusRestart!;
    const S = run.intervalMs;
    const delta = phaseDifference(run.rules.phaseMs, run.phases.get(target.scenario.target) ?? 0, S) / S;
    const fraction = delta >= 0.45 ? delta - 0.3 : Math.min(0.85, delta + 0.3);
    await this.wait(target.t0 + (plan.at + fraction) * S - Date.now());
    if (this.stopped) return;
    const stopAt = (Date.now() - target.t0) / S;
    run.restart = { stopAt, delta, ...restartLosses(target.scenario, stopAt, delta) };
    await run.server.restart(async () => {
      await this.wait(target.t0 + plan.downUntil * S - Date.now());
      if (this.stopped) throw new Error('stopped while Prometheus was down');
    });
  }

  private async serverReport(run: ServerRun): Promise<ServerReport> {
    const measured = await rulePhases(run.server.baseUrl, Date.now(), 200 * run.intervalMs, run.intervalMs);
    return { name: run.name, intervalMs: run.intervalMs, predictedPhaseMs: run.rules.phaseMs, measuredPhasesMs: measured, restart: run.restart };
  }

  private async targetReports(run: ServerRun): Promise<TargetReport[]> {
    const S = run.intervalMs;
    const rulePhase = (await rulePhases(run.server.baseUrl, Date.now(), 200 * S, S))[0] ?? Number.NaN;
    const reports: TargetReport[] = [];
    for (const target of this.targets.get(run.set) ?? []) {
      const { scenario, exporter, t0 } = target;
      const scrapePhaseMs = run.phases.get(scenario.target) ?? Number.NaN;
      const counts = await scrapeCounts(run.server.baseUrl, scenario.target, t0 + SCRIPT_START * S, t0 + scenario.endAt * S);
      const outcomes: Partial<Record<Outcome, number>> = {};
      for (const r of exporter.requests) if (r.atMs >= 0) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
      reports.push({
        server: run.name,
        intervalMs: S,
        target: scenario.target,
        title: scenario.title,
        scrapePhaseMs,
        evalDelayMs: phaseDifference(rulePhase, scrapePhaseMs, S),
        scrapes: counts.scrapes,
        failedScrapes: counts.failed,
        outcomes,
        exporterErrors: exporter.errors,
        rows: await this.windowRows(run, target),
      });
    }
    return reports;
  }

  /** Whole scenario, up to the middle, from the middle: per metric and session, truth, expectation, panel. */
  private async windowRows(run: ServerRun, target: Target): Promise<WindowRow[]> {
    const { scenario, t0 } = target;
    const S = run.intervalMs;
    const windows = [['whole', SCRIPT_START, scenario.endAt], ['first', SCRIPT_START, scenario.midAt], ['second', scenario.midAt, scenario.endAt]] as const;
    const rows: WindowRow[] = [];
    for (const metric of METRICS) {
      for (const [window, from, to] of windows) {
        const query = { rule: incrementsRuleName(metric), job: scenario.target, windowMs: (to - from) * S, delayMs: S, atMs: t0 + to * S };
        const got = await reportedBySession(run.server.baseUrl, query);
        const expected = expectedBySession(scenario, metric, from, to, run.restart?.lost ?? []);
        for (const session of new Set([...expected.keys(), ...got.keys()])) {
          const e = expected.get(session) ?? { truth: 0, expected: 0 };
          rows.push({ metric, window, from, to, session, truth: e.truth, expected: e.expected, got: got.get(session) ?? 0 });
        }
      }
    }
    return rows;
  }
}
