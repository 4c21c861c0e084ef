import { describe, expect, it } from 'vitest';
import { RULES } from '../../dashboards/lint/index.js';
import { rulesTable, withRulesTable } from '../../scripts/generate-lint-docs.js';

describe('generated rules table', () => {
  it('lists every rule with its severity and fixability', () => {
    const table = rulesTable();
    for (const rule of RULES) {
      const row = table.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      expect(row).toContain(`| ${rule.severity} |`);
      expect(row?.endsWith(rule.fixable ? '| yes |' : '| – |')).toBe(true);
    }
  });

  it('every rule documents what, why and how to fix', () => {
    for (const rule of RULES) {
      expect(rule.description.length, rule.id).toBeGreaterThan(20);
      expect(rule.why.length, rule.id).toBeGreaterThan(20);
      expect(rule.advice.length, rule.id).toBeGreaterThan(10);
      expect(rule.fixable, rule.id).toBe(typeof rule.fix === 'function');
    }
  });
});

describe('generate:lint-docs', () => {
  it('refuses a README without the markers, naming them', () => {
    expect(() => withRulesTable('# no table here\n', 'X.md')).toThrow(/X\.md: the markers <!-- lint-rules:start/);
  });
});

describe('README', () => {
  it('carries the rules table exactly as generated from the rule definitions', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withRulesTable(readme), 'run `npm run generate:lint-docs`').toBe(readme);
    expect(readme).toContain(rulesTable());
  });
});
