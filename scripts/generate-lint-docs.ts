/**
 * Writes the linter's rules table (Markdown) into docs/linter.md between its `lint-rules` markers, from the
 * rule definitions, so the documentation can never disagree with the code: `npm run generate:lint-docs`;
 * `--check` writes nothing and exits 1 when docs/linter.md is out of date (CI runs it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleAnchor } from '../dashboards/lint/formats/sarif.js';
import { RULES } from '../dashboards/lint/rules/index.js';
import type { RuleCategory } from '../dashboards/lint/types.js';
import { processIO, runIfMain, type CliIO } from './lib/cli-kit.js';
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
/** The file that carries the table, relative to the repository root. */
export const RULES_DOC = 'docs/linter.md';
const TARGET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', RULES_DOC);

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rules table as Markdown; each row carries the anchor `#rule-<id>` that SARIF's helpUri links to. */
export function rulesTable(): string {
  const lines = ['| Rule | Category | Severity | What it checks | Why | `--fix` |', '|---|---|---|---|---|---|'];
  for (const rule of RULES) {
    lines.push(
      `| <a id="${ruleAnchor(rule.id)}"></a>\`${rule.id}\` | ${CATEGORY_TITLES[rule.category]} | ${rule.severity} | ${cell(rule.notOnV2 === undefined ? rule.description : `${rule.description} *Not run on Grafana v2 dashboards:* ${rule.notOnV2}`)} | ${cell(rule.why)} | ${rule.fixable ? 'yes' : '–'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `doc` with the table between its markers replaced by the generated one. */
export function withRulesTable(doc: string, source = RULES_DOC): string {
  const start = START.exec(doc);
  const end = END.exec(doc);
  if (!start || !end || end.index < start.index) {
    throw new Error(`${source}: the markers <!-- lint-rules:start ... --> and <!-- lint-rules:end --> are missing or out of order; put them around the rules table`);
  }
  const from = start.index + start[0].length;
  return `${doc.slice(0, from)}\n${rulesTable()}${doc.slice(end.index)}`;
}

/** The command: writes docs/linter.md (or with `--check` compares); returns the exit code. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    io.stderr(`generate:lint-docs: unknown argument ${unknown[0]}\nUsage: npm run generate:lint-docs [-- --check]\n`);
    return 2;
  }
  let current: string;
  let next: string;
  try {
    current = readFileSync(TARGET, 'utf8');
    next = withRulesTable(current);
  } catch (e) {
    io.stderr(`generate:lint-docs: ${(e as Error).message}\n`);
    return 2;
  }
  if (argv.includes('--check')) {
    if (next === current) return 0;
    io.stderr(`generate:lint-docs --check: the rules table in ${RULES_DOC} differs from the rule definitions.\nFix: run \`npm run generate:lint-docs\` and commit the result.\n`);
    return 1;
  }
  if (next !== current) writeFileAtomic(TARGET, next);
  io.stdout(next === current ? `${RULES_DOC}: the rules table is up to date.\n` : `${RULES_DOC}: rules table written (${RULES.length} rules).\n`);
  return 0;
}

runIfMain(import.meta.url, 'generate:lint-docs', (argv, io) => run(argv, io));
