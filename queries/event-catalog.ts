/**
 * Claude Code's events (OTLP log records) and what Loki's OTLP ingestion makes of them: the catalog the
 * LogQL queries are written against, as `catalog.ts` is for the metrics.
 *
 * Sources: the telemetry fact sheet §1.1 and §2 for events and attributes; Loki v3.7.6 (the version
 * docker-compose.yml pins) for the mapping: `pkg/loghttp/push/otlp_config.go` lists the resource
 * attributes that become index labels by default (`distributor.otlp.default_resource_attributes_as_index_labels`),
 * every other resource, scope and log attribute becomes structured metadata (`otlp.go`), and each name goes
 * through Prometheus' `otlptranslator.LabelNamer`: characters other than [a-zA-Z0-9_] become `_`, and a
 * name starting with a digit gets `key_` in front. The log line is the record's body (`claude_code.<event>`).
 */
import { STANDARD_ATTRIBUTES } from './catalog.js';

/** Events Claude Code exports (fact sheet §2), by their `event.name`. */
export const EVENT_NAMES = [
  'user_prompt',
  'assistant_response',
  'tool_result',
  'api_request',
  'api_error',
  'api_refusal',
  'api_retries_exhausted',
  'api_request_body',
  'api_response_body',
  'tool_decision',
  'permission_mode_changed',
  'auth',
  'mcp_server_connection',
  'internal_error',
  'plugin_installed',
  'plugin_loaded',
  'skill_activated',
  'at_mention',
  'hook_registered',
  'hook_execution_start',
  'hook_execution_complete',
  'hook_plugin_metrics',
  'compaction',
  'subagent_completed',
  'feedback_survey',
  'retention_sweep',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Attributes on every event (§1.1 standard attributes plus the event-only ones of §2). */
export const STANDARD_EVENT_ATTRIBUTES = [
  ...STANDARD_ATTRIBUTES,
  'user.groups',
  'identity.source',
  'event.name',
  'event.timestamp',
  'event.sequence',
  'prompt.id',
  'workspace.host_paths',
  'workflow.run_id',
  'workflow.name',
] as const;

const ATTRIBUTION = ['agent.name', 'skill.name', 'plugin.name', 'marketplace.name', 'mcp_server.name', 'mcp_tool.name'];

/** The event-specific attributes the dashboards read (§2; not every attribute of every event). */
export const EVENT_ATTRIBUTES: Readonly<Partial<Record<EventName, readonly string[]>>> = {
  user_prompt: ['prompt_length', 'prompt', 'message.uuid', 'command_name', 'command_source'],
  assistant_response: ['response_length', 'response', 'model', 'request_id', 'message.uuid', 'query_source'],
  tool_result: ['tool_name', 'tool_use_id', 'success', 'duration_ms', 'error_type', 'error', 'decision_type', 'decision_source', 'tool_input_size_bytes', 'tool_result_size_bytes', 'mcp_server_scope', 'tool_parameters', 'tool_input'],
  api_request: ['model', 'cost_usd', 'cost_usd_micros', 'duration_ms', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_creation_tokens', 'request_id', 'client_request_id', 'speed', 'query_source', 'effort', ...ATTRIBUTION],
  api_error: ['model', 'error', 'status_code', 'duration_ms', 'attempt', 'request_id', 'client_request_id', 'speed', 'query_source', 'effort', ...ATTRIBUTION],
  api_refusal: ['model', 'request_id', 'query_source', 'speed', 'attempt', 'effort', 'server_fallback_hop', 'has_category', 'has_explanation', 'category'],
  api_retries_exhausted: ['model', 'error', 'status_code', 'total_attempts', 'total_retry_duration_ms', 'speed'],
  tool_decision: ['tool_name', 'tool_use_id', 'decision', 'source', 'tool_source', 'tool_parameters'],
  permission_mode_changed: ['from_mode', 'to_mode', 'trigger'],
  mcp_server_connection: ['status', 'transport_type', 'server_scope', 'duration_ms', 'error_code', 'is_plugin', 'plugin_id_hash', 'plugin.name', 'server_name', 'error'],
  internal_error: ['error_name', 'error_code'],
  skill_activated: ['skill.name', 'invocation_trigger', 'skill.source', 'skill.kind', 'plugin.name', 'marketplace.name'],
  hook_execution_complete: ['hook_event', 'hook_type', 'hook_source', 'hook_name', 'num_hooks', 'num_success', 'num_blocking', 'num_non_blocking_error', 'num_cancelled', 'total_duration_ms'],
  compaction: ['trigger', 'success', 'duration_ms', 'pre_tokens', 'post_tokens', 'error', 'precompute_reuse'],
  subagent_completed: ['agent_type', 'agent.source', 'is_built_in', 'is_async', 'total_tokens', 'total_tool_uses', 'duration_ms', 'model', 'final_model', 'model_swapped'],
};

/**
 * Attributes that carry what users typed or what tools read and ran. Claude Code exports them only when
 * the user sets the switch named here; the dashboards show them only when the configuration opts in too
 * (`events.showPrompts`, `events.showToolDetails`).
 */
export const SENSITIVE_ATTRIBUTES = {
  /** `OTEL_LOG_USER_PROMPTS=1`: prompt text, and the assistant's response text. */
  prompts: ['prompt', 'response'],
  /** `OTEL_LOG_TOOL_DETAILS=1`: tool parameters and input, tool and MCP errors, MCP server names. */
  toolDetails: ['tool_parameters', 'tool_input', 'error', 'server_name'],
} as const;

/** Resource attributes Claude Code sets (§1.1): the OTLP resource, not the record. */
export const CLAUDE_CODE_RESOURCE_ATTRIBUTES = ['service.name', 'service.version', 'os.type', 'os.version', 'host.arch', 'wsl.version'] as const;

/** `service.name` values Claude Code uses: the CLI, and the Desktop app's Code tab. */
export const CLAUDE_CODE_SERVICE_NAMES = ['claude-code', 'claude-code-desktop'] as const;

/**
 * Loki v3.7.6's default `distributor.otlp.default_resource_attributes_as_index_labels`
 * (`pkg/loghttp/push/otlp_config.go`, `GlobalOTLPConfig.RegisterFlags`).
 */
export const LOKI_DEFAULT_INDEX_ATTRIBUTES = [
  'service.name',
  'service.namespace',
  'service.instance.id',
  'deployment.environment',
  'deployment.environment.name',
  'cloud.region',
  'cloud.availability_zone',
  'k8s.cluster.name',
  'k8s.namespace.name',
  'k8s.pod.name',
  'k8s.container.name',
  'container.name',
  'k8s.replicaset.name',
  'k8s.deployment.name',
  'k8s.statefulset.name',
  'k8s.daemonset.name',
  'k8s.cronjob.name',
  'k8s.job.name',
] as const;

/**
 * Structured metadata Loki v3.7.6 adds itself: from the record's fields (`otlpLogToPushEntry`), the scope
 * (`scope_name`, `scope_version`) and level detection (`discover_log_levels`, on by default).
 */
export const LOKI_RECORD_FIELDS = ['observed_timestamp', 'severity_number', 'severity_text', 'flags', 'trace_id', 'span_id', 'scope_name', 'scope_version', 'detected_level'] as const;

/** Loki's name for an OTLP attribute (`otlptranslator.LabelNamer`, UTF-8 off): `session.id` → `session_id`. */
export function lokiLabelName(attribute: string): string {
  const sanitized = attribute.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(sanitized) ? `key_${sanitized}` : sanitized;
}

/** The index labels Claude Code's streams get: its resource attributes that are in the index list. */
export function lokiIndexLabels(indexAttributes: readonly string[] = LOKI_DEFAULT_INDEX_ATTRIBUTES): string[] {
  return CLAUDE_CODE_RESOURCE_ATTRIBUTES.filter((a) => indexAttributes.includes(a)).map(lokiLabelName);
}

/**
 * Every structured-metadata name an event can carry: its attributes, the resource attributes that are
 * not index labels, team attributes from OTEL_RESOURCE_ATTRIBUTES, and the fields Loki adds.
 */
export function lokiStructuredMetadata(teamAttributes: readonly string[] = [], indexAttributes: readonly string[] = LOKI_DEFAULT_INDEX_ATTRIBUTES): string[] {
  const attributes = [
    ...STANDARD_EVENT_ATTRIBUTES,
    ...Object.values(EVENT_ATTRIBUTES).flat(),
    ...CLAUDE_CODE_RESOURCE_ATTRIBUTES.filter((a) => !indexAttributes.includes(a)),
    ...teamAttributes,
  ];
  return [...new Set([...attributes.map(lokiLabelName), ...LOKI_RECORD_FIELDS])].sort();
}
