/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding. Errors
 * come first, then warnings, then notes: GitHub shows only the first ten annotations of each kind per step
 * on the pull request, and the errors are what fails the run.
 */
import type { LintResult } from '../engine.js';
import { SEVERITIES, type Finding } from '../types.js';

/** Escapes a workflow command message. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property (also `:` and `,`). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

function annotation(f: Finding): string {
  const properties = [`file=${escapeProperty(f.file)}`];
  if (f.line !== undefined) properties.push(`line=${f.line}`, `col=${f.column ?? 1}`);
  properties.push(`title=${escapeProperty(`${f.ruleId}${f.panelTitle ? ` (${f.panelTitle})` : ''}`)}`);
  const context = [f.panelId !== undefined ? `panel ${f.panelId}` : '', f.refId ? `refId ${f.refId}` : '', f.pointer].filter(Boolean).join(', ');
  return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(`${f.message}\n[${context}] fix: ${f.fix}`)}`;
}

/** Renders findings as GitHub annotations (they appear on the pull request's changed files). */
export function formatGithub(result: LintResult): string {
  // A stable sort: within one severity the findings keep their order (by file and position).
  const ordered = [...result.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const lines = ordered.map(annotation);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
