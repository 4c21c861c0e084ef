/**
 * The prediction of a rule group's evaluation offset that puts the backfilled rule samples on the scrape
 * grid (scripts/accuracy/rule-backfill.ts): XXH64 test vectors, and offsets observed from promtool's
 * backfill output (sample timestamps modulo 15 s) for three file names on each engine build. Every suite
 * run also checks the grid on the real output.
 */
import { describe, expect, it } from 'vitest';
import { RULE_GROUP_NAME } from '../../queries/rules.js';
import { gridAlignedRulesFileName, ruleGroupOffsetNs } from '../../scripts/accuracy/rule-backfill.js';
import { xxhash64 } from '../../scripts/accuracy/xxhash64.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('rule group evaluation offset', () => {
  it('XXH64 matches the reference vectors', () => {
    expect(xxhash64(text('')).toString(16)).toBe('ef46db3751d8e999');
    expect(xxhash64(text('abc')).toString(16)).toBe('44bc2cf5ad770999');
    expect(xxhash64(text('Nobody inspects the spammish repetition')).toString(16)).toBe('fbcea83c8a378bf1');
  });

  it('predicts the offsets promtool used (ms modulo 15 s, Debian 2.42 and 3.5.3)', () => {
    const observed: Record<string, [number, number]> = { 'a.yml': [11860, 10582], 'b.yml': [6264, 14734], 'rules.yml': [14916, 370] };
    for (const [file, [v2, v3]] of Object.entries(observed)) {
      expect(Math.round(Number(ruleGroupOffsetNs(2, file, RULE_GROUP_NAME, 15_000)) / 1e6), `${file} on 2.x`).toBe(v2);
      expect(Math.round(Number(ruleGroupOffsetNs(3, file, RULE_GROUP_NAME, 15_000)) / 1e6), `${file} on 3.x`).toBe(v3);
    }
  });

  it('finds a rules file name whose evaluations fall on the grid, per engine and interval', () => {
    for (const major of [2, 3] as const) {
      for (const interval of [1_000, 15_000]) {
        const name = gridAlignedRulesFileName(major, RULE_GROUP_NAME, interval);
        expect(ruleGroupOffsetNs(major, name, RULE_GROUP_NAME, interval)).toBeLessThan(400_000n);
        expect(gridAlignedRulesFileName(major, RULE_GROUP_NAME, interval)).toBe(name);
      }
    }
  });
});
