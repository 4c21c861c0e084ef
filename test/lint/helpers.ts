/** Shared helpers for the linter tests. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintSources, parseLintConfig, type LintConfigInput, type LintResult } from '../../dashboards/lint/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(REPO_ROOT, 'test/lint/fixtures');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const PEER_DASHBOARDS = path.join(SHARED, 'corpus/peer-dashboards');

/** Lints JSON values or raw texts in memory, keyed by file name. */
export function lintInMemory(files: Record<string, unknown>, config: LintConfigInput = {}): LintResult {
  const encoder = new TextEncoder();
  return lintSources(
    Object.entries(files).map(([file, content]) => ({
      file,
      bytes: content instanceof Uint8Array ? content : encoder.encode(typeof content === 'string' ? content : JSON.stringify(content, null, 2)),
    })),
    { config: parseLintConfig(config) },
  );
}

/** One rule fixture: the bad files, the good one, the expected pointers and an optional config. */
export interface RuleFixture {
  readonly rule: string;
  readonly dir: string;
  readonly about: string;
  readonly bad: Record<string, string>;
  readonly good: string;
  readonly expect: Record<string, string[]>;
  readonly config: LintConfigInput;
}

/** Every fixture under test/lint/fixtures/<rule-id>/. */
export function ruleFixtures(): RuleFixture[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const dir = path.join(FIXTURES, e.name);
      const meta = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as {
        rule: string;
        about: string;
        expect: Record<string, string[]>;
        config?: LintConfigInput;
      };
      const bad = Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f.startsWith('bad'))
          .sort()
          .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
      );
      return { rule: meta.rule, dir, about: meta.about, bad, good: readFileSync(path.join(dir, 'good.json'), 'utf8'), expect: meta.expect, config: meta.config ?? {} };
    });
}
