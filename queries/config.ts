/**
 * The one configuration of a build: datasource, naming scheme, identity, team labels, prices, thresholds,
 * Grafana folder and output folders. Validated with zod; every error names the field, the bad value and
 * the fix, because a wrong value here means a dashboard that silently shows the wrong thing.
 */
import { z } from 'zod';
import { METRIC_PREFIX, NAMING_SCHEMES, type NamingScheme } from './naming.js';
import { checkPipeline } from './config-checks.js';
import { parseMatcher } from './matchers.js';
import { DEFAULT_PRICES, type ModelPrice } from './prices.js';
import { dashboardEntrySchema, queryOverridesSchema, type QueryOverrides } from './config-extensions.js';
import { ALERT_FIXES, alertsSchema } from './config-alerts.js';

/** Identity labels Claude Code provides (its monitoring docs' standard attributes), as Prometheus label names. */
export const IDENTITY_LABELS = ['user_email', 'user_account_uuid', 'user_id'] as const;
export type IdentityLabel = (typeof IDENTITY_LABELS)[number];

/** The OpenTelemetry attribute behind each identity label. */
export const IDENTITY_ATTRIBUTES: Readonly<Record<IdentityLabel, string>> = {
  user_email: 'user.email',
  user_account_uuid: 'user.account_uuid',
  user_id: 'user.id',
};

const GRAFANA_UID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ATTRIBUTE_KEY = /^[a-zA-Z_][a-zA-Z0-9_.]*$/;

const price = z
  .object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cacheRead: z.number().nonnegative(),
    cacheWrite: z.number().nonnegative(),
  })
  .strict();

/** Dashboard variables our dashboards define themselves; team labels must not collide with them. */
export const RESERVED_VARIABLES: readonly string[] = ['datasource', 'loki_datasource', 'user', 'model', 'terminal', 'session', 'event', 'tool'];

/** Dashboard variable name of a team attribute: `team.id` → `team_id`. */
export function teamVariableName(attribute: string): string {
  return attribute.replace(/[^a-zA-Z0-9_]/g, '_');
}

const PROM_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/**
 * What the recording rules must know about the pipeline between Claude Code and Prometheus (defaults: the
 * Compose stack's collector, `provisioning/otel-collector/config.yaml`):
 * - `exporterExpiry`: how long the collector's `prometheus` exporter keeps showing a series after its last
 *   update (`metric_expiration`);
 * - `seriesMemory`: how long the pipeline remembers an idle series' running total, so that its next update
 *   continues the total instead of starting from zero (`deltatocumulative` `max_stale` plus its one-minute
 *   sweep). It must exceed `exporterExpiry`: a series that comes back within the memory continues, one that
 *   comes back later starts from zero, and the rules tell the two apart by how long it was away;
 * - `evaluationDelay`: how far behind "now" the rules read, so that a scrape still being committed (or a
 *   late sample) is never skipped; the scrape interval by default (Prometheus' scrape timeout is at most that).
 */
export const DEFAULT_PIPELINE = { exporterExpiry: '5m', seriesMemory: '65m' } as const;

/** The zod schema of the configuration file. Every field is optional; defaults fill the rest. */
export const configSchema = z
  .object({
    datasource: z
      .object({
        uid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/).default('prometheus'),
      })
      .strict()
      .default({ uid: 'prometheus' }),
    naming: z.enum(NAMING_SCHEMES).default('otel-collector'),
    // The collector exporter's `namespace`, put before every Claude Code metric name with `_`; none by default.
    metricPrefix: z.union([z.literal(''), z.string().regex(METRIC_PREFIX).refine((p) => !p.endsWith('_'), 'ends with "_" (the exporter adds it)')]).default(''),
    scrapeInterval: z.string().regex(/^(\d+(ms|s|m|h))+$/).default('15s'),
    pipeline: z
      .object({
        exporterExpiry: z.string().regex(PROM_DURATION).default(DEFAULT_PIPELINE.exporterExpiry),
        seriesMemory: z.string().regex(PROM_DURATION).default(DEFAULT_PIPELINE.seriesMemory),
        evaluationDelay: z.string().regex(PROM_DURATION).optional(),
      })
      .strict()
      .default({ ...DEFAULT_PIPELINE }),
    identity: z.enum(IDENTITY_LABELS).default('user_email'),
    // Unset: user_id, the id every session carries, unless that is already the identity (then none).
    identityFallback: z.enum(IDENTITY_LABELS).nullable().optional(),
    teamLabels: z.array(z.string().regex(ATTRIBUTE_KEY)).default([]),
    extraMatchers: z.array(z.string().refine((t) => parseMatcher(t) !== undefined, 'is not one label matcher')).default([]),
    prices: z
      .record(z.string().min(1), price)
      .refine((table) => Object.keys(table).length > 0, { message: 'is empty: the cache savings need at least one model price' })
      .default({ ...DEFAULT_PRICES }),
    thresholds: z
      .object({
        cacheHitTarget: z.number().min(0).max(1).default(0.8),
        dailyBudgetUsd: z.number().positive().default(100),
        userDailyBudgetUsd: z.number().positive().default(20),
        editAcceptTarget: z.number().min(0).max(1).default(0.8),
      })
      .strict()
      .prefault({}),
    alerts: alertsSchema,
    // The telemetry health dashboard (docs/health.md): the Prometheus job that scrapes the collector's own
    // metrics (its internal telemetry port); the job of its Claude Code metrics is alerts.collectorJob.
    health: z
      .object({
        collectorInternalJob: z.string().min(1).default('otel-collector-internal'),
      })
      .strict()
      .prefault({}),
    // Events in Loki (docs/events.md); prompts and tool details are shown only if this opts in.
    events: z
      .object({
        datasourceUid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/).default('loki'),
        serviceNames: z.array(z.string().min(1)).min(1).default(['claude-code', 'claude-code-desktop']),
        showPrompts: z.boolean().default(false),
        showToolDetails: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    grafana: z
      .object({
        folder: z.string().trim().min(1).default('Claude Code'),
        folderUid: z.string().regex(GRAFANA_UID).max(40).default('claude-code'),
        uidPrefix: z.string().regex(GRAFANA_UID).max(24).default('claude-code'),
      })
      .strict()
      .prefault({}),
    output: z
      .object({
        dashboards: z.string().min(1).default('provisioning/grafana/dashboards'),
        importable: z.string().min(1).default('provisioning/grafana/importable'),
        rules: z.string().min(1).default('provisioning/prometheus/rules'),
        rulers: z.string().min(1).default('provisioning/rulers'),
        providers: z.string().min(1).default('provisioning/grafana/dashboard-providers'),
      })
      .strict()
      // `prefault` runs `{}` through the object, so each default is written once, on its field.
      .prefault({}),
    /** The user's own dashboard modules, built beside ours (see docs/extending.md). */
    dashboards: z.array(dashboardEntrySchema).default([]),
    /** Stock queries replaced or adjusted by id, everywhere they are shown. */
    queries: queryOverridesSchema.default({}),
  })
  .strict()
  .transform(({ identityFallback, ...rest }) => ({
    ...rest,
    identityFallback: identityFallback === undefined ? (rest.identity === 'user_id' ? null : ('user_id' as const)) : identityFallback,
  }))
  .superRefine((cfg, ctx) => {
    checkPipeline(cfg, ctx);
    if (cfg.identityFallback === cfg.identity) {
      ctx.addIssue({ code: 'custom', path: ['identityFallback'], message: `must differ from identity ("${cfg.identity}")` });
    }
    const seen = new Set<string>();
    cfg.teamLabels.forEach((label, i) => {
      if (seen.has(teamVariableName(label))) ctx.addIssue({ code: 'custom', path: ['teamLabels', i], message: 'is listed twice' });
      if (RESERVED_VARIABLES.includes(teamVariableName(label))) {
        ctx.addIssue({ code: 'custom', path: ['teamLabels', i], message: `would become the dashboard variable "${teamVariableName(label)}", which is taken` });
      }
      seen.add(teamVariableName(label));
    });
  });

/** A complete, validated configuration. */
export type Config = z.output<typeof configSchema>;
/** What a user writes: every field optional; `queries` is keyed by the stock query ids. */
export type ConfigInput = Omit<z.input<typeof configSchema>, 'queries'> & { readonly queries?: QueryOverrides };
export type { ModelPrice, NamingScheme };

/** How to fix each field, shown under the error. Keyed by the first path segment(s). */
const FIXES: Readonly<Record<string, string>> = {
  'datasource.uid': 'use the pinned uid of your provisioned Prometheus datasource: 1-40 characters from [A-Za-z0-9_-], e.g. "prometheus"',
  scrapeInterval: 'use the scrape interval of the Prometheus job that scrapes Claude Code metrics, e.g. "15s" (the recording rules run at it)',
  'pipeline.exporterExpiry': 'use the metric_expiration of the collector\'s prometheus exporter, e.g. "5m"',
  'pipeline.seriesMemory': 'use the deltatocumulative max_stale of your collector plus 1m, e.g. "65m"; it must be longer than exporterExpiry (raise max_stale if it is not)',
  'pipeline.evaluationDelay': 'use at least the scrape interval; more when samples arrive late (remote write), e.g. "1m"',
  metricPrefix: 'use the `namespace` of your collector\'s prometheus / prometheusremotewrite exporter as written there, e.g. "myprefix" (letters, digits and "_", starting with a letter, no trailing "_"), or leave it out',
  naming: `use one of ${NAMING_SCHEMES.map((s) => `"${s}"`).join(', ')} (see the naming-scheme table in docs/configuration.md)`,
  identity: `use one of ${IDENTITY_LABELS.map((s) => `"${s}"`).join(', ')}`,
  identityFallback: `use one of ${IDENTITY_LABELS.map((s) => `"${s}"`).join(', ')} (different from identity), or null`,
  teamLabels: 'list resource-attribute keys from OTEL_RESOURCE_ATTRIBUTES, e.g. ["team.id", "department"]',
  prices: 'give each model prefix {input, output, cacheRead, cacheWrite} in USD per million tokens, all numbers >= 0, or leave prices out for the built-in table',
  'thresholds.cacheHitTarget': 'use a ratio between 0 and 1, e.g. 0.8 for 80 %',
  'thresholds.editAcceptTarget': 'use a ratio between 0 and 1, e.g. 0.8 when most edits should be accepted',
  'thresholds.dailyBudgetUsd': 'use a positive number of US dollars per day',
  'thresholds.userDailyBudgetUsd': 'use a positive number of US dollars per user per day',
  'health.collectorInternalJob': 'use the job_name of the Prometheus scrape job of the collector\'s internal telemetry port (8888), e.g. "otel-collector-internal"',
  'events.datasourceUid': 'use the pinned uid of your provisioned Loki datasource: 1-40 characters from [A-Za-z0-9_-], e.g. "loki"',
  'events.serviceNames': 'list the service.name values of your Claude Code clients, e.g. ["claude-code", "claude-code-desktop"]',
  'grafana.folder': 'use a non-empty folder title',
  'grafana.folderUid': 'use lowercase letters, digits and "-", at most 40 characters, e.g. "claude-code"',
  'grafana.uidPrefix': 'use lowercase letters, digits and "-", at most 24 characters, e.g. "claude-code"',
  output: 'use a folder path relative to the repository root',
  extraMatchers: 'write each as PromQL, label op "value", e.g. cluster="prod" or job=~"claude-.*"',
  dashboards: 'list each as { module: "./my-dashboards/team.ts" } (a path relative to the configuration file, or a package specifier) whose default export (or the one named by export: "...") is a dashboard factory',
  queries: 'key each override by a stock query id (e.g. "cost.total") with any of expr (PromQL), kind, title, description, measure, panel { title, description, unit, decimals }',
  ...ALERT_FIXES,
};

/** A configuration error: one line per problem, each with field, value and fix. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function fixFor(path: readonly PropertyKey[]): string | undefined {
  const parts = path.map(String);
  for (let n = parts.length; n > 0; n--) {
    const fix = FIXES[parts.slice(0, n).join('.')];
    if (fix) return fix;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Validates a configuration written in code and fills in the defaults; the input is typed, so
 * `naming: 'otel'` does not compile.
 * @param input - the configuration (every field optional)
 * @param source - where it came from, named in errors
 * @throws ConfigError naming each bad field, its value and the fix (values the type cannot express)
 */
export function resolveConfig(input: ConfigInput = {}, source = 'configuration'): Config {
  return parseConfig(input, source);
}

/**
 * Validates untyped input (a parsed configuration file) and fills in the defaults.
 * @param input - the parsed file
 * @param source - where it came from, named in errors (a file path)
 * @throws ConfigError naming each bad field, its value and the fix
 */
export function parseConfig(input: unknown, source = 'configuration'): Config {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `${path}: ` : '';
      return `${where}unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; fix: remove or correct the spelling (known fields are listed in the README)`;
    }
    const value = describe(valueAt(input, issue.path));
    const fix = fixFor(issue.path);
    return `${path}: got ${value}: ${issue.message}${fix ? `; fix: ${fix}` : ''}`;
  });
  throw new ConfigError(source, problems);
}

/** The default configuration. */
export function defaultConfig(): Config {
  return resolveConfig({});
}

export { countingTiming, formatDuration, type CountingTiming } from './timing.js';
