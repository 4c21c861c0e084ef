/**
 * The lint engine: loads every input, builds the cross-file facts (uids, titles), runs the enabled rules
 * on each dashboard, and turns their reports into findings with file, JSON Pointer, line, dashboard uid,
 * panel id and title, and refId, after the config's severities and exclusions. Never throws on input: a
 * bad file becomes a finding for that file, and a rule that fails becomes a finding too.
 */
import { defaultLintConfig, effectiveSeverity, settingsFromConfig, type Exclusion, type LintConfig } from './config.js';
import { locateJsonValues } from './input/json-locations.js';
import { locateYamlValues } from './input/yaml-locations.js';
import { loadDashboard, type LoadedDashboard, type LoadResult } from './input/load-dashboard.js';
import { DashboardModel } from './model/dashboard-model.js';
import { asString, tokens } from './model/json.js';
import { titleKey } from './rules/structure/dashboard-title.js';
import { RULES, RULES_BY_ID } from './rules/index.js';
import type { LintSettings } from './settings.js';
import type { Corpus, Finding, Report, Rule, Severity } from './types.js';

/** One input in memory. */
export interface LintSource {
  /** The name used in findings (usually the path as given). */
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Set when the file could not be read (the error code, e.g. `EACCES`); `bytes` is then ignored. */
  readonly readError?: string;
}

/** The outcome for one file. */
export interface FileResult {
  readonly file: string;
  readonly findings: Finding[];
  /** The parsed dashboard, when the file could be loaded. */
  readonly loaded: LoadedDashboard | undefined;
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
}

/** Where in a dashboard a pointer is: the panel and the target it falls in. */
function locate(model: DashboardModel, pointer: string): Pick<Finding, 'panelId' | 'panelTitle' | 'refId'> {
  let best: (typeof model.panels)[number] | undefined;
  for (const entry of model.panels) {
    if ((pointer === entry.pointer || pointer.startsWith(`${entry.pointer}/`)) && (!best || entry.pointer.length > best.pointer.length)) best = entry;
  }
  if (!best) return {};
  const id = best.panel.id;
  const out: { panelId?: number; panelTitle?: string; refId?: string } = {
    panelId: typeof id === 'number' ? id : undefined,
    panelTitle: asString(best.panel.title),
  };
  const rest = tokens(pointer.slice(best.pointer.length));
  if (rest[0] === 'targets' && rest[1] !== undefined) {
    const target = model.targets.find((t) => t.panel === best && t.index === Number(rest[1]));
    out.refId = target?.refId;
  }
  return out;
}

function matchesExclusion(finding: Finding, exclusion: Exclusion): boolean {
  if (exclusion.rule !== '*' && exclusion.rule !== finding.ruleId) return false;
  if (exclusion.dashboard !== undefined && exclusion.dashboard !== finding.dashboardUid) return false;
  if (typeof exclusion.panel === 'number' && exclusion.panel !== finding.panelId) return false;
  if (typeof exclusion.panel === 'string' && exclusion.panel !== finding.panelTitle) return false;
  if (exclusion.refId !== undefined && exclusion.refId !== finding.refId) return false;
  return true;
}

/** The enabled rules and their severities under a config. */
function enabledRules(config: LintConfig): { rule: Rule; severity: Severity }[] {
  return RULES.flatMap((rule) => {
    const severity = effectiveSeverity(config, rule.id, rule.severity);
    return severity === 'off' ? [] : [{ rule, severity }];
  });
}

function buildCorpus(loaded: readonly LoadedDashboard[]): Corpus {
  const uids = new Map<string, string[]>();
  const titles = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, file: string) => {
    const files = map.get(key);
    if (files) files.push(file);
    else map.set(key, [file]);
  };
  for (const d of loaded) {
    if (d.uid) add(uids, d.uid, d.file);
    const title = asString(d.body.title);
    if (title) add(titles, titleKey(d.file, title), d.file);
  }
  return { uids, titles };
}

/** Runs the rules on one loaded dashboard. */
function lintLoaded(loaded: LoadedDashboard, rules: { rule: Rule; severity: Severity }[], settings: LintSettings, corpus: Corpus): Finding[] {
  const model = new DashboardModel(loaded.file, loaded.body, loaded.uid, loaded.manifestName);
  const position = lazyLocator(loaded.text, loaded.format);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { rule, severity } of rules) {
    const report = (r: Report) => {
      const pointer = r.inFile ? r.pointer : loaded.bodyPointer + r.pointer;
      const key = `${rule.id}\0${pointer}\0${r.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      const where = position(pointer);
      findings.push({
        ruleId: rule.id,
        severity,
        category: rule.category,
        file: loaded.file,
        pointer,
        line: where?.line,
        column: where?.column,
        dashboardUid: model.uid,
        dashboardTitle: model.title,
        ...(r.inFile ? {} : locate(model, r.pointer)),
        message: r.message,
        fix: r.fix ?? rule.advice,
        fixable: rule.fixable,
      });
    };
    try {
      rule.check({ dashboard: model, settings, corpus, report });
    } catch (error) {
      // A rule must never take the run down; say which rule failed so it can be fixed.
      report({
        pointer: '',
        message: `The rule failed on this dashboard (${error instanceof Error ? error.message : String(error)}); its checks were skipped.`,
        fix: 'Please report this as a linter bug, with the dashboard if you can share it.',
      });
    }
  }
  return findings;
}

function lazyLocator(text: string, format: 'json' | 'yaml'): (pointer: string) => { line: number; column: number } | undefined {
  let locator: ReturnType<typeof locateJsonValues> | undefined;
  return (pointer) => {
    locator ??= format === 'json' ? locateJsonValues(text) : locateYamlValues(text);
    return locator(pointer);
  };
}

function problemFinding(result: Exclude<LoadResult, LoadedDashboard>, severity: Severity): Finding {
  const rule = RULES_BY_ID.get(result.ruleId) as Rule;
  return {
    ruleId: rule.id,
    severity,
    category: rule.category,
    file: result.file,
    pointer: result.pointer,
    message: result.message,
    fix: result.fix,
    fixable: false,
  };
}

/** Orders findings by position in the file, then rule. */
function byPosition(a: Finding, b: Finding): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.pointer.localeCompare(b.pointer) || a.ruleId.localeCompare(b.ruleId);
}

/**
 * Lints dashboards held in memory.
 * @param sources - file names and contents
 * @param options - the lint config (defaults apply when absent)
 */
export function lintSources(sources: readonly LintSource[], options: LintSourcesOptions = {}): LintResult {
  const config = options.config ?? defaultLintConfig();
  const settings = settingsFromConfig(config);
  const rules = enabledRules(config);
  const loads = sources.map((s): LoadResult =>
    s.readError === undefined
      ? loadDashboard(s.file, s.bytes)
      : { ok: false, file: s.file, ruleId: 'input-readable', pointer: '', message: `The file cannot be read (${s.readError}).`, fix: 'Check that the file exists and is readable.' },
  );
  const loaded = loads.filter((l): l is LoadedDashboard => l.ok);
  const corpus = buildCorpus(loaded);
  let excludedCount = 0;
  const files = loads.map((load): FileResult => {
    let findings: Finding[];
    if (load.ok) findings = lintLoaded(load, rules, settings, corpus);
    else {
      const severity = effectiveSeverity(config, load.ruleId, (RULES_BY_ID.get(load.ruleId) as Rule).severity);
      findings = severity === 'off' ? [] : [problemFinding(load, severity)];
    }
    const kept = findings.filter((f) => !config.exclude.some((e) => matchesExclusion(f, e)));
    excludedCount += findings.length - kept.length;
    kept.sort(byPosition);
    return { file: load.file, findings: kept, loaded: load.ok ? load : undefined };
  });
  const findings = files.flatMap((f) => f.findings);
  return {
    files,
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    infoCount: findings.filter((f) => f.severity === 'info').length,
    excludedCount,
  };
}
