/**
 * The settings rules read, resolved from the lint config file (`config.ts`) with defaults filled in.
 */
import type { NamingScheme } from '../../queries/naming.js';

import { globToRegExp } from './input/expand-inputs.js';

/** Resolved, rule-facing settings. */
export interface LintSettings {
  /** The naming scheme metric and label names must follow. */
  readonly naming: NamingScheme;
  /** The declared metric-name prefix (collector exporter `namespace`); `''` for none, `undefined` when undeclared. */
  readonly metricPrefix: string | undefined;
  /** Matchers the pipeline needs (`matcherKey` of each), accepted as written on Claude Code metrics. */
  readonly extraMatchers: ReadonlySet<string>;
  /** Variable names (without `$`) accepted as the range of `rate`/`irate`/`increase`. */
  readonly rateIntervals: ReadonlySet<string>;
  /** Datasource uids provisioned in the target Grafana; `undefined` when unknown (not configured). */
  readonly datasourceUids: ReadonlySet<string> | undefined;
  /** Labels every Claude Code series may carry besides the catalog's (resource attributes, scrape labels). */
  readonly extraLabels: ReadonlySet<string>;
  /** Lowest acceptable `schemaVersion`. */
  readonly minSchemaVersion: number;
  /** Panel plugin ids to accept besides Grafana's core panels. */
  readonly pluginTypes: ReadonlySet<string>;
  /**
   * True for a file meant for Grafana's import UI (an "export for sharing" with `__inputs`), where export
   * fields belong, and which may share its uid with the provisioned copy of the same dashboard.
   */
  readonly isExportFile: (file: string) => boolean;
}

/**
 * Default `exports` globs: any `importable` folder (where `npm run build:dashboards` writes the import
 * variants). Paths are matched as given on the command line, so `**` also matches absolute ones.
 */
export const DEFAULT_EXPORT_GLOBS = ['**/importable/**'] as const;

/** Default rate-window variables: Grafana's safe rate window, and the dashboard range for totals/averages. */
export const DEFAULT_RATE_INTERVALS = ['__rate_interval', '__range'] as const;

/**
 * Labels Prometheus or the OpenTelemetry pipeline add to Claude Code series (docs/stack.md, How metrics reach Prometheus):
 * scrape labels, scope labels, and resource attributes copied by `resource_to_telemetry_conversion`.
 */
export const PIPELINE_LABELS = [
  '__name__',
  'job',
  'instance',
  'exported_job',
  'exported_instance',
  'otel_scope_name',
  'otel_scope_version',
  'otel_scope_schema_url',
  'service_name',
  'service_version',
  'service_namespace',
  'os_type',
  'os_version',
  'host_arch',
  'wsl_version',
  // The same resource attributes under Prometheus 3's UTF-8 names (naming scheme utf8).
  'service.name',
  'service.version',
  'service.namespace',
  'os.type',
  'os.version',
  'host.arch',
  'wsl.version',
] as const;

/** The settings when no config file is given. */
export function defaultSettings(): LintSettings {
  return {
    naming: 'otel-collector',
    metricPrefix: undefined,
    extraMatchers: new Set(),
    rateIntervals: new Set(DEFAULT_RATE_INTERVALS),
    datasourceUids: undefined,
    extraLabels: new Set(),
    minSchemaVersion: 37,
    pluginTypes: new Set(),
    isExportFile: exportMatcher(DEFAULT_EXPORT_GLOBS),
  };
}

/** The key of one label matcher in `LintSettings.extraMatchers`. */
export function matcherKey(label: string, op: string, value: string): string {
  return `${label}\0${op}\0${value}`;
}

/** A test of a linted file's path (as given, `/`-separated) against the `exports` globs. */
export function exportMatcher(globs: readonly string[]): (file: string) => boolean {
  const patterns = globs.map((g) => globToRegExp(g.replace(/^\.\//, '')));
  return (file) => {
    const slashed = file.split('\\').join('/').replace(/^\.\//, '');
    return patterns.some((re) => re.test(slashed) || re.test(slashed.replace(/^\/+/, '')));
  };
}
