/**
 * Fix hints speak to the user's repository: a user linting their own dashboards has no
 * provisioning/ folder, npm scripts or source files of this one, so no advice may point at them.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../dashboards/lint/index.js';
import { lintInMemory, ruleFixtures } from './helpers.js';

/** Paths and commands that exist only in this repository. */
const THIS_REPO = /provisioning\/|npm run|scripts\/|queries\/|panels\/|dashboards\/lint|\.ts\b/;

describe('fix hints', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s: the generic advice names nothing of this repository', (_id, rule) => {
    expect(rule.advice).not.toMatch(THIS_REPO);
    expect(rule.why).not.toMatch(THIS_REPO);
  });

  it('the fixes reported on every rule fixture name nothing of this repository', () => {
    const fixes = ruleFixtures().flatMap((f) => lintInMemory(f.bad, f.config).findings.map((x) => x.fix));
    expect(fixes.length).toBeGreaterThan(RULES.length);
    for (const fix of fixes) expect(fix).not.toMatch(THIS_REPO);
  });
});
