/**
 * The events of one turn of the demo, around each synthetic `api_request`: the prompt that started it,
 * the request, a tool's permission decision and result, and now and then a failed request (api_error
 * with api_retries_exhausted), a refusal, a subagent, an MCP server connection, a hook run, a skill and a
 * compaction, with the attributes the collector's signaltometrics connector keeps
 * (provisioning/otel-collector/config.yaml). So that
 * `npm run demo` fills the activity, events and session dashboards too. Deterministic in the turn index;
 * the first turn has every kind.
 */
import type { SyntheticEvent } from './types.js';

/** One event of a turn: `event.name` and its own attributes (the standard ones are added by the sender). */
export interface DemoEvent {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | number>>;
}

const TOOLS = ['Read', 'Edit', 'Bash', 'Grep'] as const;

/** Every `event.name` a demo turn can emit. */
export const DEMO_EVENT_NAMES = [
  'user_prompt',
  'hook_execution_complete',
  'skill_activated',
  'api_request',
  'api_error',
  'api_retries_exhausted',
  'api_refusal',
  'tool_decision',
  'tool_result',
  'subagent_completed',
  'compaction',
  'mcp_server_connection',
] as const;

/** The events of turn `index` around the synthetic api_request `request`, in the order Claude Code emits them. */
export function turnEvents(request: SyntheticEvent, index: number): DemoEvent[] {
  const model = String(request.attributes['model'] ?? '');
  const tool = TOOLS[index % TOOLS.length] as string;
  const out: DemoEvent[] = [];
  if (index % 20 === 0) out.push({ name: 'mcp_server_connection', attributes: { status: 'connected', transport_type: 'stdio', duration_ms: 120 } });
  out.push({ name: 'user_prompt', attributes: { prompt_length: 40 + (index % 7) * 30 } });
  if (index % 3 === 0) out.push({ name: 'hook_execution_complete', attributes: { hook_event: 'UserPromptSubmit', hook_type: 'command', num_hooks: 1, num_success: 1, total_duration_ms: 30 } });
  if (index % 8 === 0) out.push({ name: 'skill_activated', attributes: { 'skill.name': 'custom_skill', 'skill.source': 'userSettings', invocation_trigger: 'model' } });
  if (index % 7 === 0) {
    out.push({ name: 'api_error', attributes: { model, status_code: 529, attempt: 11, duration_ms: 30_000, error: 'Overloaded' } });
    out.push({ name: 'api_retries_exhausted', attributes: { model, status_code: 529, total_attempts: 11 } });
  }
  out.push({ name: 'api_request', attributes: request.attributes });
  if (index % 11 === 0) out.push({ name: 'api_refusal', attributes: { model, query_source: String(request.attributes['query_source'] ?? '') } });
  const rejected = index % 9 === 4;
  out.push({ name: 'tool_decision', attributes: { tool_name: tool, decision: rejected ? 'reject' : 'accept', source: rejected ? 'user_reject' : 'config' } });
  // Rejected calls emit no tool_result.
  if (!rejected) out.push({ name: 'tool_result', attributes: { tool_name: tool, success: index % 13 === 6 ? 'false' : 'true', duration_ms: 40 + (index % 5) * 900 } });
  if (index % 5 === 0) out.push({ name: 'subagent_completed', attributes: { agent_type: 'general-purpose', is_built_in: 'true', duration_ms: 15_000 } });
  if (index % 12 === 0) out.push({ name: 'compaction', attributes: { trigger: 'auto', success: 'true', duration_ms: 8_000, pre_tokens: 160_000, post_tokens: 20_000 } });
  return out;
}
