/**
 * Linting files on disk: expands paths, directories and globs, reads the files, lints them together
 * (uids are compared across all of them), and with `fix` repairs the mechanical problems, writes the
 * files atomically and lints again so the result shows what is left.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultLintConfig, type LintConfig } from './config.js';
import { lintSources, type LintResult, type LintSource } from './engine.js';
import { fixDashboard, fixedBytes, writeFileAtomically } from './fix.js';
import { expandInputs } from './input/expand-inputs.js';
import { loadDashboard, NOT_A_DASHBOARD } from './input/load-dashboard.js';

/** Options of `lintDashboards`. */
export interface LintDashboardsOptions {
  readonly config?: LintConfig;
  /** Directory relative inputs are resolved against (default: the process's). */
  readonly cwd?: string;
  /** Apply the fixes of mechanical rules and write the files. */
  readonly fix?: boolean;
}

/** The outcome of linting files. */
export interface LintDashboardsResult extends LintResult {
  /** Inputs that matched nothing. */
  readonly missing: string[];
  /** JSON files a directory walk or glob found that are not dashboards (e.g. a settings file): not linted. */
  readonly skipped: string[];
  /** Files rewritten by `fix`, with the rules whose fixes were applied. */
  readonly fixed: { file: string; rules: string[] }[];
  /** Files `fix` would have changed but did not write, and why. */
  readonly fixRejected: { file: string; reason: string }[];
}

function readSources(files: readonly string[], cwd: string): LintSource[] {
  return files.map((file) => {
    try {
      return { file, bytes: readFileSync(path.resolve(cwd, file)) };
    } catch (error) {
      // Unreadable (permissions, a directory, vanished): reported as a finding for this file.
      return { file, bytes: new Uint8Array(), readError: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
  });
}

/**
 * Lints dashboard files.
 * @param inputs - file paths, directories (searched recursively for *.json) and globs
 */
export async function lintDashboards(inputs: readonly string[], options: LintDashboardsOptions = {}): Promise<LintDashboardsResult> {
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? defaultLintConfig();
  const expanded = expandInputs(inputs, cwd);
  const { missing } = expanded;
  const read = readSources(expanded.files, cwd);
  const skipped = read.filter((s) => expanded.discovered.has(s.file) && isNotADashboard(s)).map((s) => s.file);
  const files = expanded.files.filter((f) => !skipped.includes(f));
  let sources = read.filter((s) => !skipped.includes(s.file));
  let result = lintSources(sources, { config });
  const fixed: { file: string; rules: string[] }[] = [];
  const fixRejected: { file: string; reason: string }[] = [];
  if (options.fix) {
    for (const file of result.files) {
      if (!file.loaded) continue;
      const outcome = fixDashboard(file.loaded, file.findings, config);
      if (outcome.status === 'fixed') {
        const original = sources.find((s) => s.file === file.file)?.bytes ?? new Uint8Array();
        writeFileAtomically(path.resolve(cwd, file.file), fixedBytes(outcome.text, original));
        fixed.push({ file: file.file, rules: outcome.rules });
      } else if (outcome.status === 'rejected') fixRejected.push({ file: file.file, reason: outcome.reason });
    }
    if (fixed.length > 0) {
      sources = readSources(files, cwd);
      result = lintSources(sources, { config });
    }
  }
  return { ...result, missing, skipped, fixed, fixRejected };
}

/** True for a readable JSON object that is no dashboard. */
function isNotADashboard(source: LintSource): boolean {
  if (source.readError !== undefined) return false;
  const loaded = loadDashboard(source.file, source.bytes);
  return !loaded.ok && loaded.message === NOT_A_DASHBOARD;
}

/** The outcome of linting one text (stdin). */
export interface LintTextResult extends LintDashboardsResult {
  /** With `fix`: the whole fixed file (the input unchanged when there was nothing to fix). */
  readonly fixedText?: string;
}

/**
 * Lints one dashboard given as bytes (an editor's buffer or a pre-commit hook's stdin) under `file`, the
 * name used in findings; with `fix`, returns the fixed text instead of writing anything.
 */
export function lintText(file: string, bytes: Uint8Array, options: Omit<LintDashboardsOptions, 'cwd'> = {}): LintTextResult {
  const config = options.config ?? defaultLintConfig();
  const first = lintSources([{ file, bytes }], { config });
  const empty = { missing: [], skipped: [], fixed: [], fixRejected: [] };
  if (!options.fix) return { ...first, ...empty };
  const original = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const loaded = first.files[0]?.loaded;
  const outcome = loaded ? fixDashboard(loaded, first.files[0]?.findings ?? [], config) : ({ status: 'unchanged' } as const);
  if (outcome.status !== 'fixed') {
    const fixRejected = outcome.status === 'rejected' ? [{ file, reason: outcome.reason }] : [];
    return { ...first, ...empty, fixRejected, fixedText: original };
  }
  const fixedText = fixedBytes(outcome.text, bytes);
  const after = lintSources([{ file, bytes: new TextEncoder().encode(fixedText) }], { config });
  return { ...after, ...empty, fixed: [{ file, rules: outcome.rules }], fixedText };
}
