/**
 * Dashboards at organisation scale: what opening each stock dashboard (overview, user, example) costs a
 * real Prometheus holding an organisation's history, ours (reading the recording rules' series) against
 * the same panels written with the naive `increase()`/`rate()` formulas, at the ranges 24h, 7d and 30d,
 * and what the rules add to the TSDB (series, samples, disk, head).
 *
 * Why: the rules exist so that a dashboard reads one sample per change instead of every scrape of every
 * session series; whether that makes dashboards fast at organisation scale, and what it costs in
 * storage, has to be measured on data of that size, in the engine.
 *
 * How (dashboards/run-size.ts): per size, the recording-rule benchmark's organisation (rules/workload.ts,
 * sessions open ≈ users / 5) is simulated over `days` and written as TSDB blocks laid out as the
 * compactor leaves them, once without and once with the rules' series (computed sample by sample and
 * checked against the engine's own evaluation of the rules); the last hours go into the heads by remote
 * write. Every dashboard request is sent as Grafana sends it (macros, variables, steps) with
 * `stats=all`: a sequential pass (each query alone: time, samples touched) and concurrent loads (6 in
 * flight, variables first) for the wall time.
 *
 * Environment (all optional); a quick run: `BENCH_DASHBOARDS_SIZES=100x1 npm run bench -- --only dashboards`
 * - BENCH_DASHBOARDS_SIZES    users×days per size, comma-separated (default 100x1,300x1,100x7)
 * - BENCH_DASHBOARDS_ENGINES  Prometheus majors, e.g. 3 or 2,3 (default 3; a missing engine is skipped)
 * - BENCH_DASHBOARDS_RUNS     concurrent loads per dashboard, range and formulation (default 1)
 * - BENCH_DASHBOARDS_WRITE=1  also under `--only dashboards`, update this section of RESULTS.md (and only it)
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { defaultConfig } from '../../queries/config.js';
import { findEngine, type Engine, type EngineMajor } from '../accuracy/engines.js';
import { sizeMarkdown } from './dashboards/markdown.js';
import { measureSize, type SizeRun } from './dashboards/run-size.js';
import { writeResultsSection } from './rules/results-section.js';
import type { BenchContext, BenchResult } from './stats.js';

const NAME = 'Dashboards at organisation scale';
/** Marks this module's section of RESULTS.md (see rules/results-section.ts). */
const MARKER = 'Measured by `scripts/bench/dashboards.ts`';
const TARGET = { users: 1000, days: 30, seconds: 1, fewer: 10 };

function sizes(): { users: number; days: number }[] {
  const text = process.env.BENCH_DASHBOARDS_SIZES ?? '100x1,300x1,100x7';
  return text.split(',').map((part) => {
    const m = /^\s*(\d+)\s*x\s*(\d+)\s*$/.exec(part);
    if (!m || Number(m[1]) <= 0 || Number(m[2]) <= 0) throw new Error(`BENCH_DASHBOARDS_SIZES must be USERSxDAYS pairs separated by commas (e.g. 100x7,1000x30), got "${text}"`);
    return { users: Number(m[1]), days: Number(m[2]) };
  });
}

function engines(notes: string[]): Engine[] {
  const found: Engine[] = [];
  for (const part of (process.env.BENCH_DASHBOARDS_ENGINES ?? '3').split(',')) {
    const major = Number(part.trim());
    if (major !== 2 && major !== 3) throw new Error(`BENCH_DASHBOARDS_ENGINES: ${part} is not 2 or 3`);
    const engine = findEngine(major as EngineMajor);
    if ('missing' in engine) notes.push(`skipped: ${engine.missing}`);
    else found.push(engine);
  }
  return found;
}

/** The targets' lines: met, not met, or not measured (the size was not run). */
function targetLines(runs: readonly SizeRun[]): string[] {
  const run = runs.find((r) => r.users === TARGET.users && r.days === TARGET.days);
  const label = `overview at ${TARGET.users.toLocaleString('en-US')} users × ${TARGET.days} days, ${TARGET.days}d range`;
  if (!run) return [`- Targets (${label}: load ≤ ${TARGET.seconds} s, ≥ ${TARGET.fewer}× fewer samples than naive): not measured in this run (size not in BENCH_DASHBOARDS_SIZES).`];
  return run.engines.flatMap((e) => {
    const find = (f: string) => e.loads.find((l) => l.dashboard.endsWith('overview') && l.window === `${TARGET.days}d` && l.formulation === f)?.load;
    const [ours, naive] = [find('ours'), find('naive')];
    if (!ours || !naive) return [];
    const fewer = ours.samples > 0 ? naive.samples / ours.samples : Number.POSITIVE_INFINITY;
    return [
      `- Target, ${label} in ≤ ${TARGET.seconds} s (Prometheus ${e.engine.version}): ${ours.wallSeconds <= TARGET.seconds ? 'met' : 'NOT met'} (${ours.wallSeconds.toFixed(2)} s).`,
      `- Target, ≥ ${TARGET.fewer}× fewer samples than naive: ${fewer >= TARGET.fewer ? 'met' : 'NOT met'} (${fewer.toFixed(1)}×).`,
    ];
  });
}

function metricsOf(runs: readonly SizeRun[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of runs) {
    for (const e of r.engines) {
      for (const l of e.loads) {
        const key = `prometheus${e.engine.major}_${r.users}x${r.days}_${l.dashboard.split(' ').pop() ?? ''}_${l.window}_${l.formulation}`;
        out[`${key}_wallMs`] = Math.round(l.load.wallSeconds * 1000);
        out[`${key}_samples`] = l.load.samples;
      }
    }
  }
  return out;
}

/** Runs the benchmark (default export: the module contract of scripts/bench.ts). */
export default async function benchDashboards(context: BenchContext): Promise<BenchResult & { readonly markdown: string }> {
  const notes: string[] = [];
  const found = engines(notes);
  const { log } = context;
  const runsPerLoad = Number(process.env.BENCH_DASHBOARDS_RUNS ?? '1');
  if (!Number.isInteger(runsPerLoad) || runsPerLoad < 1) throw new Error(`BENCH_DASHBOARDS_RUNS must be a positive integer, got "${process.env.BENCH_DASHBOARDS_RUNS}"`);
  const loadBefore = loadavg()[0] ?? 0;
  const started = performance.now();
  const runs: SizeRun[] = [];
  const ordered = sizes().sort((a, b) => a.users * a.days - b.users * b.days);
  for (const size of found.length > 0 ? ordered : []) runs.push(await measureSize(found, size, defaultConfig(), runsPerLoad, log));
  const minutes = (performance.now() - started) / 60_000;
  const lines = [
    `${MARKER}: per size, the organisation of \`rules/workload.ts\` (sessions open ≈ users / 5, 15–25 counter series per session) written as TSDB blocks as the compactor leaves them (30 d retention: blocks of 2 h to 54 h) plus 1–3 h in the head, once without and once with the recording rules' series; each stock dashboard opened as Grafana opens it (variables, then every panel query, 6 in flight), ours on the server with the rules, the naive \`increase()\`/\`rate()\` panels on the one without. Cells: load wall time (median of ${runsPerLoad}) / sum of the queries run one by one / samples touched (\`stats=all\` \`totalQueryableSamples\`, summed: Prometheus counts a step-invariant part, such as the zero line \`[$__range] @ end()\` of our trend panels, once per step although it evaluates it once, so most of ours' count is that line's samples × steps); ⚠ = a query held more than a stock server's 50,000,000 samples at once. Run took ${minutes.toFixed(1)} min; load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after.`,
    ...notes.map((note) => `- ${note}`),
    ...targetLines(runs),
  ];
  const largest = runs[runs.length - 1];
  for (const run of runs) for (const e of run.engines) lines.push('', ...sizeMarkdown(run, e, run === largest));
  const markdown = lines.join('\n');
  if (context.only && context.write && process.env.BENCH_DASHBOARDS_WRITE === '1' && runs.length > 0) {
    writeResultsSection(resolve(import.meta.dirname, 'RESULTS.md'), NAME, MARKER, markdown);
  }
  return { name: NAME, summary: markdown, metrics: metricsOf(runs), markdown };
}
