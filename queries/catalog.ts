/**
 * The catalog of Claude Code's eight OpenTelemetry metrics: what each one counts, its unit, and the
 * attributes it really carries. Facts from Claude Code's monitoring docs and its `installMeter` code
 * (https://code.claude.com/docs/en/monitoring-usage); attribute names here are OpenTelemetry names, the
 * naming scheme (`naming.ts`) turns them into Prometheus label names.
 */

/** Stable keys for the eight metrics, used everywhere in this package. */
export type MetricKey =
  | 'sessionCount'
  | 'linesOfCode'
  | 'pullRequests'
  | 'commits'
  | 'cost'
  | 'tokens'
  | 'editDecisions'
  | 'activeTime';

/** One metric of the catalog. */
export interface MetricDefinition {
  readonly key: MetricKey;
  /** The OpenTelemetry instrument name. */
  readonly otelName: string;
  /** Every Claude Code metric is a monotonic counter (OTLP Sum). */
  readonly kind: 'counter';
  /** OTLP unit; `undefined` for the count metrics, which set none. */
  readonly unit: 'USD' | 'tokens' | 's' | undefined;
  readonly description: string;
  /** Metric-specific attributes (OpenTelemetry names), in addition to the standard ones. */
  readonly attributes: readonly string[];
  /** Known values of enumerated attributes. */
  readonly enums: Readonly<Record<string, readonly string[]>>;
}

/** Attributes Claude Code puts on every metric data point (when enabled/available). */
export const STANDARD_ATTRIBUTES = [
  'session.id',
  'app.version',
  'app.entrypoint',
  'organization.id',
  'user.account_uuid',
  'user.account_id',
  'user.id',
  'user.email',
  'terminal.type',
] as const;

/**
 * Resource attributes Claude Code sets on its OTLP resource (not on the data points): labels only where
 * the pipeline copies them onto every series, as the stack's collector does (`resource_to_telemetry_conversion`
 * in provisioning/otel-collector/config.yaml; docs/platform.md says which pipelines do). Claude Code's own
 * :9464 endpoint puts them only on `target_info`.
 */
export const RESOURCE_ATTRIBUTES = ['service.name', 'service.version', 'os.type', 'os.version', 'host.arch', 'wsl.version'] as const;

/** Attributes that gateway (Claude apps gateway) sessions add. */
export const GATEWAY_ATTRIBUTES = ['user.groups', 'identity.source'] as const;

/** Attribution attributes shared by cost and token usage. */
const ATTRIBUTION = [
  'model',
  'query_source',
  'speed',
  'effort',
  'agent.name',
  'skill.name',
  'plugin.name',
  'marketplace.name',
  'mcp_server.name',
  'mcp_tool.name',
] as const;

const ATTRIBUTION_ENUMS = {
  query_source: ['main', 'subagent', 'auxiliary'],
  speed: ['fast'],
  effort: ['low', 'medium', 'high', 'xhigh', 'max'],
} as const;

/** The eight metrics, keyed by `MetricKey`. */
export const METRICS: Readonly<Record<MetricKey, MetricDefinition>> = {
  sessionCount: {
    key: 'sessionCount',
    otelName: 'claude_code.session.count',
    kind: 'counter',
    unit: undefined,
    description: 'Count of CLI sessions started (1 per session series).',
    attributes: ['start_type'],
    enums: { start_type: ['fresh', 'resume', 'continue', 'agents_view'] },
  },
  linesOfCode: {
    key: 'linesOfCode',
    otelName: 'claude_code.lines_of_code.count',
    kind: 'counter',
    unit: undefined,
    description: 'Lines of code modified, by type (added/removed); model since v2.1.172.',
    attributes: ['type', 'model'],
    enums: { type: ['added', 'removed'] },
  },
  pullRequests: {
    key: 'pullRequests',
    otelName: 'claude_code.pull_request.count',
    kind: 'counter',
    unit: undefined,
    description: 'Pull requests created by Claude Code (shell command or MCP tool).',
    attributes: [],
    enums: {},
  },
  commits: {
    key: 'commits',
    otelName: 'claude_code.commit.count',
    kind: 'counter',
    unit: undefined,
    description: 'Git commits created by Claude Code itself.',
    attributes: [],
    enums: {},
  },
  cost: {
    key: 'cost',
    otelName: 'claude_code.cost.usage',
    kind: 'counter',
    unit: 'USD',
    description: "Estimated cost in USD, from Claude Code's client-side price table (not billing).",
    attributes: [...ATTRIBUTION],
    enums: { ...ATTRIBUTION_ENUMS },
  },
  tokens: {
    key: 'tokens',
    otelName: 'claude_code.token.usage',
    kind: 'counter',
    unit: 'tokens',
    description: 'Tokens used, by type (input, output, cacheRead, cacheCreation).',
    attributes: ['type', ...ATTRIBUTION],
    enums: { type: ['input', 'output', 'cacheRead', 'cacheCreation'], ...ATTRIBUTION_ENUMS },
  },
  editDecisions: {
    key: 'editDecisions',
    otelName: 'claude_code.code_edit_tool.decision',
    kind: 'counter',
    unit: undefined,
    description: 'Permission decisions (accept/reject) for the Edit, Write and NotebookEdit tools.',
    // `tool` is the attribute name in docs before 2026-02-19; kept so old data still lints clean.
    attributes: ['tool_name', 'tool', 'decision', 'source', 'language'],
    enums: {
      tool_name: ['Edit', 'Write', 'NotebookEdit'],
      decision: ['accept', 'reject'],
      source: ['config', 'hook', 'user_permanent', 'user_temporary', 'user_abort', 'user_reject'],
    },
  },
  activeTime: {
    key: 'activeTime',
    otelName: 'claude_code.active_time.total',
    kind: 'counter',
    unit: 's',
    description: 'Active time in seconds, by type: user (keyboard) or cli (tools and responses).',
    attributes: ['type'],
    enums: { type: ['user', 'cli'] },
  },
};

/** All metric keys in a fixed order (the order of the docs' table). */
export const METRIC_KEYS: readonly MetricKey[] = [
  'sessionCount',
  'linesOfCode',
  'pullRequests',
  'commits',
  'cost',
  'tokens',
  'editDecisions',
  'activeTime',
];

/** True when `metric` carries `attribute` (standard or metric-specific), optionally counting team attributes. */
export function metricHasAttribute(metric: MetricKey, attribute: string, teamAttributes: readonly string[] = []): boolean {
  return (
    (STANDARD_ATTRIBUTES as readonly string[]).includes(attribute) ||
    (GATEWAY_ATTRIBUTES as readonly string[]).includes(attribute) ||
    (RESOURCE_ATTRIBUTES as readonly string[]).includes(attribute) ||
    METRICS[metric].attributes.includes(attribute) ||
    teamAttributes.includes(attribute)
  );
}

/** Every attribute a metric may carry, standard ones first. */
export function attributesOf(metric: MetricKey, teamAttributes: readonly string[] = []): string[] {
  return [...STANDARD_ATTRIBUTES, ...GATEWAY_ATTRIBUTES, ...RESOURCE_ATTRIBUTES, ...METRICS[metric].attributes, ...teamAttributes];
}
