/**
 * Prints the linter's rules table (Markdown) from the rule definitions, for the README:
 * `npx tsx scripts/generate-lint-docs.ts`. The table is generated so it can never disagree with the code.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../dashboards/lint/rules/index.js';
import type { RuleCategory } from '../dashboards/lint/types.js';

const CATEGORY_TITLES: Readonly<Record<RuleCategory, string>> = {
  input: 'Input',
  structure: 'Structure',
  variables: 'Variables and datasources',
  promql: 'PromQL',
  'claude-code': 'Claude Code',
};

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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(rulesTable());
}
