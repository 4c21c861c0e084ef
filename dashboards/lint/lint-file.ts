/**
 * Runs the enabled rules on one loaded dashboard and turns their reports into findings: rule metadata,
 * line and column, dashboard, panel and refId, the config's exclusions, and a bound on how many findings
 * one rule may give in one file (the rest become one summary finding), so a pathological dashboard
 * (thousands of stacked panels) gives a readable, bounded report. Kept apart from the engine's file loop.
 */
import type { Exclusion } from './config.js';
import { locateJsonValues } from './input/json-locations.js';
import { locateYamlValues } from './input/yaml-locations.js';
import type { LoadedDashboard } from './input/load-dashboard.js';
import { DashboardModel, type PanelEntry, type TargetEntry } from './model/dashboard-model.js';
import { asString, tokens } from './model/json.js';
import type { LintSettings } from './settings.js';
import type { Corpus, Finding, Report, Rule, Severity } from './types.js';

/** Findings one rule may give in one file before the rest are summarised (the default of `maxFindingsPerRule`). */
export const DEFAULT_MAX_FINDINGS_PER_RULE = 50;

/** What linting one file needs besides the dashboard. */
export interface FileLintContext {
  readonly rules: readonly { rule: Rule; severity: Severity }[];
  readonly settings: LintSettings;
  readonly corpus: Corpus;
  readonly exclude: readonly Exclusion[];
  readonly maxFindingsPerRule: number;
}

/** The findings of one file and how many the exclusions dropped. */
export interface FileFindings {
  readonly findings: Finding[];
  readonly excluded: number;
}

type Where = Pick<Finding, 'panelId' | 'panelTitle' | 'refId'>;

/** Finds the panel and target a pointer falls in, by walking the pointer's ancestors (no scan of all panels). */
function panelLocator(model: DashboardModel): (pointer: string) => Where {
  let panels: Map<string, PanelEntry> | undefined;
  let targets: Map<PanelEntry, TargetEntry[]> | undefined;
  return (pointer) => {
    panels ??= new Map(model.panels.map((p) => [p.pointer, p]));
    let best: PanelEntry | undefined;
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      best = panels.get(p);
      if (best || p === '') break;
    }
    if (!best) return {};
    const id = best.panel.id;
    const out: { panelId?: number; panelTitle?: string; refId?: string } = { panelId: typeof id === 'number' ? id : undefined, panelTitle: asString(best.panel.title) };
    const rest = tokens(pointer.slice(best.pointer.length));
    if (rest[0] === 'targets' && rest[1] !== undefined) {
      if (!targets) {
        targets = new Map();
        for (const t of model.targets) targets.set(t.panel, [...(targets.get(t.panel) ?? []), t]);
      }
      out.refId = targets.get(best)?.find((t) => t.index === Number(rest[1]))?.refId;
    }
    return out;
  };
}

function lazyLocator(text: string, format: 'json' | 'yaml'): (pointer: string) => { line: number; column: number } | undefined {
  let locator: ReturnType<typeof locateJsonValues> | undefined;
  return (pointer) => {
    locator ??= format === 'json' ? locateJsonValues(text) : locateYamlValues(text);
    return locator(pointer);
  };
}

/** True when an exclusion of the config drops the finding. */
export function matchesExclusion(finding: Finding, exclusion: Exclusion): boolean {
  if (exclusion.rule !== '*' && exclusion.rule !== finding.ruleId) return false;
  if (exclusion.dashboard !== undefined && exclusion.dashboard !== finding.dashboardUid) return false;
  if (typeof exclusion.panel === 'number' && exclusion.panel !== finding.panelId) return false;
  if (typeof exclusion.panel === 'string' && exclusion.panel !== finding.panelTitle) return false;
  if (exclusion.refId !== undefined && exclusion.refId !== finding.refId) return false;
  return true;
}

/** The one finding that stands for the findings of a rule past the cap. */
function summaryFinding(rule: Rule, last: Finding, more: number, cap: number): Finding {
  // Placed where the last listed finding of the rule is, so it sorts right after it.
  return {
    ruleId: rule.id,
    severity: last.severity,
    category: rule.category,
    file: last.file,
    pointer: last.pointer,
    line: last.line,
    column: last.column,
    dashboardUid: last.dashboardUid,
    dashboardTitle: last.dashboardTitle,
    message: `... and ${more} more ${rule.id} finding${more === 1 ? '' : 's'} in this file (only the first ${cap} of each rule are listed per file).`,
    fix: `${rule.advice} Fix the findings listed, then lint again to see the rest.`,
    fixable: last.fixable,
  };
}

/** Runs the rules on one loaded dashboard; the model is dropped when this returns. */
export function lintLoaded(loaded: LoadedDashboard, ctx: FileLintContext): FileFindings {
  const model = new DashboardModel(loaded.file, loaded.body, loaded.uid, loaded.manifestName, loaded.v2);
  const v2 = loaded.v2;
  // A v2 dashboard is read through its classic view: its pointers go back into the file, rules of v1-only
  // concepts do not run, and nothing is fixable (`--fix` edits classic dashboards only).
  const toFile = (r: Report) => (r.inFile ? r.pointer : v2 ? v2.pointers.toFile(r.pointer) : loaded.bodyPointer + r.pointer);
  const rules = v2 ? ctx.rules.filter(({ rule }) => rule.notOnV2 === undefined) : ctx.rules;
  const position = lazyLocator(loaded.text, loaded.format);
  const locate = panelLocator(model);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let excluded = 0;
  for (const { rule, severity } of rules) {
    let kept = 0;
    let more = 0;
    let last: Finding | undefined;
    const report = (r: Report) => {
      const pointer = toFile(r);
      const key = `${rule.id}\0${pointer}\0${r.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      // Past the cap and with no exclusions to apply, the finding is only counted, never built.
      if (kept >= ctx.maxFindingsPerRule && ctx.exclude.length === 0) {
        more += 1;
        return;
      }
      const where = position(pointer);
      const finding: Finding = {
        ruleId: rule.id,
        severity,
        category: rule.category,
        file: loaded.file,
        pointer,
        line: where?.line,
        column: where?.column,
        dashboardUid: model.uid,
        dashboardTitle: model.title,
        ...(r.inFile ? {} : locate(r.pointer)),
        message: r.message,
        fix: v2 && rule.fixable ? `${r.fix ?? rule.advice} (\`--fix\` does not edit v2 dashboards: make this change by hand.)` : (r.fix ?? rule.advice),
        fixable: rule.fixable && !v2,
      };
      if (ctx.exclude.some((e) => matchesExclusion(finding, e))) excluded += 1;
      else if (kept >= ctx.maxFindingsPerRule) more += 1;
      else {
        kept += 1;
        last = finding;
        findings.push(finding);
      }
    };
    try {
      rule.check({ dashboard: model, settings: ctx.settings, corpus: ctx.corpus, report });
    } catch (error) {
      // A rule must never take the run down; say which rule failed so it can be fixed.
      report({
        pointer: '',
        message: `The rule failed on this dashboard (${error instanceof Error ? error.message : String(error)}); its checks were skipped.`,
        fix: 'Please report this as a linter bug, with the dashboard if you can share it.',
      });
    }
    if (more > 0 && last) findings.push(summaryFinding(rule, last, more, ctx.maxFindingsPerRule));
  }
  return { findings, excluded };
}
