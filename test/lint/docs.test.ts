import { describe, expect, it } from 'vitest';
import { RULES } from '../../dashboards/lint/index.js';
import { ruleAnchor } from '../../dashboards/lint/formats/sarif.js';
import { RULES_DOC, rulesTable, run, withRulesTable } from '../../scripts/generate-lint-docs.js';

describe('generated rules table', () => {
  it('lists every rule with its severity and fixability', () => {
    const table = rulesTable();
    for (const rule of RULES) {
      // The anchor SARIF's helpUri points at.
      const row = table.split('\n').find((l) => l.startsWith(`| <a id="${ruleAnchor(rule.id)}"></a>\`${rule.id}\` |`));
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
  it('refuses a file without the markers, naming them', () => {
    expect(() => withRulesTable('# no table here\n', 'X.md')).toThrow(/X\.md: the markers <!-- lint-rules:start/);
  });

  it('--check passes on the committed docs and names the file it checks', async () => {
    let out = '';
    const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) };
    expect(await run(['--check'], io)).toBe(0);
    expect(await run([], io)).toBe(0);
    expect(out).toContain(`${RULES_DOC}: the rules table is up to date.`);
  });
});

describe(RULES_DOC, () => {
  it('carries the rules table exactly as generated from the rule definitions', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL(`../../${RULES_DOC}`, import.meta.url), 'utf8');
    expect(withRulesTable(doc), 'run `npm run generate:lint-docs`').toBe(doc);
    expect(doc).toContain(rulesTable());
  });

  it('is the only file with the markers: the README links to it instead', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).not.toContain('lint-rules:start');
  });
});
