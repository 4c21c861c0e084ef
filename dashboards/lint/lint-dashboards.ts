/**
 * Linting files on disk: expands paths, directories and globs, reads each file boundedly (regular files
 * only, size from stat before reading), lints them file by file with the cross-file facts of all of
 * them (uids, titles), and with `fix` repairs the mechanical problems of each file while it is loaded,
 * writes it atomically and lints again so the result shows what is left.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultLintConfig, type LintConfig } from './config.js';
import { lintEach, lintSources, type LintResult, type LintSource } from './engine.js';
import { fixDashboard, fixedBytes, writeFileAtomically } from './fix.js';
import { expandInputs } from './input/expand-inputs.js';
import { NOT_A_DASHBOARD, type LoadedDashboard, type LoadResult } from './input/load-dashboard.js';
import { readInputFile } from './input/read-file.js';
import type { Finding } from './types.js';

/** Options of `lintDashboards`. */
export interface LintDashboardsOptions {
  readonly config?: LintConfig;
  /** Directory relative inputs are resolved against (default: the process's). */
  readonly cwd?: string;
  /** Apply the fixes of mechanical rules and write the files. */
  readonly fix?: boolean;
  /** Findings one rule may give in one file; the rest become one summary finding (default 50). */
  readonly maxFindingsPerRule?: number;
  /** Files above this size in bytes are reported, not read (default 20 MB). */
  readonly maxFileBytes?: number;
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

/**
 * Lints dashboard files, one at a time (memory stays flat in the number of files).
 * @param inputs - file paths, directories (searched recursively for *.json) and globs
 */
export async function lintDashboards(inputs: readonly string[], options: LintDashboardsOptions = {}): Promise<LintDashboardsResult> {
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? defaultLintConfig();
  const expanded = expandInputs(inputs, cwd);
  const read = (file: string) => readInputFile(file, cwd, options.maxFileBytes);
  const common = { config, maxFindingsPerRule: options.maxFindingsPerRule, maxFileBytes: options.maxFileBytes };
  // JSON a directory walk or glob found that is no dashboard (e.g. a settings file) is skipped, not linted.
  const skip = (source: LintSource, load: LoadResult) => expanded.discovered.has(source.file) && !load.ok && load.message === NOT_A_DASHBOARD;
  const fixed: { file: string; rules: string[] }[] = [];
  const fixRejected: { file: string; reason: string }[] = [];
  const onLoaded = (loaded: LoadedDashboard, findings: readonly Finding[]) => {
    const outcome = fixDashboard(loaded, findings, config);
    if (outcome.status === 'fixed') {
      // The loader decoded the text without its BOM; the fixed file keeps the original's.
      const target = path.resolve(cwd, loaded.file);
      writeFileAtomically(target, fixedBytes(outcome.text, readFileSync(target).subarray(0, 3)));
      fixed.push({ file: loaded.file, rules: outcome.rules });
    } else if (outcome.status === 'rejected') fixRejected.push({ file: loaded.file, reason: outcome.reason });
  };
  const first = lintEach(expanded.files, read, { ...common, skip, ...(options.fix ? { onLoaded } : {}) });
  const { skipped } = first;
  let result: LintResult = first;
  if (fixed.length > 0) {
    // Lint again so the result shows what is left (the fixes may change cross-file facts too).
    const left = new Set(skipped);
    result = lintEach(expanded.files.filter((f) => !left.has(f)), read, common);
  }
  const { skipped: _, ...rest } = result as LintResult & { skipped?: string[] };
  return { ...rest, missing: expanded.missing, skipped, fixed, fixRejected };
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
