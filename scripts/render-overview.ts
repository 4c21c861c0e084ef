/**
 * `npm run render:overview`: draws the README's pictures with data: the overview,
 * docs/images/overview-with-data.svg, and the activity dashboard, docs/images/activity-with-data.svg
 * (its numbers from a seeded event workload, scripts/overview-picture/activity-data.ts). Each loads its
 * workload into a throw-away Prometheus 3, evaluates the recording rules over it, sends every visible
 * panel's own queries to it as Grafana would, and draws the answers (scripts/overview-picture/). Docker
 * is not needed, so CI can run it; the output depends only on the seeded workloads and the engine's
 * answers, so `--check` compares it with the committed files, through the same output plan as the build.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { collectActivityData } from './overview-picture/activity-data.js';
import { collectOverviewData } from './overview-picture/data.js';
import { overviewPictureSvg } from './overview-picture/picture.js';
import { processIO, runIfMain, type CliIO } from './lib/cli-kit.js';
import { applyPlan, display, isUpToDate, planOutput } from './lib/output-plan.js';

export const PICTURE_DIR = resolve(import.meta.dirname, '../docs/images');
export const PICTURE_NAME = 'overview-with-data.svg';
export const ACTIVITY_PICTURE_NAME = 'activity-with-data.svg';

const HELP = `Usage: npm run render:overview [-- --check]

Draws docs/images/${PICTURE_NAME}: the Claude Code overview with the numbers a real Prometheus 3
returns for the npm run demo workload, and docs/images/${ACTIVITY_PICTURE_NAME}: the activity
dashboard for a seeded event workload (needs Prometheus 3: bash .ci/fetch-prometheus3.sh).
  --check     write nothing; exit 1 when a committed picture differs from a fresh one
  -h, --help  show this help
Exit codes: 0 success, 1 failure or out of date, 2 bad usage.`;

/** The command; returns its exit code. */
export async function runRenderOverview(argv: readonly string[], io: CliIO = processIO(), dir = PICTURE_DIR): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: [...argv], options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (e) {
    io.stderr(`render:overview: ${(e as Error).message}\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  let svg: string;
  let activitySvg: string;
  try {
    svg = overviewPictureSvg(await collectOverviewData());
    activitySvg = overviewPictureSvg(await collectActivityData());
  } catch (e) {
    io.stderr(`render:overview: ${(e as Error).message}\n`);
    return 1;
  }
  const plan = planOutput([
    { dir, name: PICTURE_NAME, content: svg },
    { dir, name: ACTIVITY_PICTURE_NAME, content: activitySvg },
  ]);
  const names = [PICTURE_NAME, ACTIVITY_PICTURE_NAME].map((n) => display(dir, n)).join(', ');
  if (args.check) {
    if (isUpToDate(plan)) return 0;
    io.stderr(`render:overview --check: ${names} differ from a fresh rendering.\nFix: npm run render:overview, and commit the result.\n`);
    return 1;
  }
  if (plan.conflicts.length > 0) {
    io.stderr(`render:overview: ${plan.conflicts.map((c) => display(c.dir, c.name)).join(', ')} was not written by this command; move it away.\n`);
    return 1;
  }
  applyPlan(plan);
  io.stdout(`${names}: ${isUpToDate(plan) ? 'up to date' : 'written'}.\n`);
  return 0;
}

runIfMain(import.meta.url, 'render:overview', (argv, io) => runRenderOverview(argv, io));
