/**
 * The recording rules' series, produced by the real engine: after the raw samples are loaded, the rules
 * file our build writes (`rulesYaml(config)`) is evaluated over the loaded data with
 * `promtool tsdb create-blocks-from rules` (range queries against the running Prometheus, one TSDB block
 * per rule and 2 h), the server is stopped, the blocks are moved into its TSDB directory and it is started
 * again. Overlapping blocks need no flag: Prometheus 2.39+ always accepts them (2.42 keeps
 * `--storage.tsdb.allow-overlapping-blocks` only as a no-op, 3.x rejects the flag).
 *
 * The raw samples of the last hours are still in the head (WAL) when the server stops, and on start
 * Prometheus drops WAL samples older than the newest block's end; the rule blocks reach the workload's
 * end, so those raw samples would be lost (the naive formulation reads them). So before stopping we take
 * a TSDB snapshot with the head (`/api/v1/admin/tsdb/snapshot`), and the server restarts on a fresh TSDB
 * directory holding the snapshot's blocks and the rule blocks, no WAL.
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
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../../queries/config.js';
import { RULE_GROUP_NAME, rulesYaml } from '../../queries/rules.js';
import { incrementsRuleName } from '../../queries/counters.js';
import type { EngineMajor } from './engines.js';
import { intervalToMs } from './grafana-macros.js';
import { queryInstant } from './prometheus-api.js';
import type { PrometheusServer } from './prometheus-server.js';
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

/** What a backfill did. */
export interface RuleBackfill {
  readonly blocks: number;
  /** The rules file name that put the evaluations on the grid. */
  readonly rulesFile: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly intervalMs: number;
  /** promtool's run time plus the restart. */
  readonly seconds: number;
}

function moveDirectory(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/**
 * Evaluates the configuration's recording rules over [startMs, endMs] (both on the rule interval's grid,
 * the interval being `config.scrapeInterval`) against the data in `server`, and restarts the server with
 * the resulting blocks. Checks that every rule sample of one rule lies on the grid.
 */
export async function backfillRecordingRules(server: PrometheusServer, config: Config, range: { startMs: number; endMs: number }): Promise<RuleBackfill> {
  const intervalMs = intervalToMs(config.scrapeInterval);
  const { startMs, endMs } = range;
  for (const [what, t] of [['start', startMs], ['end', endMs]] as const) {
    if (t % intervalMs !== 0 || t % 1000 !== 0) {
      throw new Error(`rule backfill ${what} ${new Date(t).toISOString()} is not on the ${config.scrapeInterval} grid in whole seconds`);
    }
  }
  const t0 = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'ccd-rules-'));
  try {
    const rulesFile = gridAlignedRulesFileName(server.engine.major, RULE_GROUP_NAME, intervalMs);
    writeFileSync(join(workDir, rulesFile), rulesYaml(config));
    const outputDir = join(workDir, 'blocks');
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
      // Relative, so that the group's hash (and with it the evaluation offset) does not depend on workDir.
      rulesFile,
    ];
    try {
      await run(server.engine.promtool, args, { cwd: workDir, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`promtool ${args.join(' ')} failed:\n${(e.stderr ?? e.message).slice(-4000)}`);
    }
    const blocks = blockDirectories(outputDir);
    const snapshot = await snapshotWithHead(server.baseUrl);
    await server.restart((tsdbPath) => {
      const persisted = join(workDir, 'snapshot');
      moveDirectory(join(tsdbPath, 'snapshots', snapshot), persisted);
      rmSync(tsdbPath, { recursive: true, force: true });
      mkdirSync(tsdbPath, { recursive: true });
      for (const block of blockDirectories(persisted)) moveDirectory(join(persisted, block), join(tsdbPath, block));
      for (const block of blocks) moveDirectory(join(outputDir, block), join(tsdbPath, block));
    });
    await checkGrid(server.baseUrl, startMs, endMs, intervalMs);
    return { blocks: blocks.length, rulesFile, startMs, endMs, intervalMs, seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function blockDirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
}

/** Takes a TSDB snapshot including the head; returns its directory name under `<tsdb>/snapshots/`. */
async function snapshotWithHead(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/admin/tsdb/snapshot?skip_head=false`, { method: 'POST' });
  const body = (await response.json()) as { status: string; error?: string; data?: { name?: string } };
  if (body.status !== 'success' || !body.data?.name) throw new Error(`TSDB snapshot failed: ${body.error ?? response.status}`);
  return body.data.name;
}

/** Every sample of the session-count rule lies on the interval's grid, and there is at least one. */
async function checkGrid(baseUrl: string, startMs: number, endMs: number, intervalMs: number): Promise<void> {
  const rule = incrementsRuleName('sessionCount');
  const spanS = Math.ceil((endMs - startMs) / 1000) + 1;
  const results = await queryInstant(baseUrl, `${rule}[${spanS}s]`, endMs + 1);
  const times = results.flatMap((r) => r.points.map(([t]) => Math.round(t * 1000)));
  if (times.length === 0) throw new Error(`the rule backfill produced no samples of ${rule} between ${new Date(startMs).toISOString()} and ${new Date(endMs).toISOString()}`);
  const off = times.filter((t) => t % intervalMs !== 0);
  if (off.length > 0) {
    throw new Error(`${off.length} of ${times.length} samples of ${rule} are off the ${intervalMs} ms evaluation grid (e.g. at ${new Date(off[0] as number).toISOString()}, offset ${(off[0] as number) % intervalMs} ms): the rule group's evaluation offset was not predicted for this Prometheus build`);
  }
}
