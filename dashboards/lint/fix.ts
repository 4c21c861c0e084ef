/**
 * `--fix`: applies the fixes of the mechanical rules to a dashboard as minimal text edits (the rest of the
 * file keeps its bytes: formatting, line endings, byte order mark, escapes, number spellings), and
 * writes it atomically through symbolic links (temp file + rename beside the target) only when the
 * result is still a dashboard that validates at least as well as before.
 */
import { randomBytes } from 'node:crypto';
import { realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateDashboard } from '../schema/validate.js';
import { applyJsonEdits, SourceCopy, type JsonEdit } from './edit/apply-edits.js';
import { settingsFromConfig, type LintConfig } from './config.js';
import type { LoadedDashboard } from './input/load-dashboard.js';
import { RULES_BY_ID } from './rules/index.js';
import type { Finding, JsonObject } from './types.js';

/** What fixing one file did. */
export type FixOutcome =
  | { readonly status: 'fixed'; readonly text: string; readonly rules: string[] }
  | { readonly status: 'unchanged' }
  | { readonly status: 'rejected'; readonly reason: string };

/** The edits of one rule with their pointers made relative to the file (a manifest's body is under `/spec`). */
function inFile(edits: readonly JsonEdit[], bodyPointer: string): JsonEdit[] {
  if (bodyPointer === '') return [...edits];
  const value = (v: unknown) => (v instanceof SourceCopy ? new SourceCopy(bodyPointer + v.pointer) : v);
  return edits.map((e) =>
    e.op === 'remove'
      ? { ...e, pointer: bodyPointer + e.pointer }
      : e.op === 'set'
        ? { ...e, pointer: bodyPointer + e.pointer, value: value(e.value) }
        : { ...e, pointer: bodyPointer + e.pointer, values: e.values.map(value) },
  );
}

const bodyOf = (root: JsonObject, bodyPointer: string): JsonObject => (bodyPointer === '' ? root : root[bodyPointer.slice(1)]) as JsonObject;

/**
 * Computes the fixed text of one file from its findings (only the rules that reported something, and
 * only fixable ones). Each rule's fix runs on the dashboard as the previous fixes left it and returns
 * edits; they become minimal text edits, so everything else in the file stays byte for byte (formatting,
 * line endings, escapes, number spellings). Does not write.
 */
export function fixDashboard(loaded: LoadedDashboard, findings: readonly Finding[], config: LintConfig): FixOutcome {
  // The rules' fixes edit the classic model; a v2 dashboard's view is not its text, so it is never edited.
  if (loaded.format !== 'json' || loaded.v2) return { status: 'unchanged' };
  const ruleIds = [...new Set(findings.filter((f) => f.fixable && f.file === loaded.file).map((f) => f.ruleId))];
  if (ruleIds.length === 0) return { status: 'unchanged' };
  const settings = settingsFromConfig(config);
  const applied: string[] = [];
  let text = loaded.text;
  let root = loaded.root;
  for (const id of ruleIds) {
    const rule = RULES_BY_ID.get(id);
    try {
      const edits = rule?.fix?.({ body: structuredClone(bodyOf(root, loaded.bodyPointer)), settings }) ?? [];
      if (edits.length === 0) continue;
      text = applyJsonEdits(text, inFile(edits, loaded.bodyPointer));
      root = JSON.parse(text) as JsonObject;
      applied.push(id);
    } catch (error) {
      // A fix that cannot handle this dashboard must not leave a half-fixed file behind.
      return { status: 'rejected', reason: `the fix of ${id} failed (${error instanceof Error ? error.message : String(error)}); nothing was written` };
    }
  }
  if (applied.length === 0) return { status: 'unchanged' };
  // A fix must never make the dashboard less valid than it was.
  const before = validateDashboard(loaded.body).length;
  const after = validateDashboard(bodyOf(root, loaded.bodyPointer)).length;
  if (after > before) {
    return { status: 'rejected', reason: `the fixed dashboard has ${after} schema problems instead of ${before}; nothing was written` };
  }
  return { status: 'fixed', text, rules: applied };
}

const BOM = [0xef, 0xbb, 0xbf];

/** `text` as the bytes to write in place of `original`: with the byte order mark back when the file had one. */
export function fixedBytes(text: string, original: Uint8Array): string {
  return BOM.every((b, i) => original[i] === b) ? `\uFEFF${text}` : text;
}

/**
 * Writes `text` to `file` atomically: a temp file in the same directory, then a rename over the original.
 * A symbolic link stays a link: the write goes to the file it points at (temp file beside the target).
 */
export function writeFileAtomically(link: string, text: string): void {
  let file = link;
  try {
    file = realpathSync(link);
  } catch {
    // Not there yet: write a new file at the given path.
  }
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
