/**
 * The catalog of metrics the collector derives from Claude Code's events (OTLP log records) with the
 * contrib `signaltometrics` connector (provisioning/otel-collector/config.yaml, docs/events-metrics.md):
 * which event each counts, the attributes that become labels, the histogram buckets, and their Prometheus
 * and recording-rule names. Claude Code exports no such metrics itself; events carry what its eight
 * counters cannot (each request's latency, errors with status codes, every tool result). The collector
 * configuration is checked against this file (test/stack/collector-config.test.ts), and the synthetic
 * emulation of the connector (scripts/synthetic/signaltometrics.ts) reads it too.
 */
import { METRIC_PREFIX, type NamingScheme } from './naming.js';

/** Stable keys of the event metrics. */
export type EventMetricKey =
  | 'apiRequests'
  | 'apiRequestCost'
  | 'apiRequestDuration'
  | 'apiErrors'
  | 'apiRetriesExhausted'
  | 'apiRefusals'
  | 'toolResults'
  | 'toolResultDuration'
  | 'toolDecisions'
  | 'userPrompts'
  | 'subagentsCompleted'
  | 'mcpConnections'
  | 'compactions'
  | 'hookExecutions'
  | 'skillsActivated';

/** One derived metric: a count of events (`sum`, value 1 per record) or a histogram of a number attribute. */
export interface EventMetric {
  readonly key: EventMetricKey;
  /** OpenTelemetry metric name the connector emits. */
  readonly otelName: string;
  /** `event.name` of the records it is derived from. */
  readonly event: string;
  readonly kind: 'sum' | 'histogram';
  /** OTLP unit: `ms` for the duration histograms, none for counts. */
  readonly unit: 'ms' | undefined;
  /**
   * The record attribute a histogram records (a number of milliseconds), or a sum adds up (then records
   * without it are not counted); a sum without one adds 1 per record.
   */
  readonly valueAttribute?: string;
  /** Explicit bucket bounds (upper bounds, inclusive), milliseconds. */
  readonly buckets?: readonly number[];
  /** Event-specific attributes kept as labels (each defaults to "", which Prometheus treats as absent). */
  readonly attributes: readonly string[];
  readonly description: string;
}

/**
 * Standard attributes every derived metric keeps: the identities and the terminal (the dashboards'
 * filters). `session.id` is left out on purpose: per-session series would multiply the histograms'
 * bucket series by the number of sessions; the Loki event log is where one session is looked at.
 */
export const EVENT_STANDARD_ATTRIBUTES = ['user.email', 'user.account_uuid', 'user.id', 'terminal.type'] as const;

/** API latency buckets (ms): requests take from a fraction of a second to minutes. */
export const API_DURATION_BUCKETS = [250, 500, 1000, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000, 45000, 60000, 90000, 120000, 300000] as const;
/** Tool duration buckets (ms): from a file read to a long build. */
export const TOOL_DURATION_BUCKETS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000, 600000] as const;

const REQUEST_ATTRIBUTES = ['model', 'query_source', 'speed', 'effort'] as const;

function sum(key: EventMetricKey, otelName: string, event: string, attributes: readonly string[], description: string): EventMetric {
  return { key, otelName, event, kind: 'sum', unit: undefined, attributes, description };
}

/** The derived metrics, keyed. */
export const EVENT_METRICS: Readonly<Record<EventMetricKey, EventMetric>> = {
  apiRequests: sum('apiRequests', 'claude_code.event.api_requests', 'api_request', REQUEST_ATTRIBUTES, 'API requests (api_request events).'),
  // The cost the events report, to check against the cost metric (the health dashboard's cross-check).
  apiRequestCost: {
    ...sum('apiRequestCost', 'claude_code.event.api_request.cost_usd', 'api_request', REQUEST_ATTRIBUTES, 'Cost in USD of API requests (the sum of cost_usd of api_request events).'),
    valueAttribute: 'cost_usd',
  },
  apiRequestDuration: {
    key: 'apiRequestDuration',
    otelName: 'claude_code.event.api_request.duration',
    event: 'api_request',
    kind: 'histogram',
    unit: 'ms',
    valueAttribute: 'duration_ms',
    buckets: API_DURATION_BUCKETS,
    attributes: REQUEST_ATTRIBUTES,
    description: 'Duration of API requests in milliseconds (duration_ms of api_request events).',
  },
  apiErrors: sum('apiErrors', 'claude_code.event.api_errors', 'api_error', ['model', 'status_code', 'query_source'], 'Failed API requests, once after retries (api_error events).'),
  apiRetriesExhausted: sum('apiRetriesExhausted', 'claude_code.event.api_retries_exhausted', 'api_retries_exhausted', ['model', 'status_code'], 'Requests that failed after more than one attempt (api_retries_exhausted events).'),
  apiRefusals: sum('apiRefusals', 'claude_code.event.api_refusals', 'api_refusal', ['model', 'query_source'], 'Responses with stop_reason "refusal" (api_refusal events).'),
  toolResults: sum('toolResults', 'claude_code.event.tool_results', 'tool_result', ['tool_name', 'success'], 'Tool calls that finished, by tool and success (tool_result events).'),
  toolResultDuration: {
    key: 'toolResultDuration',
    otelName: 'claude_code.event.tool_result.duration',
    event: 'tool_result',
    kind: 'histogram',
    unit: 'ms',
    valueAttribute: 'duration_ms',
    buckets: TOOL_DURATION_BUCKETS,
    attributes: ['tool_name', 'success'],
    description: 'Duration of tool calls in milliseconds (duration_ms of tool_result events).',
  },
  toolDecisions: sum('toolDecisions', 'claude_code.event.tool_decisions', 'tool_decision', ['tool_name', 'decision', 'source'], 'Permission decisions for tool calls (tool_decision events).'),
  userPrompts: sum('userPrompts', 'claude_code.event.user_prompts', 'user_prompt', [], 'Prompts submitted (user_prompt events).'),
  subagentsCompleted: sum('subagentsCompleted', 'claude_code.event.subagents_completed', 'subagent_completed', ['agent_type', 'is_built_in'], 'Subagents that returned (subagent_completed events).'),
  mcpConnections: sum('mcpConnections', 'claude_code.event.mcp_server_connections', 'mcp_server_connection', ['status', 'transport_type'], 'MCP server connection events by status (connected, failed, disconnected).'),
  // Emitted only by newer Claude Code versions (added to its monitoring docs in 2026); absent, the panels stay empty.
  compactions: sum('compactions', 'claude_code.event.compactions', 'compaction', ['trigger', 'success'], 'Context compactions, by trigger and success (compaction events).'),
  hookExecutions: sum('hookExecutions', 'claude_code.event.hook_executions', 'hook_execution_complete', ['hook_event'], 'Hook runs that completed, by hook event (hook_execution_complete events).'),
  skillsActivated: sum('skillsActivated', 'claude_code.event.skills_activated', 'skill_activated', ['skill.name', 'skill.source'], 'Skills invoked, by skill name and source (skill_activated events).'),
};

/** All event metric keys, in catalog order. */
export const EVENT_METRIC_KEYS = Object.keys(EVENT_METRICS) as EventMetricKey[];

/** Every attribute a derived metric carries as a label. */
export function eventAttributesOf(key: EventMetricKey): string[] {
  return [...EVENT_STANDARD_ATTRIBUTES, ...EVENT_METRICS[key].attributes];
}

/** The Prometheus series kinds of a derived metric: the counter, or a histogram's buckets. */
export type EventSeries = 'total' | 'bucket' | 'count' | 'sum';

/**
 * The Prometheus name of a derived metric under a naming scheme, as the collector's `prometheus` exporter
 * (or Prometheus' OTLP receiver) writes it: dots to `_`, `ms` → `milliseconds`, `_total` on counters
 * (the connector's sums are made monotonic in the collector, see the config), `_bucket`/`_count`/`_sum`
 * on histograms. `claude-code-prometheus` (Claude Code's own endpoint) has no collector: the names of the
 * default scheme are used, for a collector that only derives the event metrics.
 */
export function eventMetricName(scheme: NamingScheme, key: EventMetricKey, series: EventSeries = 'total', prefix = ''): string {
  const name = unprefixedEventMetricName(scheme, key, series);
  // The collector exporter's `namespace` (the configuration's metricPrefix) prefixes these too.
  return prefix ? `${prefix}_${name}` : name;
}

function unprefixedEventMetricName(scheme: NamingScheme, key: EventMetricKey, series: EventSeries): string {
  const m = EVENT_METRICS[key];
  const utf8 = scheme === 'utf8';
  const base = utf8 ? m.otelName : m.otelName.replace(/\./g, '_');
  const suffixes = scheme !== 'no-suffix';
  const unit = suffixes && m.unit === 'ms' ? '_milliseconds' : '';
  if (m.kind === 'sum') return `${base}${suffixes ? '_total' : ''}`;
  return `${base}${unit}_${series === 'total' ? 'count' : series}`;
}

/** Recording-rule name holding what a derived series reported (see counters.ts). */
export function eventRuleName(key: EventMetricKey): string {
  const m = EVENT_METRICS[key];
  const base = m.otelName.replace(/^claude_code\./, '').replace(/\./g, '_');
  return m.kind === 'sum' ? `claude_code:${base}:reported_increments` : `claude_code:${base}_ms_bucket:reported_increments`;
}

/** `name` is `base`, or `base` behind a metric prefix (`myprefix_<base>`). */
function isNameOrPrefixed(name: string, base: string): boolean {
  return name === base || (name.endsWith(`_${base}`) && METRIC_PREFIX.test(name.slice(0, -base.length - 1)));
}

/** The derived metric a Prometheus name belongs to (the counter, or a histogram's `_bucket` series). */
export function identifyEventMetricName(name: string): EventMetricKey | undefined {
  const schemes: NamingScheme[] = ['otel-collector', 'no-suffix', 'utf8'];
  for (const key of EVENT_METRIC_KEYS) {
    const kind: EventSeries = EVENT_METRICS[key].kind === 'sum' ? 'total' : 'bucket';
    if (schemes.some((s) => isNameOrPrefixed(name, eventMetricName(s, key, kind)))) return key;
  }
  return undefined;
}

/** Every Prometheus name of the derived metrics under a scheme (for linters). */
export function eventMetricNames(scheme: NamingScheme): string[] {
  return EVENT_METRIC_KEYS.flatMap((key) =>
    EVENT_METRICS[key].kind === 'sum' ? [eventMetricName(scheme, key)] : (['bucket', 'count', 'sum'] as const).map((s) => eventMetricName(scheme, key, s)),
  );
}
