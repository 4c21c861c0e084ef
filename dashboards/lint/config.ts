/**
 * The lint config file (JSON or YAML), validated with zod: rules turned off or given another severity,
 * exclusions (each with a mandatory `reason`) scoped by dashboard uid, panel id or title and refId, the
 * naming scheme metric names must follow, and the windows accepted for `rate()`.
 *
 * ```yaml
 * naming: otel-collector
 * rules:
 *   panel-description: off
 *   rate-interval: error
 * exclude:
 *   - rule: fixed-window
 *     dashboard: team-costs
 *     panel: "Cost (last 24h)"
 *     reason: the finance review wants exactly the last 24 hours
 * rateIntervals: ["$__rate_interval", "$__range", "$interval"]
 * datasources: { uids: [prometheus, loki] }
 * extraLabels: [team_id, department]
 * ```
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseMatcher } from '../../queries/matchers.js';
import { METRIC_PREFIX, NAMING_SCHEMES } from '../../queries/naming.js';
import { DEFAULT_EXPORT_GLOBS, exportMatcher, matcherKey } from './settings.js';
import { RULES_BY_ID } from './rules/index.js';
import { DEFAULT_RATE_INTERVALS, defaultSettings, type LintSettings } from './settings.js';
import type { Severity } from './types.js';

const severityOrOff = z.enum(['off', 'error', 'warning', 'info']);

const exclusion = z
  .object({
    /** Rule id, or `*` for every rule. */
    rule: z.string().min(1),
    /** Dashboard uid. */
    dashboard: z.string().min(1).optional(),
    /** Panel id (number) or panel title (string). */
    panel: z.union([z.number().int(), z.string().min(1)]).optional(),
    refId: z.string().min(1).optional(),
    /** Why the finding is acceptable; required so that exclusions stay reviewable. */
    reason: z.string().trim().min(1, 'every exclusion needs a reason'),
  })
  .strict();

/** The zod schema of the lint config file. */
export const lintConfigSchema = z
  .object({
    $schema: z.string().optional(),
    // Unset: the build configuration's scheme when the linter finds one, else otel-collector.
    naming: z.enum(NAMING_SCHEMES).optional(),
    // The collector exporter's `namespace` before every metric name ("" for none); unset: the build's.
    metricPrefix: z.union([z.literal(''), z.string().regex(METRIC_PREFIX, 'letters, digits and "_", starting with a letter (the exporter\'s namespace)')]).optional(),
    // Matchers the pipeline really needs (e.g. job="claude-code"), accepted on Claude Code metrics; default: the build's extraMatchers.
    extraMatchers: z.array(z.string().refine((t) => parseMatcher(t) !== undefined, 'is not one label matcher, e.g. job="claude-code"')).default([]),
    rules: z.record(z.string(), severityOrOff).default({}),
    exclude: z.array(exclusion).default([]),
    rateIntervals: z.array(z.string().regex(/^\$\{?\w+\}?$/, 'write a variable such as "$__rate_interval" or "$interval"')).optional(),
    datasources: z.object({ uids: z.array(z.string().min(1)) }).strict().optional(),
    extraLabels: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_.]*$/)).default([]),
    minSchemaVersion: z.number().int().positive().default(37),
    pluginTypes: z.array(z.string().min(1)).default([]),
    // Files meant for Grafana's import UI ("export for sharing", with __inputs), not for provisioning.
    exports: z.array(z.string().min(1)).default([...DEFAULT_EXPORT_GLOBS]),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const id of Object.keys(config.rules)) {
      if (!RULES_BY_ID.has(id)) ctx.addIssue({ code: 'custom', path: ['rules', id], message: `unknown rule id "${id}"` });
    }
    config.exclude.forEach((e, i) => {
      if (e.rule !== '*' && !RULES_BY_ID.has(e.rule)) {
        ctx.addIssue({ code: 'custom', path: ['exclude', i, 'rule'], message: `unknown rule id "${e.rule}"` });
      }
    });
  });

/** What a user writes. */
export type LintConfigInput = z.input<typeof lintConfigSchema>;
/** A validated config. */
export type LintConfig = z.output<typeof lintConfigSchema>;
/** One exclusion. */
export type Exclusion = z.output<typeof exclusion>;

/** A config file that does not validate; one line per problem. */
export class LintConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: invalid lint config\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'LintConfigError';
  }
}

/** Validates a parsed config object. */
export function parseLintConfig(input: unknown, source = 'lint config'): LintConfig {
  const result = lintConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new LintConfigError(
    source,
    result.error.issues.map((issue) => {
      const where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
      if (issue.code === 'unrecognized_keys') return `${where}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      return `${where}: ${issue.message}`;
    }),
  );
}

/** Reads and validates a config file (`.json`, `.yaml` or `.yml`). */
export function loadLintConfig(file: string): LintConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LintConfigError(file, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let parsed: unknown;
  try {
    parsed = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new LintConfigError(file, [`not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`]);
  }
  return parseLintConfig(parsed, file);
}

/** The rule-facing settings of a config. */
export function settingsFromConfig(config: LintConfig): LintSettings {
  const defaults = defaultSettings();
  return {
    naming: config.naming ?? 'otel-collector',
    metricPrefix: config.metricPrefix,
    extraMatchers: new Set(config.extraMatchers.flatMap((t) => {
      const m = parseMatcher(t);
      return m ? [matcherKey(m.label, m.op, m.value)] : [];
    })),
    rateIntervals: new Set((config.rateIntervals ?? DEFAULT_RATE_INTERVALS.map((v) => `$${v}`)).map((v) => v.replace(/^\$\{?|\}$/g, ''))),
    datasourceUids: config.datasources ? new Set(config.datasources.uids) : defaults.datasourceUids,
    extraLabels: new Set(config.extraLabels.map((l) => l.replace(/[^a-zA-Z0-9_]/g, '_')).concat(config.extraLabels)),
    minSchemaVersion: config.minSchemaVersion,
    pluginTypes: new Set(config.pluginTypes),
    isExportFile: exportMatcher(config.exports),
  };
}

/** The effective severity of a rule under a config, or `off`. */
export function effectiveSeverity(config: LintConfig, ruleId: string, defaultSeverity: Severity): Severity | 'off' {
  return config.rules[ruleId] ?? defaultSeverity;
}

/** The default config (no file). */
export function defaultLintConfig(): LintConfig {
  return parseLintConfig({});
}
