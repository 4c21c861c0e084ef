/**
 * The blocks a long-running Prometheus holds for a span of history: its head cuts a 2 h block every 2 h,
 * and the leveled compactor merges them into 6 h, 18 h, 54 h, ... blocks (ranges 2 h × 3^k up to the
 * maximum block duration, by default a tenth of the retention). `blockLayout` replays the compactor's
 * planning (tsdb/compact.go `plan` and `selectDirs`, without overlaps or tombstones) until nothing is
 * left to compact, so the benchmark's blocks are the fixed point a real server reaches, and a server
 * opening them finds nothing to do.
 *
 * Why: what a 30-day query costs depends on how many blocks (and so index lookups and chunk reads per
 * series) it spans; 360 two-hour blocks or one 30-day block would both misstate it.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The retention of the simulated server (the smallest that holds a 30-day dashboard range). */
export const RETENTION_DAYS = 30;

/** Prometheus' compaction ranges: 2 h × 3^k, up to a tenth of the retention (at most 31 days). */
export function compactionRanges(retentionMs: number = RETENTION_DAYS * DAY_MS): number[] {
  const max = Math.min(retentionMs / 10, 31 * DAY_MS);
  const out: number[] = [];
  for (let r = 2 * HOUR_MS; r <= max && out.length < 10; r *= 3) out.push(r);
  return out;
}

/** One block: [minTime, maxTime) and its compaction level (1 for a block cut from the head). */
export interface BlockRange {
  readonly minTime: number;
  readonly maxTime: number;
  readonly level: number;
}

/** compact.go `splitByRange`: the blocks grouped by the aligned range of size `tr` they fall into. */
function splitByRange(blocks: readonly BlockRange[], tr: number): BlockRange[][] {
  const groups: BlockRange[][] = [];
  for (let i = 0; i < blocks.length; ) {
    const t0 = tr * Math.floor((blocks[i] as BlockRange).minTime / tr);
    if ((blocks[i] as BlockRange).maxTime > t0 + tr) {
      i++;
      continue;
    }
    const group: BlockRange[] = [];
    for (; i < blocks.length && (blocks[i] as BlockRange).maxTime <= t0 + tr; i++) group.push(blocks[i] as BlockRange);
    if (group.length > 0) groups.push(group);
  }
  return groups;
}

/** compact.go `plan` → `selectDirs`: the next blocks to merge, the newest block left out. */
function planned(blocks: readonly BlockRange[], ranges: readonly number[]): BlockRange[] | undefined {
  const candidates = blocks.slice(0, -1);
  if (ranges.length < 2 || candidates.length < 1) return undefined;
  const highTime = (candidates[candidates.length - 1] as BlockRange).minTime;
  for (const iv of ranges.slice(1)) {
    for (const p of splitByRange(candidates, iv)) {
      const mint = (p[0] as BlockRange).minTime;
      const maxt = (p[p.length - 1] as BlockRange).maxTime;
      if ((maxt - mint === iv || maxt <= highTime) && p.length > 1) return p;
    }
  }
  return undefined;
}

/**
 * The blocks holding [fromMs, toMs) once the compactor is done: 2 h blocks from the one containing
 * `fromMs` up to `toMs` (a multiple of 2 h, where the head begins), merged as Prometheus would.
 */
export function blockLayout(fromMs: number, toMs: number, ranges: readonly number[] = compactionRanges()): BlockRange[] {
  const first = ranges[0] ?? 2 * HOUR_MS;
  if (toMs % first !== 0) throw new Error(`the head must start on a ${first / HOUR_MS} h boundary`);
  let blocks: BlockRange[] = [];
  for (let t = Math.floor(fromMs / first) * first; t < toMs; t += first) blocks.push({ minTime: t, maxTime: t + first, level: 1 });
  for (let guard = 0; guard < 100_000; guard++) {
    const merge = planned(blocks, ranges);
    if (!merge) return blocks;
    const start = blocks.indexOf(merge[0] as BlockRange);
    const merged: BlockRange = {
      minTime: (merge[0] as BlockRange).minTime,
      maxTime: (merge[merge.length - 1] as BlockRange).maxTime,
      level: Math.max(...merge.map((b) => b.level)) + 1,
    };
    blocks = [...blocks.slice(0, start), merged, ...blocks.slice(start + merge.length)];
  }
  throw new Error('the compaction plan did not settle');
}
