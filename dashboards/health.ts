/**
 * "Claude Code telemetry health": is the pipeline complete? Scrapes of the collector, what it accepted,
 * refused and failed to send, whether our recording rules are loaded and evaluating, counter resets and
 * series churn, the last data of every user, terminal and version, and the cost the events report
 * against the cost metric. Not filtered by user or model: the pipeline is one for everybody.
 */
import type { Config } from '../queries/config.js';
import type { QueryContext } from '../queries/context.js';
import { aboutRow } from '../panels/rows/about.js';
import { costCrossCheckRow, pipelineHealthRow, rulesHealthRow, seriesHealthRow } from '../panels/rows/health.js';
import { countingStatus } from '../panels/rows/status.js';
import type { DashboardSpec } from './assemble.js';
import { datasourceVariable, fallbackVariable, type DashboardVariables } from './variables.js';

/** uid of the health dashboard (the overview links to it). */
export function healthDashboardUid(config: Config): string {
  return `${config.grafana.uidPrefix}-health`;
}

/** The datasource and the hidden fallback switch (the cost cross-check counts like every dashboard); no filters. */
export function healthVariables(config: Config): DashboardVariables {
  return { builders: [datasourceVariable(config), fallbackVariable()], filters: {} };
}

/** The health dashboard spec. */
export function healthDashboard(config: Config): DashboardSpec {
  const variables = healthVariables(config);
  const ctx: QueryContext = { config, filters: variables.filters };
  const [first, ...rest] = [pipelineHealthRow(ctx), rulesHealthRow(ctx), seriesHealthRow(ctx), costCrossCheckRow(ctx), aboutRow(ctx)];
  return {
    uid: healthDashboardUid(config),
    title: 'Claude Code telemetry health',
    description:
      "Is the telemetry pipeline complete? Scrapes of the OpenTelemetry Collector, the points and events it accepted, refused or failed to send (its own metrics), whether the claude-code-dashboards recording rules are loaded and evaluating, counter resets and series churn, the last data per user, terminal and version, and the cost the api_request events report against the cost metric.",
    tags: ['health'],
    variables,
    // The status line first: the cost cross-check needs the rules like every number of ours.
    rows: first ? [{ ...first, panels: [countingStatus(ctx), ...first.panels] }, ...rest] : rest,
    from: 'now-24h',
  };
}
