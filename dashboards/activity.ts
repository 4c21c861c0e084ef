/**
 * "Claude Code activity": is Claude Code slow, failing or blocked, and where. API requests, latency per
 * model, errors by status code, retries and refusals; tool calls, success and duration, permission
 * decisions; subagents and MCP servers. Read from the metrics the collector derives from Claude Code's
 * events (docs/events-metrics.md), counted by the same recording rules as the metrics.
 */
import type { Config } from '../queries/config.js';
import type { QueryContext } from '../queries/context.js';
import { agentsActivityRow, apiActivityRow, toolActivityRow, trendActivityRow } from '../panels/rows/activity.js';
import { aboutRow } from '../panels/rows/about.js';
import type { DashboardSpec } from './assemble.js';
import { overviewVariables } from './variables.js';

/** uid of the activity dashboard (the overview links to it). */
export function activityDashboardUid(config: Config): string {
  return `${config.grafana.uidPrefix}-activity`;
}

/** The activity dashboard spec: the overview's variables (user, model, terminal, team labels). */
export function activityDashboard(config: Config): DashboardSpec {
  const variables = overviewVariables(config);
  const ctx: QueryContext = { config, filters: variables.filters };
  return {
    uid: activityDashboardUid(config),
    title: 'Claude Code activity',
    description:
      "What Claude Code did: API requests, latency per model, errors, retries and refusals; tool calls, their success and duration, permission decisions; subagents and MCP servers. From the metrics the collector's signaltometrics connector derives from Claude Code's events (OTEL_LOGS_EXPORTER must be set); needs the claude-code-dashboards recording rules in Prometheus.",
    tags: ['activity'],
    variables,
    rows: [apiActivityRow(ctx), trendActivityRow(ctx), toolActivityRow(ctx), agentsActivityRow(ctx), aboutRow(ctx)],
    from: 'now-24h',
  };
}
