/**
 * `--fix`: applies the fixes of the mechanical rules to a dashboard, keeps the file's indentation, and
 * writes it atomically (temp file + rename in the same directory) only when the result is still a
 * dashboard that validates at least as well as before.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateDashboard } from '../schema/validate.js';
import { settingsFromConfig, type LintConfig } from './config.js';
import type { LoadedDashboard } from './input/load-dashboard.js';
import { RULES_BY_ID } from './rules/index.js';
import type { Finding, JsonObject } from './types.js';

/** What fixing one file did. */
export type FixOutcome =
  | { readonly status: 'fixed'; readonly text: string; readonly rules: string[] }
  | { readonly status: 'unchanged' }
  | { readonly status: 'rejected'; readonly reason: string };

/** The indentation of a JSON text: a tab, or the width of the first indented line (2 by default). */
function indentationOf(text: string): string | number {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match?.[1]) return 2;
  return match[1].startsWith('\t') ? '\t' : match[1].length;
}

/**
 * Computes the fixed text of one file from its findings (only the rules that reported something, and
 * only fixable ones). Does not write.
 */
export function fixDashboard(loaded: LoadedDashboard, findings: readonly Finding[], config: LintConfig): FixOutcome {
  if (loaded.format !== 'json') return { status: 'unchanged' };
  const ruleIds = [...new Set(findings.filter((f) => f.fixable && f.file === loaded.file).map((f) => f.ruleId))];
  if (ruleIds.length === 0) return { status: 'unchanged' };
  const root = structuredClone(loaded.root);
  const body = (loaded.bodyPointer === '' ? root : root[loaded.bodyPointer.slice(1)]) as JsonObject;
  const settings = settingsFromConfig(config);
  const applied: string[] = [];
  for (const id of ruleIds) {
    const rule = RULES_BY_ID.get(id);
    try {
      if (rule?.fix?.({ body, settings })) applied.push(id);
    } catch (error) {
      // A fix that cannot handle this dashboard must not leave a half-fixed file behind.
      return { status: 'rejected', reason: `the fix of ${id} failed (${error instanceof Error ? error.message : String(error)}); nothing was written` };
    }
  }
  if (applied.length === 0) return { status: 'unchanged' };
  // A fix must never make the dashboard less valid than it was.
  const before = validateDashboard(loaded.body).length;
  const after = validateDashboard(JSON.parse(JSON.stringify(body)) as unknown).length;
  if (after > before) {
    return { status: 'rejected', reason: `the fixed dashboard has ${after} schema problems instead of ${before}; nothing was written` };
  }
  const trailingNewline = loaded.text.endsWith('\n') ? '\n' : '';
  return { status: 'fixed', text: JSON.stringify(root, null, indentationOf(loaded.text)) + trailingNewline, rules: applied };
}

/** Writes `text` to `file` atomically: a temp file in the same directory, then a rename over the original. */
export function writeFileAtomically(file: string, text: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(temp, text, mode === undefined ? {} : { mode });
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temp file was never created.
    }
    throw error;
  }
}
