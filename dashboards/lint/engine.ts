/**
 * The lint engine: lints inputs one file at a time in two passes, so memory stays flat in the number of
 * files. The first pass keeps only the small cross-file keys (uid, folder and title) of each dashboard;
 * the second loads each file again, runs the enabled rules on it with those facts, keeps its findings
 * and drops the parsed dashboard. Findings carry file, JSON Pointer, line, dashboard uid, panel id and
 * title, and refId, after the config's severities and exclusions. Never throws on input: a bad file
 * becomes a finding for that file, and a rule that fails becomes a finding too.
 */
import { defaultLintConfig, effectiveSeverity, settingsFromConfig, type LintConfig } from './config.js';
import { loadDashboard, type LoadedDashboard, type LoadResult } from './input/load-dashboard.js';
import { DEFAULT_MAX_FINDINGS_PER_RULE, lintLoaded, matchesExclusion, type FileLintContext } from './lint-file.js';
import { asString } from './model/json.js';
import { titleKey } from './rules/structure/dashboard-title.js';
import { RULES, RULES_BY_ID } from './rules/index.js';
import type { Corpus, Finding, Rule, Severity } from './types.js';

/** One input in memory. */
export interface LintSource {
  /** The name used in findings (usually the path as given). */
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Set when the file could not be read (the error code, e.g. `EACCES`); `bytes` is then ignored. */
  readonly readError?: string;
  /** Set when the file was deliberately not read (not a regular file, too large): what and how to fix it. */
  readonly readProblem?: { readonly message: string; readonly fix: string };
}

/** The outcome for one file. */
export interface FileResult {
  readonly file: string;
  readonly findings: Finding[];
  /** The dashboard's uid, when the file could be loaded. */
  readonly uid?: string;
  /** The parsed dashboard: only with `keepLoaded` (the in-memory API's default), never for files on disk. */
  readonly loaded?: LoadedDashboard;
}

/** The outcome of a run. */
export interface LintResult {
  readonly files: FileResult[];
  /** Every finding of every file, in file order. */
  readonly findings: Finding[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  /** Findings dropped by config exclusions. */
  readonly excludedCount: number;
}

/** Options of an in-memory run. */
export interface LintSourcesOptions {
  readonly config?: LintConfig;
  /** Findings one rule may give in one file; the rest become one summary finding (default 50). */
  readonly maxFindingsPerRule?: number;
  /** Keep each file's parsed dashboard in its result (default true here; e.g. for `fixDashboard`). */
  readonly keepLoaded?: boolean;
  /** The size limit of one input in bytes (default 20 MB). */
  readonly maxFileBytes?: number;
}

/** Options of the file-by-file run behind both APIs. */
export interface LintEachOptions extends LintSourcesOptions {
  /** Files to leave out after the first pass (e.g. JSON that is no dashboard, found by a directory walk). */
  readonly skip?: (source: LintSource, load: LoadResult) => boolean;
  /** Called with each loaded dashboard and its findings while the dashboard is still in memory (`--fix`). */
  readonly onLoaded?: (loaded: LoadedDashboard, findings: readonly Finding[]) => void;
}

/** The outcome of a file-by-file run. */
export interface LintEachResult extends LintResult {
  /** Files the `skip` option left out. */
  readonly skipped: string[];
}

/** The enabled rules and their severities under a config. */
function enabledRules(config: LintConfig): { rule: Rule; severity: Severity }[] {
  return RULES.flatMap((rule) => {
    const severity = effectiveSeverity(config, rule.id, rule.severity);
    return severity === 'off' ? [] : [{ rule, severity }];
  });
}

function load(source: LintSource, maxFileBytes: number | undefined): LoadResult {
  const unreadable = (message: string, fix: string): LoadResult => ({ ok: false, file: source.file, ruleId: 'input-readable', pointer: '', message, fix });
  if (source.readProblem) return unreadable(source.readProblem.message, source.readProblem.fix);
  if (source.readError !== undefined) return unreadable(`The file cannot be read (${source.readError}).`, 'Check that the file exists and is readable.');
  return loadDashboard(source.file, source.bytes, maxFileBytes);
}

/** The cross-file facts, built from each file's keys only. */
class CorpusBuilder implements Corpus {
  readonly uids = new Map<string, string[]>();
  readonly titles = new Map<string, string[]>();
  add(loaded: LoadedDashboard): void {
    if (loaded.uid) push(this.uids, loaded.uid, loaded.file);
    const title = asString(loaded.body.title);
    if (title) push(this.titles, titleKey(loaded.file, title), loaded.file);
  }
}

function push(map: Map<string, string[]>, key: string, file: string): void {
  const files = map.get(key);
  if (files) files.push(file);
  else map.set(key, [file]);
}

function problemFinding(result: Exclude<LoadResult, LoadedDashboard>, severity: Severity): Finding {
  const rule = RULES_BY_ID.get(result.ruleId) as Rule;
  return { ruleId: rule.id, severity, category: rule.category, file: result.file, pointer: result.pointer, message: result.message, fix: result.fix, fixable: false };
}

/** Orders findings by position in the file, then rule. */
function byPosition(a: Finding, b: Finding): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.pointer.localeCompare(b.pointer) || a.ruleId.localeCompare(b.ruleId);
}

function problemFindings(result: Exclude<LoadResult, LoadedDashboard>, config: LintConfig): { findings: Finding[]; excluded: number } {
  const severity = effectiveSeverity(config, result.ruleId, (RULES_BY_ID.get(result.ruleId) as Rule).severity);
  if (severity === 'off') return { findings: [], excluded: 0 };
  const finding = problemFinding(result, severity);
  return config.exclude.some((e) => matchesExclusion(finding, e)) ? { findings: [], excluded: 1 } : { findings: [finding], excluded: 0 };
}

/**
 * Lints inputs file by file: `read` is called twice per input (once for the cross-file keys, once to
 * lint), and nothing of a file but its keys and findings outlives its turn (unless `keepLoaded`).
 * @param inputs - what to lint, in order (file names, or whatever `read` understands)
 * @param read - turns an input into its bytes (called lazily, one input at a time)
 */
export function lintEach<T>(inputs: readonly T[], read: (input: T) => LintSource, options: LintEachOptions = {}): LintEachResult {
  const config = options.config ?? defaultLintConfig();
  const corpus = new CorpusBuilder();
  const skipped = new Set<T>();
  const skippedFiles: string[] = [];
  for (const input of inputs) {
    const source = read(input);
    const loaded = load(source, options.maxFileBytes);
    if (options.skip?.(source, loaded)) {
      skipped.add(input);
      skippedFiles.push(source.file);
    } else if (loaded.ok) corpus.add(loaded);
  }
  const ctx: FileLintContext = {
    rules: enabledRules(config),
    settings: settingsFromConfig(config),
    corpus,
    exclude: config.exclude,
    maxFindingsPerRule: Math.max(1, options.maxFindingsPerRule ?? DEFAULT_MAX_FINDINGS_PER_RULE),
  };
  let excludedCount = 0;
  const files: FileResult[] = [];
  for (const input of inputs) {
    if (skipped.has(input)) continue;
    const loaded = load(read(input), options.maxFileBytes);
    const outcome = loaded.ok ? lintLoaded(loaded, ctx) : problemFindings(loaded, config);
    excludedCount += outcome.excluded;
    outcome.findings.sort(byPosition);
    if (loaded.ok) options.onLoaded?.(loaded, outcome.findings);
    const kept = loaded.ok && options.keepLoaded === true ? { loaded } : {};
    files.push({ file: loaded.file, findings: outcome.findings, ...(loaded.ok && loaded.uid !== undefined ? { uid: loaded.uid } : {}), ...kept });
  }
  return { ...summarise(files, excludedCount), skipped: skippedFiles };
}

function summarise(files: FileResult[], excludedCount: number): LintResult {
  const findings = files.flatMap((f) => f.findings);
  const count = (severity: Severity) => findings.reduce((n, f) => (f.severity === severity ? n + 1 : n), 0);
  return { files, findings, errorCount: count('error'), warningCount: count('warning'), infoCount: count('info'), excludedCount };
}

/**
 * Lints dashboards held in memory.
 * @param sources - file names and contents
 * @param options - the lint config (defaults apply when absent), the per-rule cap, whether to keep the parsed dashboards
 */
export function lintSources(sources: readonly LintSource[], options: LintSourcesOptions = {}): LintResult {
  const { skipped: _, ...result } = lintEach(sources, (s) => s, { ...options, keepLoaded: options.keepLoaded ?? true });
  return result;
}
