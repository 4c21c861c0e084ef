/**
 * The dashboard linter: Grafana dashboard JSON in, findings out. Structure, variables, PromQL and the
 * Claude Code rules (per-session counters, naming schemes, labels per metric, cache hit rate, identity).
 *
 * ```ts
 * import { lintDashboards, formatFindings } from 'claude-code-dashboards/dashboards/lint';
 * const result = await lintDashboards(['provisioning/grafana/dashboards']);
 * ```
 */
export { lintDashboards, lintText, type LintDashboardsOptions, type LintDashboardsResult, type LintTextResult } from './lint-dashboards.js';
export { lintSources, type FileResult, type LintResult, type LintSource, type LintSourcesOptions } from './engine.js';
export {
  defaultLintConfig,
  lintConfigSchema,
  loadLintConfig,
  parseLintConfig,
  LintConfigError,
  type Exclusion,
  type LintConfig,
  type LintConfigInput,
} from './config.js';
export { applyJsonEdits, SourceCopy, type JsonEdit } from './edit/apply-edits.js';
export { fixDashboard, fixedBytes, writeFileAtomically, type FixOutcome } from './fix.js';
export { formatFindings, OUTPUT_FORMATS, type OutputFormat, type FormatOptions } from './formats/index.js';
export { RULES, RULES_BY_ID } from './rules/index.js';
export type { Finding, Rule, RuleCategory, RuleContext, Report, Severity } from './types.js';
export type { LintSettings } from './settings.js';
export { MAX_FILE_BYTES } from './input/load-dashboard.js';
