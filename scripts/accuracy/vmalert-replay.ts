/**
 * The recording rules' series on VictoriaMetrics, produced the way a VictoriaMetrics user produces them:
 * `vmalert` evaluates the very rules file our build writes (`rulesYaml`) against the server and writes
 * the results back over remote write. For data that is already stored, vmalert's replay mode
 * (`-replay.timeFrom/-replay.timeTo`) evaluates each rule as range queries with step = the group's
 * interval, which equals evaluating it live at every interval; no rule here reads another rule's output,
 * so the rules need no delay between them (`-replay.rulesDelay=0s`).
 *
 * The replay is checked like the Prometheus backfill (rule-backfill.ts): the server must then hold rule
 * samples, every one on the interval's grid.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../../queries/config.js';
import { INCREMENTS_RULE_NAMES, incrementsRuleName } from '../../queries/counters.js';
import { SESSION_RULE_NAMES_LIST } from '../../queries/session-rules.js';
import { RULES_LOADED_SERIES } from '../../queries/fallback.js';
import { rulesYaml } from '../../queries/rules.js';
import { intervalToMs } from './grafana-macros.js';
import { queryInstant } from './prometheus-api.js';
import type { RuleBackfill } from './rule-backfill.js';
import type { VictoriaServer } from './victoria-server.js';

const run = promisify(execFile);

/** The replay's command line (exported for the test that checks the rules file with `-dryRun`). */
export function replayArgs(server: VictoriaServer, rulesFile: string, range: { startMs: number; endMs: number }): string[] {
  return [
    `-rule=${rulesFile}`,
    `-datasource.url=${server.baseUrl}`,
    `-remoteWrite.url=${server.baseUrl}`,
    `-replay.timeFrom=${new Date(range.startMs).toISOString()}`,
    `-replay.timeTo=${new Date(range.endMs).toISOString()}`,
    '-replay.disableProgressBar',
    '-replay.rulesDelay=0s',
    '-datasource.queryStep=0s',
    '-loggerLevel=ERROR',
  ];
}

/**
 * Evaluates the configuration's recording rules over [startMs, endMs] (on the rule interval's grid) with
 * vmalert against `server` and has the results written back into it.
 */
export async function replayRecordingRules(server: VictoriaServer, config: Config, range: { startMs: number; endMs: number }): Promise<RuleBackfill> {
  const intervalMs = intervalToMs(config.scrapeInterval);
  for (const [what, t] of [['start', range.startMs], ['end', range.endMs]] as const) {
    if (t % intervalMs !== 0) throw new Error(`rule replay ${what} ${new Date(t).toISOString()} is not on the ${config.scrapeInterval} grid`);
  }
  const t0 = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'ccd-vmalert-'));
  try {
    const rulesFile = join(workDir, 'claude-code-dashboards.rules.yml');
    writeFileSync(rulesFile, rulesYaml(config));
    const args = replayArgs(server, rulesFile, range);
    try {
      await run(server.install.vmalert, args, { maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`vmalert ${args.join(' ')} failed:\n${(e.stderr ?? e.message).slice(-4000)}`);
    }
    await server.flush();
    const { series, samples } = await countRuleSamples(server.baseUrl, range);
    await checkHeartbeat(server.baseUrl, range, intervalMs);
    await checkGrid(server.baseUrl, range, intervalMs);
    return { series, samples, rulesFile: 'claude-code-dashboards.rules.yml', ...range, intervalMs, seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Rule series and samples the server holds in the replayed range. */
async function countRuleSamples(baseUrl: string, range: { startMs: number; endMs: number }): Promise<{ series: number; samples: number }> {
  const spanS = Math.ceil((range.endMs - range.startMs) / 1000) + 1;
  let series = 0;
  let samples = 0;
  for (const rule of [...INCREMENTS_RULE_NAMES, ...SESSION_RULE_NAMES_LIST, RULES_LOADED_SERIES]) {
    const [held] = await queryInstant(baseUrl, `sum(count_over_time(${rule}[${spanS}s]))`, range.endMs);
    const [count] = await queryInstant(baseUrl, `count(last_over_time(${rule}[${spanS}s]))`, range.endMs);
    samples += held?.points[0]?.[1] ?? 0;
    series += count?.points[0]?.[1] ?? 0;
  }
  if (samples === 0) throw new Error(`vmalert's replay left no rule samples between ${new Date(range.startMs).toISOString()} and ${new Date(range.endMs).toISOString()}`);
  return { series, samples };
}

/**
 * The heartbeat (`vector(1)`) has exactly one sample per evaluation: none missing (vmalert evaluating at
 * another step than the group's interval) and none doubled (overlapping replay chunks kept twice).
 */
async function checkHeartbeat(baseUrl: string, range: { startMs: number; endMs: number }, intervalMs: number): Promise<void> {
  const spanS = Math.ceil((range.endMs - range.startMs) / 1000) + 1;
  const [held] = await queryInstant(baseUrl, `count_over_time(${RULES_LOADED_SERIES}[${spanS}s])`, range.endMs);
  const expected = (range.endMs - range.startMs) / intervalMs + 1;
  const got = held?.points[0]?.[1] ?? 0;
  if (got !== expected) {
    throw new Error(`vmalert's replay wrote ${got} samples of ${RULES_LOADED_SERIES} where one per ${intervalMs} ms evaluation makes ${expected}: evaluations are missing or doubled`);
  }
}

/** Every sample of the session-count rule lies on the interval's grid, and there is at least one. */
async function checkGrid(baseUrl: string, range: { startMs: number; endMs: number }, intervalMs: number): Promise<void> {
  const rule = incrementsRuleName('sessionCount');
  const spanS = Math.ceil((range.endMs - range.startMs) / 1000) + 1;
  const results = await queryInstant(baseUrl, `${rule}[${spanS}s]`, range.endMs);
  const times = results.flatMap((r) => r.points.map(([t]) => Math.round(t * 1000)));
  if (times.length === 0) throw new Error(`vmalert's replay produced no samples of ${rule}`);
  const off = times.filter((t) => t % intervalMs !== 0);
  if (off.length > 0) {
    throw new Error(`${off.length} of ${times.length} samples of ${rule} are off the ${intervalMs} ms grid (e.g. ${new Date(off[0] as number).toISOString()})`);
  }
}
