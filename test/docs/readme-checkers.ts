/**
 * Checkers for the code blocks of README.md and CONTRIBUTING.md (code-blocks.test.ts runs them): the
 * opening commands agree with .ci/run, the CI workflow lines lint this repository clean, the library
 * example is the one the package test compiles, the source tree names real files, and every shell
 * command, script and option exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runLintCli } from '../../scripts/lint-dashboards.js';
import { codeBlocks, docFiles, REPO, type CodeBlock } from './markdown.js';
import { checkCommand, commandsOf } from './shell-commands.js';

export const read = (file: string) => readFileSync(path.join(REPO, file), 'utf8');

/** Runs the linter in the repository with the arguments a documented `run:` line passes after `--`. */
async function lintWith(runLine: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = runLine.replace(/^.*lint:dashboards --\s*/, '').replace(/\s*>.*$/, '').split(/\s+/);
  let stdout = '';
  let stderr = '';
  const code = await runLintCli(args, { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), env: { NO_COLOR: '1' }, cwd: REPO });
  return { code, stdout, stderr };
}

/** Claims the blocks it knows (by file, heading, language) and checks one. */
export interface Checker {
  readonly name: string;
  readonly claims: (b: CodeBlock) => boolean;
  readonly check: (b: CodeBlock) => void | Promise<void>;
}

export const shell: Checker = {
  name: 'shell commands: scripts, commands, options and files exist',
  claims: (b) => b.lang === 'sh' || b.lang === 'bash',
  check: (b) => {
    const problems = commandsOf(b.body).flatMap(checkCommand);
    expect(problems, `${b.file}:${b.line}`).toEqual([]);
  },
};

const firstScreen: Checker = {
  name: "README's opening commands: build and the test command .ci/run runs",
  claims: (b) => b.file === 'README.md' && b.heading === 'claude-code-dashboards',
  check: (b) => {
    shell.check(b);
    expect(b.body).toMatch(/^npm ci && npm run build:dashboards\s/m);
    expect(b.body).toMatch(/^npm test\s/m);
    const ci = read('.ci/run');
    expect(ci).toMatch(/# The README's test command\.\nnpm test\n/);
    expect(ci).toMatch(/^npm ci$/m);
  },
};

const libraryExample: Checker = {
  name: 'the library example (compiled and run against the packed package by test/package/pack.test.ts)',
  claims: (b) => b.file === 'README.md' && b.lang === 'ts' && b.heading === 'Using the library in your own dashboards',
  check: (b) => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Using the library in your own dashboards'));
    expect(/```ts\n([\s\S]*?)```/.exec(section)?.[1], 'pack.test.ts finds this block').toBe(b.body);
    expect(read('test/package/pack.test.ts')).toContain("readme.indexOf('## Using the library in your own dashboards')");
  },
};

const ciWorkflow: Checker = {
  name: 'the GitHub Actions lines: valid YAML, and the linter exits as the workflow expects on this repository',
  claims: (b) => b.file === 'README.md' && b.lang === 'yaml' && b.heading === 'The linter in CI',
  check: async (b) => {
    const doc = parseYaml(b.body) as unknown;
    const steps = Array.isArray(doc) ? doc : (doc as { jobs: { lint: { steps: unknown[] } } }).jobs.lint.steps;
    const runs = (steps as { run?: string }[]).map((s) => s.run).filter((r): r is string => r?.includes('lint:dashboards') === true);
    expect(runs.length, `${b.file}:${b.line}`).toBeGreaterThan(0);
    for (const run of runs) {
      const r = await lintWith(run);
      expect(r.code, `${run}\n${r.stderr}`).toBe(0);
      if (run.includes('sarif')) expect((JSON.parse(r.stdout) as { version: string }).version).toBe('2.1.0');
    }
  },
};

const tree: Checker = {
  name: 'the source tree: every file and folder it names exists',
  claims: (b) => b.file === 'CONTRIBUTING.md' && b.heading === 'Where things live',
  check: (b) => {
    let parent = '';
    const missing: string[] = [];
    for (const line of b.body.split('\n')) {
      const m = /^( *)(\S+)/.exec(line);
      if (!m || (m[1] ?? '').length > 8) continue; // deeper lines continue a description
      const name = (m[2] ?? '').replace(/,$/, '');
      const full = (m[1] ?? '').length === 0 ? name : `${parent}${name}`;
      if ((m[1] ?? '').length === 0) parent = name;
      if (!existsSync(path.join(REPO, full))) missing.push(full);
    }
    expect(missing).toEqual([]);
  },
};

/** The specific checkers; `shell` is the generic one and goes last. */
export const README_CHECKERS: readonly Checker[] = [firstScreen, libraryExample, ciWorkflow, tree];
