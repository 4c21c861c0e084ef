/**
 * Writes the linter's rules table (Markdown) into the README between its `lint-rules` markers, from the
 * rule definitions, so the documentation can never disagree with the code: `npm run generate:lint-docs`;
 * `--check` writes nothing and exits 1 when the README is out of date (CI runs it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../dashboards/lint/rules/index.js';
import type { RuleCategory } from '../dashboards/lint/types.js';
import { writeFileAtomic } from './lib/write-atomic.js';

const CATEGORY_TITLES: Readonly<Record<RuleCategory, string>> = {
  input: 'Input',
  structure: 'Structure',
  variables: 'Variables and datasources',
  promql: 'PromQL',
  'claude-code': 'Claude Code',
};

const START = /^<!-- lint-rules:start[^\n]*-->$/m;
const END = /^<!-- lint-rules:end -->$/m;
const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rules table as Markdown. */
export function rulesTable(): string {
  const lines = ['| Rule | Category | Severity | What it checks | Why | `--fix` |', '|---|---|---|---|---|---|'];
  for (const rule of RULES) {
    lines.push(
      `| \`${rule.id}\` | ${CATEGORY_TITLES[rule.category]} | ${rule.severity} | ${cell(rule.description)} | ${cell(rule.why)} | ${rule.fixable ? 'yes' : '–'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `readme` with the table between its markers replaced by the generated one. */
export function withRulesTable(readme: string, source = 'README.md'): string {
  const start = START.exec(readme);
  const end = END.exec(readme);
  if (!start || !end || end.index < start.index) {
    throw new Error(`${source}: the markers <!-- lint-rules:start ... --> and <!-- lint-rules:end --> are missing or out of order; put them around the rules table`);
  }
  const from = start.index + start[0].length;
  return `${readme.slice(0, from)}\n${rulesTable()}${readme.slice(end.index)}`;
}

/** The command: writes the README (or with `--check` compares); returns the exit code. */
export async function run(argv: readonly string[], io = { stdout: (t: string) => void process.stdout.write(t), stderr: (t: string) => void process.stderr.write(t) }): Promise<number> {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    io.stderr(`generate:lint-docs: unknown argument ${unknown[0]}\nUsage: npm run generate:lint-docs [-- --check]\n`);
    return 2;
  }
  let current: string;
  let next: string;
  try {
    current = readFileSync(README, 'utf8');
    next = withRulesTable(current);
  } catch (e) {
    io.stderr(`generate:lint-docs: ${(e as Error).message}\n`);
    return 2;
  }
  if (argv.includes('--check')) {
    if (next === current) return 0;
    io.stderr('generate:lint-docs --check: the rules table in README.md differs from the rule definitions.\nFix: run `npm run generate:lint-docs` and commit the result.\n');
    return 1;
  }
  if (next !== current) writeFileAtomic(README, next);
  io.stdout(next === current ? 'README.md: the rules table is up to date.\n' : `README.md: rules table written (${RULES.length} rules).\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void run(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
