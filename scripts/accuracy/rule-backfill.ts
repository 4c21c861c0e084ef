/**
 * The recording rules' series, produced by the real engine: after the raw samples are loaded, the rules
 * our build writes (`recordingRules(config)`, the group of `rulesYaml`) are evaluated over the loaded data
 * with `promtool tsdb create-blocks-from rules` (range queries against the running Prometheus, one TSDB
 * block per rule and 2 h; one promtool run per rule), and the samples of those blocks are read back with `promtool tsdb dump` and pushed
 * into the same Prometheus over remote write, next to the raw samples.
 *
 * Why replay instead of moving the blocks into the server's data directory: that needs a restart, a TSDB
 * snapshot of the head (on start Prometheus drops WAL samples older than the newest block) and leaves
 * hundreds of overlapping blocks that the server merges in the background a minute later, while the
 * suite is querying. Replayed into the head of a server that never compacts (prometheus-server.ts), the
 * data a suite reads does not change from the moment it is loaded until the server stops. Every replay
 * is checked: the server must hold exactly as many rule samples as promtool wrote, all on the grid.
 *
 * The evaluation grid. A rule group evaluates at `k × interval + offset`, where `offset` is the group's
 * hash modulo the interval (rules/group.go `EvalTimestamp`, `hash()` = labels {name=<group>, file=<path>}),
 * and promtool's backfill uses the same alignment for its range queries whatever `--start` says. We want
 * the evaluations on the scrape grid, like a rule group whose evaluations coincide with the scrapes, so we
 * pick the rules file's (relative) name such that the offset is below 0.4 ms: Prometheus parses the
 * query start to whole milliseconds (web/api/v1 `parseTime` rounds), so the evaluations land exactly on
 * multiples of the interval. The hash is XXH64 over the label set's encoding, which differs by build:
 * Debian's 2.42 uses the classic slice labels (`name \xff value \xff` per label), 3.x the default
 * `stringlabels` (length byte + name, length byte + value). Both predictions were checked against
 * promtool's output, and `backfillRecordingRules` checks the timestamps it got every time.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import type { Config } from '../../queries/config.js';
import { incrementsRuleName } from '../../queries/counters.js';
import { RULE_GROUP_NAME, recordingRules } from '../../queries/rules.js';
import { inParallel } from '../dev/in-parallel.js';
import type { ScrapedSeries } from '../synthetic/exposition.js';
import type { EngineMajor } from './engines.js';
import { intervalToMs } from './grafana-macros.js';
import { queryInstant } from './prometheus-api.js';
import { HEAD_APPEND_WINDOW_MS, type PrometheusServer } from './prometheus-server.js';
import { pushSeries } from './remote-write.js';
import { dumpSeries } from './tsdb-dump.js';
import { xxhash64 } from './xxhash64.js';

const run = promisify(execFile);
const encoder = new TextEncoder();

/** The bytes Prometheus hashes for a label set, per engine build (see the header). */
function labelSetBytes(major: EngineMajor, labels: readonly (readonly [string, string])[]): Uint8Array {
  const sorted = [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: number[] = [];
  for (const [name, value] of sorted) {
    for (const text of [name, value]) {
      const bytes = encoder.encode(text);
      if (major === 2) {
        out.push(...bytes, 0xff);
      } else {
        if (bytes.length >= 255) throw new Error(`label text of ${bytes.length} bytes: only short names are supported`);
        out.push(bytes.length, ...bytes);
      }
    }
  }
  return Uint8Array.from(out);
}

/** A rule group's evaluation offset in ns: `hash({name, file}) mod interval` (rules/group.go). */
export function ruleGroupOffsetNs(major: EngineMajor, file: string, group: string, intervalMs: number): bigint {
  const hash = xxhash64(labelSetBytes(major, [['name', group], ['file', file]]));
  return hash % (BigInt(intervalMs) * 1_000_000n);
}

/** Offsets below this put the evaluations exactly on the grid once Prometheus rounds the start to ms. */
const MAX_OFFSET_NS = 400_000n;

const fileNameCache = new Map<string, string>();

/**
 * The first name `claude-code-dashboards.<n>.rules.yml` whose rule group evaluates on multiples of the
 * interval in this engine build. Deterministic; a few ten thousand hashes at most for 15 s.
 */
export function gridAlignedRulesFileName(major: EngineMajor, group: string, intervalMs: number): string {
  const key = `${major}|${group}|${intervalMs}`;
  const cached = fileNameCache.get(key);
  if (cached) return cached;
  for (let n = 0; n < 10_000_000; n++) {
    const name = `claude-code-dashboards.${n}.rules.yml`;
    if (ruleGroupOffsetNs(major, name, group, intervalMs) < MAX_OFFSET_NS) {
      fileNameCache.set(key, name);
      return name;
    }
  }
  throw new Error(`no rules file name puts group "${group}" on the ${intervalMs} ms grid`);
}

/** promtool runs at once: about one per core (each keeps Prometheus busy answering its range queries). */
const BACKFILL_PARALLELISM = Math.max(1, Math.min(4, availableParallelism()));

/** What a backfill did. */
export interface RuleBackfill {
  /** Rule series and samples promtool computed and the server now holds. */
  readonly series: number;
  readonly samples: number;
  /** The rules file name that put the evaluations on the grid. */
  readonly rulesFile: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly intervalMs: number;
  /** promtool's run time plus the replay. */
  readonly seconds: number;
}

/**
 * Evaluates the configuration's recording rules over [startMs, endMs] (both on the rule interval's grid,
 * the interval being `config.scrapeInterval`) against the data in `server`, and pushes the resulting
 * samples into it; the range must fit the test server's head append window (prometheus-server.ts).
 * `group` picks another group of the file, `records` only some of its rules. Checks that the server then
 * holds every rule sample, each on the grid.
 */
export async function backfillRecordingRules(server: PrometheusServer, config: Config, range: { startMs: number; endMs: number; group?: string; records?: readonly string[] }): Promise<RuleBackfill> {
  const intervalMs = intervalToMs(config.scrapeInterval);
  const { startMs, endMs } = range;
  for (const [what, t] of [['start', startMs], ['end', endMs]] as const) {
    if (t % intervalMs !== 0 || t % 1000 !== 0) {
      throw new Error(`rule backfill ${what} ${new Date(t).toISOString()} is not on the ${config.scrapeInterval} grid in whole seconds`);
    }
  }
  if (endMs - startMs > HEAD_APPEND_WINDOW_MS) {
    throw new Error(`rule samples from ${new Date(startMs).toISOString()} are older than the test server's head accepts (${HEAD_APPEND_WINDOW_MS / 86_400_000} days before ${new Date(endMs).toISOString()})`);
  }
  const t0 = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'ccd-rules-'));
  try {
    // The group to evaluate: Claude Code's metrics by default, or another one of the file (the event metrics').
    const groupName = range.group ?? RULE_GROUP_NAME;
    const rulesFile = gridAlignedRulesFileName(server.engine.major, groupName, intervalMs);
    const whole = recordingRules(config).groups.find((g) => g.name === groupName);
    if (!whole) throw new Error(`the configuration produced no recording-rule group "${groupName}"`);
    // Only some of the group's rules, when asked (e.g. the heartbeat beside the event group).
    const group = range.records ? { ...whole, rules: whole.rules.filter((r) => range.records?.includes(r.record)) } : whole;
    // One promtool run per rule, each in its own directory under the same relative file name and group
    // name (so the same evaluation offset), so the runs can go in parallel.
    const tasks = group.rules.map((rule, i) => async (): Promise<ScrapedSeries[]> => {
      const dir = join(workDir, `rule-${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, rulesFile), stringify({ groups: [{ ...group, rules: [rule] }] }));
      const outputDir = join(dir, 'blocks');
      const args = [
        'tsdb', 'create-blocks-from', 'rules',
        '--quiet',
        `--url=${server.baseUrl}`,
        `--start=${startMs / 1000}`,
        // promtool stops at --end (whole seconds) and its evaluations sit `offset` (< 0.4 ms) after the grid
        // points, so the evaluation at endMs itself needs one more second; the next one is an interval later.
        `--end=${endMs / 1000 + 1}`,
        `--eval-interval=${config.scrapeInterval}`,
        `--output-dir=${outputDir}`,
        // Relative, so that the group's hash (and with it the evaluation offset) does not depend on the directory.
        rulesFile,
      ];
      try {
        await run(server.engine.promtool, args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        const e = error as { stderr?: string; message: string };
        throw new Error(`promtool ${args.join(' ')} failed:\n${(e.stderr ?? e.message).slice(-4000)}`);
      }
      return dumpSeries(server.engine.promtool, outputDir);
    });
    const series = (await inParallel(tasks, BACKFILL_PARALLELISM)).flat();
    const { samples } = await pushSeries(server.baseUrl, series);
    await checkReplay(server.baseUrl, { startMs, endMs, intervalMs, samples, records: group.rules.map((r) => r.record) });
    return { series: series.length, samples, rulesFile, startMs, endMs, intervalMs, seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The server holds exactly the `samples` rule samples pushed, and they lie on the interval's grid. */
async function checkReplay(baseUrl: string, expected: { startMs: number; endMs: number; intervalMs: number; samples: number; records: readonly string[] }): Promise<void> {
  const { startMs, endMs, intervalMs, samples } = expected;
  // promtool evaluates up to one second past endMs (see --end above): count up to there.
  const spanS = Math.ceil((endMs - startMs) / 1000) + 2;
  let count = 0;
  for (const rule of expected.records) {
    const [held] = await queryInstant(baseUrl, `sum(count_over_time(${rule}[${spanS}s]))`, endMs + 1001);
    count += held?.points[0]?.[1] ?? 0;
  }
  if (count !== samples) {
    throw new Error(`the rule backfill pushed ${samples} samples but Prometheus holds ${count} between ${new Date(startMs).toISOString()} and ${new Date(endMs).toISOString()}`);
  }
  await checkGrid(baseUrl, startMs, endMs, intervalMs, expected.records.includes(incrementsRuleName('sessionCount')) ? incrementsRuleName('sessionCount') : (expected.records[0] ?? ''));
}

/** Every sample of the session-count rule lies on the interval's grid, and there is at least one. */
async function checkGrid(baseUrl: string, startMs: number, endMs: number, intervalMs: number, rule: string): Promise<void> {
  const spanS = Math.ceil((endMs - startMs) / 1000) + 1;
  const results = await queryInstant(baseUrl, `${rule}[${spanS}s]`, endMs + 1);
  const times = results.flatMap((r) => r.points.map(([t]) => Math.round(t * 1000)));
  if (times.length === 0) throw new Error(`the rule backfill produced no samples of ${rule} between ${new Date(startMs).toISOString()} and ${new Date(endMs).toISOString()}`);
  const off = times.filter((t) => t % intervalMs !== 0);
  if (off.length > 0) {
    throw new Error(`${off.length} of ${times.length} samples of ${rule} are off the ${intervalMs} ms evaluation grid (e.g. at ${new Date(off[0] as number).toISOString()}, offset ${(off[0] as number) % intervalMs} ms): the rule group's evaluation offset was not predicted for this Prometheus build`);
  }
}
