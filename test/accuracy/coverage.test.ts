/**
 * Coverage: every query id that appears in a built dashboard, under every naming scheme and with team
 * variables, has a ground-truth mapping, so the engine suites compare every target.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../queries/config.js';
import { NAMING_SCHEMES } from '../../queries/naming.js';
import { EXPECTATIONS } from '../../scripts/accuracy/expectations.js';
import { accuracyDashboards, SUITES } from '../../scripts/accuracy/suites.js';

describe('accuracy coverage', () => {
  for (const naming of NAMING_SCHEMES) {
    it(`every dashboard target has a truth mapping (${naming}, team labels)`, () => {
      const targets = accuracyDashboards(resolveConfig({ naming, teamLabels: ['team.id'] })).flatMap((d) => d.targets.map((t) => ({ d: d.uid, t })));
      expect(targets.length).toBeGreaterThan(0);
      const unmapped = targets.filter(({ t }) => !EXPECTATIONS[t.queryId]).map(({ d, t }) => `${d} › ${t.panelTitle} (${t.refId}): ${t.queryId}`);
      expect(unmapped).toEqual([]);
    });
  }

  it('every naming scheme is exercised by an engine suite, UTF-8 on Prometheus 3', () => {
    expect(new Set(SUITES.map((s) => s.naming))).toEqual(new Set(NAMING_SCHEMES));
    expect(SUITES.filter((s) => s.naming === 'utf8').every((s) => s.engine === 3)).toBe(true);
    expect(new Set(SUITES.flatMap((s) => s.windows.map((w) => w.name)))).toEqual(new Set(['1h', '24h', '7d']));
  });
});
