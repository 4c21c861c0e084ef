/**
 * The activity rows: what Claude Code did, from the metrics the collector derives from its events
 * (queries/events.ts). API requests, latency per model, errors, retries and refusals; the same over time;
 * tool calls, their success and duration, permission decisions; prompts, subagents, MCP server connections,
 * compaction, hooks and skills.
 */
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import {
  apiErrorRate,
  apiErrors,
  apiErrorsByStatusCode,
  apiErrorRateOverTime,
  apiRequestRateByModel,
  apiRequests,
  apiRequestsPerMinute,
  compactionsByTrigger,
  hookExecutionsByEvent,
  latencyP50ByModel,
  latencyP95ByModel,
  latencyP95OverTime,
  latencyP99ByModel,
  mcpConnectionsByStatus,
  refusals,
  retriesExhausted,
  skillsByName,
  subagentsByType,
  toolCalls,
  toolCallRateByTool,
  toolCallsByTool,
  toolDecisionsBySource,
  toolFailuresByTool,
  toolP95ByTool,
  toolSuccessRate,
  userPrompts,
} from '../../queries/library/index.js';
import { sortDesc, topk } from '../../queries/promql/builders.js';
import { decimalsFor, describe, queryTarget, targetThresholds, unitFor } from '../common.js';
import { tablePanel } from '../factories/table.js';
import { queryBarGauge, queryGauge, queryStat, queryTimeSeries } from '../from-query.js';
import type { RowSpec } from '../layout.js';
import { countingStatus } from './status.js';

/** How many tools the "failing tools" bar gauge shows. */
export const TOP_FAILING_TOOLS = 10;

/** Latency p50/p95/p99 per model, one table row per model. */
function latencyTable(ctx: QueryContext) {
  const queries = [latencyP50ByModel, latencyP95ByModel, latencyP99ByModel];
  const headers = ['p50', 'p95', 'p99'];
  const refIds = ['A', 'B', 'C'];
  return tablePanel({
    title: 'API latency by model',
    description: describe(ctx, queries, 'One row per model within the selected range.'),
    keyLabel: label(ctx, 'model'),
    keyHeader: 'Model',
    targets: queries.map((q, i) => queryTarget(ctx, q, { format: 'table' }).refId(refIds[i] as string)),
    columns: queries.map((q, i) => ({ refId: refIds[i] as string, header: headers[i] as string, unit: unitFor(q.measure), decimals: decimalsFor(q.measure) ?? 0 })),
    sortBy: 'p95',
  });
}

/** API requests: volume, latency, errors, retries, refusals. */
export function apiActivityRow(ctx: QueryContext): RowSpec {
  return {
    title: 'API requests',
    panels: [
      // The event counts need the recording rules too; the status line says whether they are exact.
      countingStatus(ctx),
      { panel: queryStat(ctx, apiRequests), w: 4, h: 5 },
      { panel: queryStat(ctx, apiRequestsPerMinute), w: 4, h: 5 },
      { panel: queryStat(ctx, apiErrors), w: 4, h: 5 },
      { panel: queryStat(ctx, apiErrorRate), w: 4, h: 5 },
      { panel: queryStat(ctx, retriesExhausted), w: 4, h: 5 },
      { panel: queryStat(ctx, refusals), w: 4, h: 5 },
      { panel: latencyTable(ctx), w: 24, h: 8 },
      { panel: queryBarGauge(ctx, apiErrorsByStatusCode, { target: { legend: `{{${label(ctx, 'status_code')}}}` } }), w: 24, h: 6 },
    ],
  };
}

/** Over time: requests and tool calls per minute, the error rate and the latency p95, per graph step. */
export function trendActivityRow(ctx: QueryContext): RowSpec {
  const model = `{{${label(ctx, 'model')}}}`;
  return {
    title: 'Over time',
    panels: [
      { panel: queryTimeSeries(ctx, apiRequestRateByModel, { target: { legend: model } }), w: 12, h: 8 },
      { panel: queryTimeSeries(ctx, latencyP95OverTime, { target: { legend: model } }), w: 12, h: 8 },
      { panel: queryTimeSeries(ctx, apiErrorRateOverTime, { target: { legend: 'error rate' } }), w: 12, h: 8 },
      { panel: queryTimeSeries(ctx, toolCallRateByTool, { target: { legend: `{{${label(ctx, 'tool_name')}}}` } }), w: 12, h: 8 },
    ],
  };
}

/** Tools: calls, success, duration, failures, permission decisions; prompts. */
export function toolActivityRow(ctx: QueryContext): RowSpec {
  const tool = `{{${label(ctx, 'tool_name')}}}`;
  return {
    title: 'Tools',
    panels: [
      { panel: queryStat(ctx, toolCalls), w: 8, h: 5 },
      { panel: queryGauge(ctx, toolSuccessRate, { thresholds: targetThresholds(0.95), min: 0, max: 1 }), w: 8, h: 5 },
      { panel: queryStat(ctx, userPrompts), w: 8, h: 5 },
      { panel: queryBarGauge(ctx, toolCallsByTool, { target: { legend: tool, transform: sortDesc } }), w: 12, h: 8 },
      { panel: queryBarGauge(ctx, toolP95ByTool, { target: { legend: tool, transform: sortDesc } }), w: 12, h: 8 },
      {
        panel: queryBarGauge(ctx, toolFailuresByTool, {
          title: `Top ${TOP_FAILING_TOOLS} failing tools`,
          target: { legend: tool, transform: (v) => sortDesc(topk(TOP_FAILING_TOOLS, v)), topk: TOP_FAILING_TOOLS },
        }),
        w: 12,
        h: 8,
      },
      {
        panel: queryBarGauge(ctx, toolDecisionsBySource, { target: { legend: `{{${label(ctx, 'decision')}}} · {{${label(ctx, 'source')}}}` } }),
        w: 12,
        h: 8,
      },
    ],
  };
}

/** Subagents and MCP server connections; compaction, hooks and skills where Claude Code emits them. */
export function agentsActivityRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Subagents, MCP servers, compaction, hooks and skills',
    panels: [
      { panel: queryBarGauge(ctx, subagentsByType, { target: { legend: `{{${label(ctx, 'agent_type')}}}` } }), w: 12, h: 6 },
      {
        panel: queryBarGauge(ctx, mcpConnectionsByStatus, { target: { legend: `{{${label(ctx, 'status')}}} · {{${label(ctx, 'transport_type')}}}` } }),
        w: 12,
        h: 6,
      },
      { panel: queryBarGauge(ctx, compactionsByTrigger, { target: { legend: `{{${label(ctx, 'trigger')}}} · success {{${label(ctx, 'success')}}}` } }), w: 8, h: 6 },
      { panel: queryBarGauge(ctx, hookExecutionsByEvent, { target: { legend: `{{${label(ctx, 'hook_event')}}}` } }), w: 8, h: 6 },
      { panel: queryBarGauge(ctx, skillsByName, { target: { legend: `{{${label(ctx, 'skill.name')}}} · {{${label(ctx, 'skill.source')}}}` } }), w: 8, h: 6 },
    ],
  };
}
