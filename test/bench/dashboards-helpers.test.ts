/**
 * The dashboard benchmark's pure helpers (scripts/bench/dashboards/): the rules' increments computed
 * sample by sample, and the block layout the compactor settles on. The benchmark itself checks both
 * against a real Prometheus; these pin the edge cases without one.
 */
import { describe, expect, it } from 'vitest';
import { blockLayout, compactionRanges, DAY_MS, HOUR_MS } from '../../scripts/bench/dashboards/layout.js';
import { ruleIncrement, ruleNames } from '../../scripts/bench/dashboards/rules-model.js';
import { defaultConfig } from '../../queries/config.js';
import { recordingRules } from '../../queries/rules.js';

const timing = { intervalMs: 15_000, delayMs: 15_000, lookbackMs: HOUR_MS };
const t = 1_800_000_000_000;

describe('ruleIncrement', () => {
  it('records a new series in full, growth as the difference, nothing while idle', () => {
    expect(ruleIncrement(Number.NEGATIVE_INFINITY, 0, t, 5, timing)).toBe(5);
    expect(ruleIncrement(t - 15_000, 5, t, 7.5, timing)).toBe(2.5);
    expect(ruleIncrement(t - 15_000, 5, t, 5, timing)).toBe(0);
  });

  it('records all of a reset, and all of a value whose previous sample lies beyond the look-back', () => {
    expect(ruleIncrement(t - 15_000, 9, t, 4, timing)).toBe(4);
    expect(ruleIncrement(t - HOUR_MS, 3, t, 4, timing)).toBe(1);
    // Prometheus 3's left-open window (t − S − L, t − S]: a sample exactly L + S back is not seen.
    expect(ruleIncrement(t - HOUR_MS - 15_000, 3, t, 4, timing)).toBe(4);
  });
});

describe('ruleNames', () => {
  it('sums over the session id exactly where the generated rules do', () => {
    const config = defaultConfig();
    const exprs = new Map((recordingRules(config).groups[0]?.rules ?? []).map((r) => [r.record, r.expr]));
    for (const [raw, target] of ruleNames(config)) {
      const expr = exprs.get(target.rule) ?? '';
      expect(expr, raw).toContain(raw);
      expect(expr.startsWith('sum without (session_id)'), raw).toBe(target.summedLabel === 'session_id');
    }
    expect([...ruleNames(config).values()].filter((t) => t.summedLabel === undefined).map((t) => t.rule)).toEqual(['claude_code:session_count:reported_increments']);
  });
});

describe('blockLayout', () => {
  const ranges = compactionRanges(30 * DAY_MS);

  it('uses 2 h to 54 h blocks at 30 days of retention', () => {
    expect(ranges.map((r) => r / HOUR_MS)).toEqual([2, 6, 18, 54]);
  });

  it('covers the history without gaps or overlaps, in blocks aligned to their own range', () => {
    const end = 1_800_000_000_000 - (1_800_000_000_000 % (2 * HOUR_MS));
    const blocks = blockLayout(end - 30 * DAY_MS - 5_000, end, ranges);
    expect(blocks[0]?.minTime).toBeLessThanOrEqual(end - 30 * DAY_MS - 5_000);
    expect(blocks[blocks.length - 1]?.maxTime).toBe(end);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]?.minTime).toBe(blocks[i - 1]?.maxTime);
    for (const b of blocks) {
      const size = ranges.find((r) => Math.floor(b.minTime / r) === Math.floor((b.maxTime - 1) / r) && b.maxTime - b.minTime <= r);
      expect(size).toBeDefined();
    }
    expect(blocks.filter((b) => b.maxTime - b.minTime === 54 * HOUR_MS).length).toBeGreaterThan(10);
  });

  it('is deterministic and merges the 2 h blocks into far fewer', () => {
    const end = 1_800_000_000_000 - (1_800_000_000_000 % (2 * HOUR_MS));
    const once = blockLayout(end - 7 * DAY_MS, end, ranges);
    expect(blockLayout(end - 7 * DAY_MS, end, ranges)).toEqual(once);
    expect(once.length).toBeLessThan(7 * 12);
  });
});
