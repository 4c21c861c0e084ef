/**
 * The rows of the session drill-down: the session's cost and tokens from its api_request events, its
 * events in `event.sequence` order, and its slowest requests and API errors. The metrics cannot say
 * what one session cost: the recording rules add every counter but the session count up over sessions
 * (queries/counters.ts), so the numbers come from the events.
 */
import type { QueryContext } from '../../queries/context.js';
import {
  eventApiErrors,
  EVENT_TOKEN_FIELDS,
  sessionEventCost,
  sessionEventsByName,
  sessionEventTokens,
  sessionTimeline,
  slowestRequests,
  type LogQueryDefinition,
} from '../../queries/library/index.js';
import { statPanel } from '../factories/stat.js';
import { logsPanel } from '../factories/logs.js';
import { logLinesTable } from '../factories/log-table.js';
import type { RowSpec } from '../layout.js';
import { describeLog, lokiDatasource, logDecimalsFor, logQueryTarget, logUnitFor } from '../logql.js';
import { logTable } from './events.js';

/** A stat of a LogQL instant query. */
function logStat(ctx: QueryContext, q: LogQueryDefinition, o: { title?: string; legend?: string } = {}) {
  const decimals = logDecimalsFor(q.measure);
  return statPanel({
    title: o.title ?? q.title,
    description: describeLog(q),
    unit: logUnitFor(q.measure),
    datasource: lokiDatasource(),
    targets: [logQueryTarget(ctx, q, o.legend !== undefined ? { legend: o.legend } : {})],
    ...(decimals !== undefined ? { decimals } : {}),
  });
}

/** The session's cost and tokens, from its api_request events. */
export function sessionUsageRow(ctx: QueryContext): RowSpec {
  const eventTokens = statPanel({
    title: 'Tokens by type (api_request events)',
    description: describeLog(sessionEventTokens('input_tokens'), 'The session\'s tokens within the range by type, summed over its api_request events.'),
    unit: logUnitFor('tokens'),
    decimals: 0,
    datasource: lokiDatasource(),
    targets: EVENT_TOKEN_FIELDS.map((f) => logQueryTarget(ctx, sessionEventTokens(f), { legend: f.replace('_tokens', '') })),
  });
  return {
    title: 'Cost & tokens',
    panels: [
      { panel: logStat(ctx, sessionEventCost), w: 8, h: 5 },
      { panel: eventTokens, w: 16, h: 5 },
    ],
  };
}

/** The session's events in sequence order (table), the same as log lines, and its events by name. */
export function sessionTimelineRow(ctx: QueryContext): RowSpec {
  const fields = ['event_sequence', 'event_name', 'tool_name', 'success', 'model', 'duration_ms', 'status_code', 'cost_usd'];
  return {
    title: 'Timeline',
    panels: [
      { panel: logLinesTable({ title: sessionTimeline.title, description: describeLog(sessionTimeline), target: logQueryTarget(ctx, sessionTimeline, { forward: true, maxLines: 5000 }), fields, sortField: 'event_sequence' }), w: 18, h: 14 },
      { panel: logTable(ctx, sessionEventsByName, [{ label: 'event_name', header: 'Event' }], 'Events'), w: 6, h: 14 },
      { panel: logsPanel({ title: 'Session log', description: describeLog(sessionTimeline, 'The same events as log lines, oldest first; open a line for every visible field.'), targets: [logQueryTarget(ctx, sessionTimeline, { forward: true, maxLines: 5000 })], oldestFirst: true }), w: 24, h: 10 },
    ],
  };
}

/** The session's slowest requests and its API errors. */
export function sessionRequestsRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Requests & errors',
    panels: [
      { panel: logTable(ctx, slowestRequests, [{ label: 'model', header: 'Model' }, { label: 'query_source', header: 'Query source' }, { label: 'request_id', header: 'Request' }], 'Duration'), w: 12, h: 9 },
      { panel: logTable(ctx, eventApiErrors, [{ label: 'status_code', header: 'Status' }, { label: 'model', header: 'Model' }, { label: 'error', header: 'Error' }], 'Errors'), w: 12, h: 9 },
    ],
  };
}
