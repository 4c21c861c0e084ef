/**
 * Activity queries: what Claude Code did. Active time from its `active_time.total` counter (`user`:
 * keyboard interaction, `cli`: tool execution and response generation; not session length), and the
 * metrics the collector derives from its events (queries/events.ts): API requests, latency, errors,
 * retries, refusals, tool calls and durations, permission decisions, prompts, subagents, MCP connections,
 * and where Claude Code emits them compactions, hook runs and skills.
 * Counts read the same exact recording rules as the metrics; quantiles read the rules' bucket increments.
 */
import { eventMetricSelector, label, type AttributeMatcher, type QueryContext } from '../context.js';
import type { EventMetricKey } from '../events.js';
import { add, by, div, histogramQuantile, lastOverTime, mul, num, or, orZero, range, sum } from '../promql/builders.js';
import { grafana } from '../promql/macros.js';
import type { InstantVector } from '../promql/types.js';
import { attr, grandTotal, sumTotals } from './common.js';
import { defineQuery, type Counters, type QueryDefinition } from './definition.js';

export const activeTimeTotal = defineQuery({
  id: 'activeTime.total',
  title: 'Active time',
  measure: 'seconds',
  description: 'Active time within the range, user (keyboard) plus cli (tools and responses), counted exactly per session series. Not filtered by model: active time carries no model label.',
  query: (ctx, c) => grandTotal(ctx, c, 'activeTime'),
});

export const activeTimeByType = defineQuery({
  id: 'activeTime.byType',
  title: 'Active time by type',
  measure: 'seconds',
  description: 'Active time within the range by type: user (keyboard interaction) and cli (tool execution and response generation). Not filtered by model.',
  groupBy: (ctx) => [label(ctx, 'type')],
  query: (ctx, c) => sumTotals(ctx, c, 'activeTime', { by: ['type'] }),
});

export const cliTimePerUserTime = defineQuery({
  id: 'activeTime.cliPerUserTime',
  title: 'CLI time per user time',
  measure: 'multiple',
  description:
    'Productivity ratio within the range: active time of type cli (tools running, responses generated) divided by type user (keyboard interaction). 3 means Claude Code worked three seconds for every second a user spent at the keyboard. Not filtered by model.',
  query: (ctx, c) => div(sumTotals(ctx, c, 'activeTime', { extra: [attr('type', 'cli')] }), sumTotals(ctx, c, 'activeTime', { extra: [attr('type', 'user')] })),
});

/** All active-time queries, in display order. */
export const ACTIVE_TIME_QUERIES = [activeTimeTotal, activeTimeByType, cliTimePerUserTime];

// ---------------------------------------------------------------------------------------------------
// Activity from events: metrics the collector derives from Claude Code's events (queries/events.ts).

/** Per-series totals of a derived counter within the range. */
function eventTotals(ctx: QueryContext, c: Counters, key: EventMetricKey, extra: readonly AttributeMatcher[] = []): InstantVector {
  return c.total(eventMetricSelector(ctx, key, 'total', extra));
}

/** `sum by (attributes)` of a derived counter's totals; one number that reads 0 when nothing was reported when not grouped. */
function sumEvents(ctx: QueryContext, c: Counters, key: EventMetricKey, o: { by?: readonly string[]; extra?: readonly AttributeMatcher[] } = {}): InstantVector {
  const totals = eventTotals(ctx, c, key, o.extra);
  return o.by?.length ? sum(totals, by(...o.by.map((a) => label(ctx, a)))) : orZero(sum(totals));
}

/**
 * The φ-quantile of a derived duration histogram within the range, per `groupBy`: `histogram_quantile`
 * over what each bucket series reported (exactly, from the rules). Buckets that reported nothing in the
 * range have no rule samples; they are added as 0 from the raw buckets seen in the range, so that the
 * lowest filled bucket interpolates from its own lower bound, not from 0. Exact to the bucket: the true
 * quantile of the recorded durations lies in the bucket the estimate lies in.
 */
export function durationQuantile(ctx: QueryContext, c: Counters, key: EventMetricKey, phi: number, groupBy: readonly string[]): InstantVector {
  const buckets = eventMetricSelector(ctx, key, 'bucket');
  const seen = mul(lastOverTime(range(buckets, grafana.range)), num(0));
  return histogramQuantile(phi, sum(or(c.total(buckets), seen), by('le', ...groupBy.map((a) => label(ctx, a)))));
}

function latencyQuantile<const Id extends string>(id: Id, phi: number, name: string): QueryDefinition<Id> {
  return defineQuery({
    id,
    title: `API latency ${name} by model`,
    measure: 'milliseconds',
    description: `The ${name} of API request durations (duration_ms of api_request events) within the range, per model, from the collector's duration histogram; accurate to its bucket (the true ${name} lies in the bucket shown).`,
    groupBy: (ctx) => [label(ctx, 'model')],
    query: (ctx, c) => durationQuantile(ctx, c, 'apiRequestDuration', phi, ['model']),
  });
}

export const apiRequests = defineQuery({
  id: 'activity.apiRequests',
  title: 'API requests',
  measure: 'count',
  description: 'API requests within the range (api_request events), counted exactly.',
  query: (ctx, c) => sumEvents(ctx, c, 'apiRequests'),
});

export const apiRequestsPerMinute = defineQuery({
  id: 'activity.apiRequestsPerMinute',
  title: 'API requests per minute',
  measure: 'perMinute',
  description: 'API requests within the range divided by its length in minutes ($__range_s / 60).',
  query: (ctx, c) => div(sumEvents(ctx, c, 'apiRequests'), div(grafana.rangeSeconds, num(60))),
});

export const apiRequestsByModel = defineQuery({
  id: 'activity.apiRequestsByModel',
  title: 'API requests by model',
  measure: 'count',
  description: 'API requests within the range by model (the event\'s model id, without the [1m] suffix the metrics carry).',
  groupBy: (ctx) => [label(ctx, 'model')],
  query: (ctx, c) => sumEvents(ctx, c, 'apiRequests', { by: ['model'] }),
});

export const latencyP50ByModel = latencyQuantile('activity.latencyP50ByModel', 0.5, 'p50');
export const latencyP95ByModel = latencyQuantile('activity.latencyP95ByModel', 0.95, 'p95');
export const latencyP99ByModel = latencyQuantile('activity.latencyP99ByModel', 0.99, 'p99');

export const apiErrors = defineQuery({
  id: 'activity.apiErrors',
  title: 'API errors',
  measure: 'count',
  description: 'Failed API requests within the range (api_error events: one per request, after its retries).',
  query: (ctx, c) => sumEvents(ctx, c, 'apiErrors'),
});

export const apiErrorRate = defineQuery({
  id: 'activity.apiErrorRate',
  title: 'API error rate',
  measure: 'ratio',
  description: 'Failed requests as a share of all requests within the range: api_error / (api_request + api_error).',
  query: (ctx, c) => div(sumEvents(ctx, c, 'apiErrors'), add(sum(eventTotals(ctx, c, 'apiRequests')), sumEvents(ctx, c, 'apiErrors'))),
});

export const apiErrorsByStatusCode = defineQuery({
  id: 'activity.apiErrorsByStatusCode',
  title: 'API errors by status code',
  measure: 'count',
  description: 'Failed API requests within the range by HTTP status code (errors without one, e.g. connection failures, have no status_code).',
  groupBy: (ctx) => [label(ctx, 'status_code')],
  query: (ctx, c) => sumEvents(ctx, c, 'apiErrors', { by: ['status_code'] }),
});

export const retriesExhausted = defineQuery({
  id: 'activity.retriesExhausted',
  title: 'Retries exhausted',
  measure: 'count',
  description: 'Requests that still failed after more than one attempt within the range (api_retries_exhausted events).',
  query: (ctx, c) => sumEvents(ctx, c, 'apiRetriesExhausted'),
});

export const refusals = defineQuery({
  id: 'activity.refusals',
  title: 'Refusals',
  measure: 'count',
  description: 'Responses the model refused (stop_reason "refusal", api_refusal events) within the range.',
  query: (ctx, c) => sumEvents(ctx, c, 'apiRefusals'),
});

export const toolCalls = defineQuery({
  id: 'activity.toolCalls',
  title: 'Tool calls',
  measure: 'count',
  description: 'Tool calls that finished within the range (tool_result events; rejected calls emit none). Not filtered by model: tool results carry no model.',
  query: (ctx, c) => sumEvents(ctx, c, 'toolResults'),
});

export const toolSuccessRate = defineQuery({
  id: 'activity.toolSuccessRate',
  title: 'Tool success rate',
  measure: 'ratio',
  description: 'Share of finished tool calls with success="true" within the range.',
  query: (ctx, c) => div(sumEvents(ctx, c, 'toolResults', { extra: [attr('success', 'true')] }), sum(eventTotals(ctx, c, 'toolResults'))),
});

export const toolCallsByTool = defineQuery({
  id: 'activity.toolCallsByTool',
  title: 'Tool calls by tool',
  measure: 'count',
  description: 'Finished tool calls within the range by tool name (user-configured MCP tools may be reported as mcp_tool).',
  groupBy: (ctx) => [label(ctx, 'tool_name')],
  query: (ctx, c) => sumEvents(ctx, c, 'toolResults', { by: ['tool_name'] }),
});

export const toolP95ByTool = defineQuery({
  id: 'activity.toolP95ByTool',
  title: 'Tool duration p95 by tool',
  measure: 'milliseconds',
  description: "The p95 of tool call durations (duration_ms of tool_result events) within the range, per tool, from the collector's duration histogram; accurate to its bucket.",
  groupBy: (ctx) => [label(ctx, 'tool_name')],
  query: (ctx, c) => durationQuantile(ctx, c, 'toolResultDuration', 0.95, ['tool_name']),
});

export const toolFailuresByTool = defineQuery({
  id: 'activity.toolFailuresByTool',
  title: 'Failing tools',
  measure: 'count',
  description: 'Tool calls with success="false" within the range, by tool name.',
  groupBy: (ctx) => [label(ctx, 'tool_name')],
  query: (ctx, c) => sumEvents(ctx, c, 'toolResults', { by: ['tool_name'], extra: [attr('success', 'false')] }),
});

export const toolDecisionsBySource = defineQuery({
  id: 'activity.toolDecisionsBySource',
  title: 'Tool decisions by source',
  measure: 'count',
  description: 'Permission decisions for tool calls within the range (tool_decision events), by decision (accept/reject) and source (config, hook, user_permanent, user_temporary, user_abort, user_reject).',
  groupBy: (ctx) => [label(ctx, 'decision'), label(ctx, 'source')],
  query: (ctx, c) => sumEvents(ctx, c, 'toolDecisions', { by: ['decision', 'source'] }),
});

export const userPrompts = defineQuery({
  id: 'activity.userPrompts',
  title: 'Prompts',
  measure: 'count',
  description: 'Prompts submitted within the range (user_prompt events). Not filtered by model.',
  query: (ctx, c) => sumEvents(ctx, c, 'userPrompts'),
});

export const subagentsByType = defineQuery({
  id: 'activity.subagentsByType',
  title: 'Subagents completed by type',
  measure: 'count',
  description: 'Subagents that returned within the range (subagent_completed events), by agent type.',
  groupBy: (ctx) => [label(ctx, 'agent_type')],
  query: (ctx, c) => sumEvents(ctx, c, 'subagentsCompleted', { by: ['agent_type'] }),
});

export const mcpConnectionsByStatus = defineQuery({
  id: 'activity.mcpConnectionsByStatus',
  title: 'MCP server connections by status',
  measure: 'count',
  description: 'MCP server connection events within the range by status (e.g. connected, failed, disconnected) and transport.',
  groupBy: (ctx) => [label(ctx, 'status'), label(ctx, 'transport_type')],
  query: (ctx, c) => sumEvents(ctx, c, 'mcpConnections', { by: ['status', 'transport_type'] }),
});

export const compactionsByTrigger = defineQuery({
  id: 'activity.compactionsByTrigger',
  title: 'Compactions by trigger',
  measure: 'count',
  description: 'Context compactions within the range (compaction events, where Claude Code emits them), by trigger (auto, manual) and success.',
  groupBy: (ctx) => [label(ctx, 'trigger'), label(ctx, 'success')],
  query: (ctx, c) => sumEvents(ctx, c, 'compactions', { by: ['trigger', 'success'] }),
});

export const hookExecutionsByEvent = defineQuery({
  id: 'activity.hookExecutionsByEvent',
  title: 'Hook runs by event',
  measure: 'count',
  description: 'Hook runs that completed within the range (hook_execution_complete events, where Claude Code emits them), by hook event (e.g. PreToolUse).',
  groupBy: (ctx) => [label(ctx, 'hook_event')],
  query: (ctx, c) => sumEvents(ctx, c, 'hookExecutions', { by: ['hook_event'] }),
});

export const skillsByName = defineQuery({
  id: 'activity.skillsByName',
  title: 'Skills activated',
  measure: 'count',
  description: 'Skills invoked within the range (skill_activated events, where Claude Code emits them), by skill name (custom_skill unless tool details are logged) and source.',
  groupBy: (ctx) => [label(ctx, 'skill.name'), label(ctx, 'skill.source')],
  query: (ctx, c) => sumEvents(ctx, c, 'skillsActivated', { by: ['skill.name', 'skill.source'] }),
});

/** The event-derived activity queries, in display order. */
export const EVENT_ACTIVITY_QUERIES = [
  apiRequests,
  apiRequestsPerMinute,
  apiRequestsByModel,
  latencyP50ByModel,
  latencyP95ByModel,
  latencyP99ByModel,
  apiErrors,
  apiErrorRate,
  apiErrorsByStatusCode,
  retriesExhausted,
  refusals,
  toolCalls,
  toolSuccessRate,
  toolCallsByTool,
  toolP95ByTool,
  toolFailuresByTool,
  toolDecisionsBySource,
  userPrompts,
  subagentsByType,
  mcpConnectionsByStatus,
  compactionsByTrigger,
  hookExecutionsByEvent,
  skillsByName,
];

/** Every activity query: active time, then the event-derived ones. */
export const ACTIVITY_QUERIES = [...ACTIVE_TIME_QUERIES, ...EVENT_ACTIVITY_QUERIES];
