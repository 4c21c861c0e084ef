/**
 * One fixture per rule (test/lint/fixtures/<rule-id>/): the bad dashboard gives the rule's finding at the
 * expected JSON Pointer, the good one gives none, and for fixable rules the fixed bad dashboard gives none
 * (a Grafana v2 bad case, `bad-v2.json`, is found at its place in the v2 file and left untouched by --fix).
 */
import { describe, expect, it } from 'vitest';
import { fixDashboard, parseLintConfig, RULES } from '../../dashboards/lint/index.js';
import { lintInMemory, ruleFixtures } from './helpers.js';

const fixtures = ruleFixtures();

describe('rule fixtures', () => {
  it('every rule has a fixture, and every fixture names a rule', () => {
    expect(fixtures.map((f) => f.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const f of fixtures) expect(f.dir.endsWith(f.rule)).toBe(true);
  });

  describe.each(fixtures)('$rule', (fixture) => {
    it(`bad: finds it at the expected pointer (${fixture.about || 'minimal case'})`, () => {
      const result = lintInMemory(fixture.bad, fixture.config);
      for (const [file, pointers] of Object.entries(fixture.expect)) {
        const found = result.findings.filter((f) => f.ruleId === fixture.rule && f.file === file).map((f) => f.pointer);
        expect(found.sort(), file).toEqual([...pointers].sort());
      }
      for (const f of result.findings.filter((x) => x.ruleId === fixture.rule)) {
        expect(f.message.length).toBeGreaterThan(10);
        expect(f.fix.length).toBeGreaterThan(5);
      }
    });

    it('good: no finding', () => {
      const result = lintInMemory({ 'good.json': fixture.good }, fixture.config);
      expect(result.findings.filter((f) => f.ruleId === fixture.rule)).toEqual([]);
    });

    // Only fixable rules get a fix test; no skipped placeholders for the others.
    if (!RULES.find((r) => r.id === fixture.rule)?.fixable) return;
    it('fix: the fixed dashboard has no finding and still validates', () => {
      const config = parseLintConfig(fixture.config);
      const before = lintInMemory(fixture.bad, fixture.config);
      const fixedTexts: Record<string, string> = {};
      for (const file of before.files) {
        const outcome = fixDashboard(file.loaded!, file.findings, config);
        if (file.loaded?.v2) {
          // --fix edits classic dashboards only: a v2 file's findings are not fixable and it is left as it is.
          expect(outcome.status, file.file).toBe('unchanged');
          expect(file.findings.filter((f) => f.ruleId === fixture.rule && f.fixable), file.file).toEqual([]);
          continue;
        }
        expect(outcome.status, file.file).toBe('fixed');
        if (outcome.status === 'fixed') fixedTexts[file.file] = outcome.text;
      }
      const after = lintInMemory(fixedTexts, fixture.config);
      expect(after.findings.filter((f) => f.ruleId === fixture.rule)).toEqual([]);
      expect(after.findings.filter((f) => f.ruleId === 'dashboard-schema' || f.ruleId === 'input-readable')).toEqual([]);
    });
  });
});
