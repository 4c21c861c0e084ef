/**
 * The linter's vocabulary: findings, rules and what a rule sees while it checks one dashboard.
 */
import type { DashboardModel } from './model/dashboard-model.js';
import type { JsonEdit } from './edit/apply-edits.js';
import type { LintSettings } from './settings.js';

/** How bad a finding is. Errors fail the run; warnings fail it past `--max-warnings`. */
export type Severity = 'error' | 'warning' | 'info';

/** Severities from worst to mildest. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Rule families, one folder each under `rules/`. */
export type RuleCategory = 'input' | 'structure' | 'variables' | 'promql' | 'claude-code';

/** A plain JSON object as parsed from a dashboard file. */
export type JsonObject = { [key: string]: unknown };

/** One problem found in one file. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** The file as given on the command line (or the name passed to the in-memory API). */
  readonly file: string;
  /** JSON Pointer (RFC 6901) into the file, e.g. `/panels/3/targets/0/expr` (`/spec/...` in a manifest). */
  readonly pointer: string;
  /** 1-based line and column of the pointed-at value in the file, when known. */
  readonly line?: number;
  readonly column?: number;
  readonly dashboardUid?: string;
  readonly dashboardTitle?: string;
  readonly panelId?: number;
  readonly panelTitle?: string;
  readonly refId?: string;
  /** What is wrong and why it matters. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** True when `--fix` can repair it. */
  readonly fixable: boolean;
}

/** What a rule reports; the engine adds the rule's metadata and the dashboard/panel/target context. */
export interface Report {
  /** JSON Pointer into the dashboard body (the engine prefixes `/spec` for manifests). */
  readonly pointer: string;
  /** True when `pointer` is relative to the file, not the body (e.g. a manifest's `/metadata/name`). */
  readonly inFile?: boolean;
  readonly message: string;
  /** How to fix this occurrence; defaults to the rule's generic advice. */
  readonly fix?: string;
}

/** Everything a rule can look at while checking one dashboard. */
export interface RuleContext {
  readonly dashboard: DashboardModel;
  readonly settings: LintSettings;
  /** Facts about all inputs of the run (for cross-file rules such as uid uniqueness). */
  readonly corpus: Corpus;
  report(report: Report): void;
}

/** Facts about every dashboard in one run. */
export interface Corpus {
  /** uid → files that use it. */
  readonly uids: ReadonlyMap<string, readonly string[]>;
  /** `directory\0title` → files with that title in that directory (a provisioned folder). */
  readonly titles: ReadonlyMap<string, readonly string[]>;
}

/** What a fix function gets: a copy of the dashboard body as it is now (earlier fixes applied). */
export interface FixContext {
  readonly body: JsonObject;
  readonly settings: LintSettings;
}

/** A lint rule: metadata for docs and config, a check, and for mechanical problems a fix. */
export interface Rule {
  /** Stable kebab-case id, unique across categories, used in config and output. */
  readonly id: string;
  readonly category: RuleCategory;
  /** Default severity; the config can change it. */
  readonly severity: Severity;
  /** What the rule checks, one sentence. */
  readonly description: string;
  /** Why it matters, one or two sentences. */
  readonly why: string;
  /** Generic fix advice, used when a report gives none. */
  readonly advice: string;
  /** True when `fix` can repair every finding of this rule (in classic dashboards: `--fix` does not edit v2 ones). */
  readonly fixable: boolean;
  /**
   * Set when the rule checks a classic (v1) concept that Grafana v2 dashboards do not have: why. The rule
   * is then not run on v2 dashboards (it would report what is no mistake there).
   */
  readonly notOnV2?: string;
  check(ctx: RuleContext): void;
  /**
   * The edits that repair the problem, by JSON Pointer into the body (none when there is nothing to do).
   * `--fix` turns them into minimal text edits, so the rest of the file keeps its formatting.
   */
  fix?(ctx: FixContext): JsonEdit[];
}
