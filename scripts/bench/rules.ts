/**
 * Recording rules at organisation scale: what our recording-rule group costs per evaluation in a real
 * Prometheus evaluating live, at 10,000 users with about 2,000 sessions open (and smaller sizes to show
 * the growth), compared with the previous formulation.
 *
 * Why: the current rules (`rulesYaml(resolveConfig({}))`, queries/counters.ts) compare every series with
 * its last value up to `seriesMemory − exporterExpiry` (1 h) back, so each evaluation reads an hour of
 * every series exposed in that hour, where the previous rule read one instant (`x offset 15s`). Whether
 * that fits into the 15 s interval at organisation scale has to be measured, not guessed.
 *
 * How: per size, one Prometheus per engine (Debian's 2.x on PATH, 3.x from .tmp/prometheus3), fed by
 * remote write with a synthetic organisation (rules/workload.ts: 'otel-collector' names, 15–25 series
 * per session, exports every 60 s, series exposed 5 minutes after their last update): the last
 * BENCH_RULES_HISTORY_M minutes backfilled, then one scrape's samples every 15 s on the real clock. Both
 * rule groups are then loaded side by side at offsets half an interval apart, and each group's
 * `prometheus_rule_group_last_duration_seconds` is sampled from Prometheus' own /metrics over several
 * evaluations (the first, which creates the output series, left out). For the largest size the tokens
 * rule's parts are timed with `stats=all` to show where the time goes (rules/explain.ts), and stock
 * dashboard queries with and without the import-only fallback (rules/fallback-cost.ts).
 *
 * Environment (all optional); a quick run: `BENCH_RULES_SIZES=500 BENCH_RULES_ENGINES=2 npm run bench -- --only rules`
 * - BENCH_RULES_SIZES        users per size, comma-separated (default 1000,3000,10000; sessions open ≈ users / 5)
 * - BENCH_RULES_ENGINES      Prometheus majors, e.g. 2 or 2,3 (default 2,3; a missing engine is skipped)
 * - BENCH_RULES_EVALUATIONS  evaluations sampled per group and size (default 4)
 * - BENCH_RULES_HISTORY_M    backfilled history in minutes (default 120; at least 65 fills the 1 h look-back)
 * - BENCH_RULES_WRITE=1      also under `--only rules`, update this section of RESULTS.md (and only it)
 * The default run takes about 10 minutes on the 2-core reference machine.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { findEngine, type Engine, type EngineMajor } from '../accuracy/engines.js';
import { explainMarkdown } from './rules/explain.js';
import { fallbackMarkdown } from './rules/fallback-cost.js';
import { INTERVAL_MS } from './rules/groups.js';
import { writeResultsSection } from './rules/results-section.js';
import { measureSize, type EngineRun } from './rules/run.js';
import { median, type BenchContext, type BenchResult } from './stats.js';

const NAME = 'Recording rules at organisation scale';
/** Marks this module's section of RESULTS.md (see results-section.ts). */
const MARKER = 'Measured by `scripts/bench/rules.ts`';

function envList(name: string, fallback: string): number[] {
  const values = (process.env[name] ?? fallback).split(',').map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`${name} must be positive integers separated by commas, got "${process.env[name]}"`);
  return values;
}

function engines(notes: string[]): Engine[] {
  const found: Engine[] = [];
  for (const major of envList('BENCH_RULES_ENGINES', '2,3')) {
    if (major !== 2 && major !== 3) throw new Error(`BENCH_RULES_ENGINES: ${major} is not 2 or 3`);
    const engine = findEngine(major as EngineMajor);
    if ('missing' in engine) notes.push(`skipped: ${engine.missing}`);
    else found.push(engine);
  }
  return found;
}

const ms = (seconds: number): string => (seconds < 0.01 ? `${(seconds * 1000).toFixed(1)} ms` : `${(seconds * 1000).toFixed(0)} ms`);
const pct = (seconds: number): string => `${((seconds * 1000 * 100) / INTERVAL_MS).toFixed(seconds * 1000 < INTERVAL_MS / 100 ? 2 : 1)} %`;
const n = (value: number): string => Math.round(value).toLocaleString('en-US');
const durations = (run: EngineRun, which: 'current' | 'previous'): number[] => run.sampled[which].map((e) => e.seconds);

function tableRow(run: EngineRun): string {
  const [cur, prev] = [durations(run, 'current'), durations(run, 'previous')];
  return [
    n(run.users),
    n(run.openSessions),
    n(run.headSeries),
    n(run.activeSeries),
    n(run.lookbackSeries),
    `${ms(median(cur))} / ${ms(Math.max(...cur))}`,
    `${ms(median(prev))} / ${ms(Math.max(...prev))}`,
    `${pct(median(cur))} / ${pct(Math.max(...cur))}`,
    `${pct(median(prev))} / ${pct(Math.max(...prev))}`,
    `${(run.sampled.maxRssBytes / 2 ** 20).toFixed(0)} MiB`,
  ].join(' | ');
}

/** The markdown of one engine: its table, then how the numbers were taken. */
function engineMarkdown(engine: Engine, runs: readonly EngineRun[]): string[] {
  const details = runs.map(
    (r) =>
      `${n(r.users)} users: ${r.sampled.current.length} + ${r.sampled.previous.length} evaluations, offsets ${(r.offsetsMs.current / 1000).toFixed(1)} s / ${(r.offsetsMs.previous / 1000).toFixed(1)} s, ` +
      `${r.overlapping} overlapping, ${r.sampled.missed} missed; backfill ${n(r.backfill.samples)} samples in ${r.backfill.seconds.toFixed(0)} s`,
  );
  return [
    `### Prometheus ${engine.version}`,
    '',
    '| users | sessions open | head series | active series | series in 1 h look-back | current rules: median / max | previous rules: median / max | current, % of 15 s | previous, % of 15 s | Prometheus RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => `| ${tableRow(r)} |`),
    '',
    `- ${details.join('\n- ')}`,
  ];
}

function metricsOf(runs: readonly EngineRun[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of runs) {
    const key = `prometheus${r.engine.major}_${r.users}users`;
    out[`${key}_headSeries`] = r.headSeries;
    out[`${key}_currentMedianMs`] = Math.round(median(durations(r, 'current')) * 1000);
    out[`${key}_currentMaxMs`] = Math.round(Math.max(...durations(r, 'current')) * 1000);
    out[`${key}_previousMedianMs`] = Math.round(median(durations(r, 'previous')) * 1000 * 10) / 10;
    out[`${key}_previousMaxMs`] = Math.round(Math.max(...durations(r, 'previous')) * 1000 * 10) / 10;
    out[`${key}_rssMiB`] = Math.round(r.sampled.maxRssBytes / 2 ** 20);
  }
  return out;
}

/** Runs every size on every engine and renders the result. */
async function measureAll(found: readonly Engine[], sizes: readonly number[], log: (line: string) => void): Promise<EngineRun[]> {
  const evaluations = envList('BENCH_RULES_EVALUATIONS', '4')[0] as number;
  const historyMs = (envList('BENCH_RULES_HISTORY_M', '120')[0] as number) * 60_000;
  const runs: EngineRun[] = [];
  const largest = Math.max(...sizes);
  for (const users of [...sizes].sort((a, b) => a - b)) {
    runs.push(...(await measureSize(found, { users, historyMs, evaluations, explain: users === largest }, log)));
  }
  return runs;
}

/** Runs the benchmark (default export: the module contract of scripts/bench.ts). */
export default async function benchRules(context: BenchContext): Promise<BenchResult & { readonly markdown: string }> {
  const notes: string[] = [];
  const found = engines(notes);
  const sizes = envList('BENCH_RULES_SIZES', '1000,3000,10000');
  const { log } = context;
  const loadBefore = loadavg()[0] ?? 0;
  const started = performance.now();
  const runs = found.length > 0 ? await measureAll(found, sizes, log) : [];
  const minutes = (performance.now() - started) / 60_000;
  const lines = [
    `${MARKER}: both rule groups evaluating live every 15 s side by side in one Prometheus per engine and size, over a synthetic organisation (sessions open ≈ users / 5) with ${process.env.BENCH_RULES_HISTORY_M ?? '120'} minutes of history; durations from \`prometheus_rule_group_last_duration_seconds\`. The previous rules are \`(x - x offset 15s > 0 or x unless x offset 15s or x < x offset 15s) + 0\` per metric. Run took ${minutes.toFixed(1)} min; load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after.`,
    ...notes.map((note) => `- ${note}`),
  ];
  for (const engine of found) {
    const mine = runs.filter((r) => r.engine === engine);
    lines.push('', ...engineMarkdown(engine, mine));
    const explained = mine.find((r) => r.explained)?.explained;
    if (explained) lines.push('', ...explainMarkdown(engine.version, explained));
    const fallback = mine.find((r) => r.fallback)?.fallback;
    if (fallback) lines.push('', ...fallbackMarkdown(engine.version, fallback));
  }
  const markdown = lines.join('\n');
  if (context.only && context.write && process.env.BENCH_RULES_WRITE === '1' && runs.length > 0) {
    writeResultsSection(resolve(import.meta.dirname, 'RESULTS.md'), NAME, MARKER, markdown);
  }
  return { name: NAME, summary: markdown, metrics: metricsOf(runs), markdown };
}
