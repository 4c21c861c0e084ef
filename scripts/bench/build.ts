/**
 * Build benchmark: the wall time of a cold `npm run build:dashboards` (a new process each time, as a
 * user or CI runs it) and the in-process time to build and validate every dashboard.
 * Target: the cold command under 1.5 s on the 2-core reference machine.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildDashboards } from '../../dashboards/index.js';
import { defaultConfig } from '../../queries/config.js';
import { schemaProblems } from '../build-dashboards.js';
import { median, type BenchResult } from './stats.js';

const REPO = resolve(import.meta.dirname, '../..');
const COLD_RUNS = 7;
const WARM_RUNS = 20;

/** Runs the build benchmark. */
export default async function benchBuild(): Promise<BenchResult> {
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync('npm', ['run', '--silent', 'build:dashboards', '--', '--quiet'], { cwd: REPO, encoding: 'utf8' });
    cold.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`build:dashboards failed during the benchmark:\n${r.stderr}`);
  }
  const config = defaultConfig();
  const t0 = performance.now();
  schemaProblems(buildDashboards(config));
  const first = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = performance.now();
    const problems = schemaProblems(buildDashboards(config));
    warm.push(performance.now() - t);
    if (problems.length) throw new Error(problems.join('\n'));
  }
  const coldMedian = median(cold);
  return {
    name: 'build',
    summary: [
      `cold \`npm run build:dashboards\`: median ${(coldMedian / 1000).toFixed(2)} s, min ${(Math.min(...cold) / 1000).toFixed(2)} s over ${COLD_RUNS} runs (target < 1.5 s: ${coldMedian < 1500 ? 'met' : 'MISSED'})`,
      `in process, build + validate all dashboards: first ${first.toFixed(0)} ms (includes schema compilation), then median ${median(warm).toFixed(0)} ms over ${WARM_RUNS} runs`,
    ].join('\n'),
    metrics: { coldMedianMs: Math.round(coldMedian), coldMinMs: Math.round(Math.min(...cold)), inProcessFirstMs: Math.round(first), inProcessWarmMedianMs: Math.round(median(warm)) },
  };
}
