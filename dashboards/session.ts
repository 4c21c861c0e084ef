/** "Claude Code session": one session's cost, tokens and events in sequence order (Loki; Prometheus lists the session ids). */
import type { Config } from '../queries/config.js';
import type { QueryContext } from '../queries/context.js';
import { sessionRequestsRow, sessionTimelineRow, sessionUsageRow } from '../panels/rows/session.js';
import type { DashboardSpec } from './assemble.js';
import { sessionVariables } from './event-variables.js';

/** uid of the session drill-down (the events dashboard's session ids link to it). */
export function sessionDashboardUid(config: Config): string {
  return `${config.grafana.uidPrefix}-session`;
}

/** The session drill-down dashboard spec. */
export function sessionDashboard(config: Config): DashboardSpec {
  const variables = sessionVariables(config);
  const ctx: QueryContext = { config, filters: variables.filters };
  return {
    uid: sessionDashboardUid(config),
    title: 'Claude Code session',
    description:
      'One Claude Code session: its cost and tokens from its api_request events (the recording rules add the metrics up over sessions), its events in event.sequence order, its slowest requests and its API errors. Open it from the session links of the events dashboard.',
    tags: ['session'],
    variables,
    from: 'now-7d',
    rows: [sessionUsageRow(ctx), sessionTimelineRow(ctx), sessionRequestsRow(ctx)],
  };
}
