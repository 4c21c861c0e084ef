/** "Claude Code events": the event log in Loki, sessions, the slowest API requests and the API errors. */
import type { Config } from '../queries/config.js';
import type { QueryContext } from '../queries/context.js';
import { apiErrorsRow, eventLogRow, eventSessionsRow, slowRequestsRow } from '../panels/rows/events.js';
import type { DashboardSpec } from './assemble.js';
import { eventsVariables } from './event-variables.js';
import { sessionDashboardUid } from './session.js';

/** uid of the events dashboard. */
export function eventsDashboardUid(config: Config): string {
  return `${config.grafana.uidPrefix}-events`;
}

/** The events dashboard spec. */
export function eventsDashboard(config: Config): DashboardSpec {
  const variables = eventsVariables(config);
  const ctx: QueryContext = { config, filters: variables.filters };
  const o = { sessionDashboardUid: sessionDashboardUid(config) };
  return {
    uid: eventsDashboardUid(config),
    title: 'Claude Code events',
    description:
      'What Claude Code did, event by event, from its OpenTelemetry log records in Loki: the event log (filter by user, session, event, model, tool), sessions linked to their drill-down, the slowest API requests and the API errors with their messages. Prompts and tool details are never shown unless the configuration opts in.',
    tags: ['events'],
    variables,
    from: 'now-24h',
    rows: [eventLogRow(ctx), eventSessionsRow(ctx, o), slowRequestsRow(ctx, o), apiErrorsRow(ctx)],
  };
}
