/**
 * Build benchmark: the wall time of a cold `npm run build:dashboards` (a new process each time, as a
 * user or CI runs it), where that time goes, and the in-process time to build, validate and write.
 * Target: the cold command under 0.5 s on the 2-core reference machine.
 *
 * The breakdown comes from commands that each stop at a later point, run in rounds (one of each per
 * round, so a load that comes and goes spreads over all of them) and compared by their medians:
 * `node -e 0` (Node's start), the launcher with `--help` (start + loading the bundled modules), with
 * `--quiet` (+ building, validating, writing), the same through `npm run` (+ npm's wrapper), and, for
 * comparison, the same steps under `node --import tsx` (the npm script before scripts/run-bundled.mjs),
 * with tsx's transpile cache and without it. A first run after a change (the bundle made again, no
 * code cache yet) is timed separately.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDashboards } from '../../dashboards/index.js';
import { defaultConfig } from '../../queries/config.js';
import { runBuildCli, schemaProblems } from '../build-dashboards.js';
import { median, type BenchContext, type BenchResult } from './stats.js';

const REPO = resolve(import.meta.dirname, '../..');
const ROUNDS = 11;
const FIRST_RUNS = 3;
const WARM_RUNS = 20;
const TARGET_MS = 500;
const ENTRY = 'scripts/build-dashboards.ts';
const BUNDLE_CACHE = join(REPO, 'node_modules/.cache/claude-code-dashboards');

/** The commands timed in every round, by key. */
const COMMANDS: Record<string, { cmd: string; args: string[]; env?: Record<string, string> }> = {
  node: { cmd: process.execPath, args: ['-e', '0'] },
  npm: { cmd: 'npm', args: ['run', '--silent', 'build:dashboards', '--', '--quiet'] },
  build: { cmd: process.execPath, args: ['scripts/run-bundled.mjs', ENTRY, '--quiet'] },
  load: { cmd: process.execPath, args: ['scripts/run-bundled.mjs', ENTRY, '--help'] },
  tsxStart: { cmd: process.execPath, args: ['--import', 'tsx', '-e', '0'] },
  tsxBuild: { cmd: process.execPath, args: ['--import', 'tsx', ENTRY, '--quiet'] },
  tsxLoad: { cmd: process.execPath, args: ['--import', 'tsx', ENTRY, '--help'] },
  tsxLoadNoCache: { cmd: process.execPath, args: ['--import', 'tsx', ENTRY, '--help'], env: { TSX_DISABLE_CACHE: '1' } },
};

/** Wall time of one run of a command, in ms; throws when it fails. */
function timeRun(key: string): number {
  const c = COMMANDS[key];
  if (!c) throw new Error(`No command ${key}.`);
  const t0 = performance.now();
  const r = spawnSync(c.cmd, c.args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...c.env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${[c.cmd, ...c.args].join(' ')} failed during the benchmark:\n${r.stderr}`);
  return ms;
}

/** First runs after a change: the cached bundle removed, so each run bundles again and has no code cache. */
function firstRuns(): number[] {
  const times: number[] = [];
  for (let i = 0; i < FIRST_RUNS; i++) {
    for (const f of readdirSafe(BUNDLE_CACHE)) if (f.startsWith('scripts__build-dashboards.')) rmSync(join(BUNDLE_CACHE, f), { force: true });
    times.push(timeRun('build'));
  }
  // The last run wrote the bundle and, at its exit, a code cache covering a whole build.
  return times;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Median wall time of every command over the rounds. */
function coldMedians(): { medians: Record<string, number>; npmRuns: number[] } {
  const runs: Record<string, number[]> = Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const key of Object.keys(COMMANDS)) runs[key]?.push(timeRun(key));
  }
  const medians = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
  return { medians, npmRuns: runs.npm ?? [] };
}

/** In process (modules loaded, code warm after the first): build + validate, and a whole run that writes. */
async function inProcess(context: BenchContext): Promise<{ first: number; warm: number; write: number }> {
  const config = defaultConfig();
  const t0 = performance.now();
  schemaProblems(buildDashboards(config));
  const first = performance.now() - t0;
  const warm: number[] = [];
  const whole: number[] = [];
  const quiet = { stdout: () => undefined, stderr: (t: string) => context.log(t.trimEnd()) };
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = performance.now();
    const problems = schemaProblems(buildDashboards(config));
    warm.push(performance.now() - t);
    if (problems.length) throw new Error(problems.join('\n'));
    const root = mkdtempSync(join(tmpdir(), 'ccd-bench-build-'));
    const w = performance.now();
    if ((await runBuildCli(['--quiet'], quiet, root)) !== 0) throw new Error('The in-process build failed.');
    whole.push(performance.now() - w);
    rmSync(root, { recursive: true, force: true });
  }
  return { first, warm: median(warm), write: median(whole) - median(warm) };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (x: number) => `${Math.round(x)} ms`;

/** Runs the build benchmark. */
export default async function benchBuild(context: BenchContext): Promise<BenchResult> {
  const loadBefore = loadavg()[0] ?? 0;
  timeRun('build'); // a fresh bundle and code cache, whatever ran before
  const first = firstRuns();
  const { medians: m, npmRuns } = coldMedians();
  const loadAfter = loadavg()[0] ?? 0;
  const proc = await inProcess(context);
  const v = (k: string) => m[k] ?? Number.NaN;
  const cold = v('npm');
  const floor = v('npm') - v('build') + v('node');
  return {
    name: 'build',
    summary: [
      `cold \`npm run build:dashboards\`: median ${s(cold)}, min ${s(Math.min(...npmRuns))} over ${ROUNDS} runs (target < ${s(TARGET_MS)}: ${cold < TARGET_MS ? 'met' : `MISSED; npm's wrapper and Node's start alone take ${s(floor)}`})`,
      `where it goes (medians of ${ROUNDS} interleaved rounds, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after): npm's wrapper ${ms(v('npm') - v('build'))}, Node's start ${ms(v('node'))}, launcher + loading the bundled modules (code-cached) ${ms(v('load') - v('node'))}, build + validate + write ${ms(v('build') - v('load'))}; without npm ${s(v('build'))}`,
      `the same under \`node --import tsx\` (the npm script before scripts/run-bundled.mjs), without npm: ${s(v('tsxBuild'))}; tsx's start ${ms(v('tsxStart') - v('node'))}, the module graph through tsx's hooks ${ms(v('tsxLoad') - v('tsxStart'))} (${ms(v('tsxLoadNoCache') - v('tsxStart'))} with tsx's transpile cache off), build + validate + write ${ms(v('tsxBuild') - v('tsxLoad'))}`,
      `first run after a change or \`npm ci\` (bundling again, no code cache yet), without npm: median ${s(median(first))} over ${FIRST_RUNS} runs`,
      `in process, build + validate all dashboards: first ${ms(proc.first)} (code not yet optimised), then median ${ms(proc.warm)} over ${WARM_RUNS} runs; config, serialising and writing every file ${ms(proc.write)} more`,
    ].join('\n'),
    metrics: {
      coldMedianMs: Math.round(cold),
      coldMinMs: Math.round(Math.min(...npmRuns)),
      ...Object.fromEntries(Object.entries(m).map(([k, x]) => [`${k}MedianMs`, Math.round(x)])),
      firstRunMedianMs: Math.round(median(first)),
      inProcessFirstMs: Math.round(proc.first),
      inProcessWarmMedianMs: Math.round(proc.warm),
      inProcessWriteMs: Math.round(proc.write),
    },
  };
}
