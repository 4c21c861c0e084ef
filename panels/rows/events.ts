/**
 * The rows of the events dashboard (Loki): events over time, the event log, sessions linked to the
 * session dashboard, the slowest API requests and the API errors with their messages.
 */
import type { QueryContext } from '../../queries/context.js';
import { apiErrorLog, eventApiErrors, eventsByName, eventsLog, eventsSessionCost, eventsSessions, identityField, requestLatencyP95, slowestRequests, type LogQueryDefinition } from '../../queries/library/index.js';
import { DATASOURCE_VARIABLE } from '../common.js';
import { logsPanel } from '../factories/logs.js';
import { lokiMetricTable, type ColumnLink } from '../factories/log-table.js';
import { timeSeriesPanel } from '../factories/timeseries.js';
import type { RowSpec } from '../layout.js';
import { describeLog, LOKI_DATASOURCE_VARIABLE, lokiDatasource, logDecimalsFor, logQueryTarget, logUnitFor } from '../logql.js';

/** Where the session ids link to. */
export interface EventRowsOptions {
  readonly sessionDashboardUid: string;
}

/** The link from a session id cell to the session dashboard, keeping the time range and datasources. */
export function sessionLink(sessionDashboardUid: string, column = 'Session'): ColumnLink {
  return {
    column,
    title: 'Open this session',
    url: `/d/${sessionDashboardUid}?var-session=\${__value.raw}&\${__url_time_range}&var-${DATASOURCE_VARIABLE}=\${${DATASOURCE_VARIABLE}}&var-${LOKI_DATASOURCE_VARIABLE}=\${${LOKI_DATASOURCE_VARIABLE}}`,
  };
}

/** A time series of a LogQL range query. */
export function logTimeSeries(ctx: QueryContext, q: LogQueryDefinition, legend: string) {
  const decimals = logDecimalsFor(q.measure);
  return timeSeriesPanel({
    title: q.title,
    description: describeLog(q),
    unit: logUnitFor(q.measure),
    datasource: lokiDatasource(),
    targets: [logQueryTarget(ctx, q, { legend })],
    ...(decimals !== undefined ? { decimals } : {}),
  });
}

/** A table of a LogQL instant query: one row per series, its labels as columns. */
export function logTable(ctx: QueryContext, q: LogQueryDefinition, columns: readonly { label: string; header: string }[], valueHeader: string, links: readonly ColumnLink[] = []) {
  const decimals = logDecimalsFor(q.measure);
  return lokiMetricTable({
    title: q.title,
    description: describeLog(q),
    target: logQueryTarget(ctx, q),
    columns,
    valueHeader,
    unit: logUnitFor(q.measure),
    links,
    ...(decimals !== undefined ? { decimals } : {}),
  });
}

/** Events by name over time, and the event log. */
export function eventLogRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Events',
    panels: [
      { panel: logTimeSeries(ctx, eventsByName, '{{event_name}}'), w: 24, h: 7 },
      { panel: logsPanel({ title: eventsLog.title, description: describeLog(eventsLog), targets: [logQueryTarget(ctx, eventsLog, { maxLines: 1000 })] }), w: 24, h: 14 },
    ],
  };
}

/** Sessions with their event counts and cost, each linked to the session dashboard. */
export function eventSessionsRow(ctx: QueryContext, o: EventRowsOptions): RowSpec {
  const columns = [
    { label: 'session_id', header: 'Session' },
    { label: identityField(ctx), header: 'User' },
  ];
  return {
    title: 'Sessions',
    panels: [
      { panel: logTable(ctx, eventsSessions, columns, 'Events', [sessionLink(o.sessionDashboardUid)]), w: 12, h: 9 },
      { panel: logTable(ctx, eventsSessionCost, columns, 'Cost', [sessionLink(o.sessionDashboardUid)]), w: 12, h: 9 },
    ],
  };
}

/** The slowest API requests and the p95 request duration by model. */
export function slowRequestsRow(ctx: QueryContext, o: EventRowsOptions): RowSpec {
  const columns = [
    { label: 'model', header: 'Model' },
    { label: 'query_source', header: 'Query source' },
    { label: 'request_id', header: 'Request' },
    { label: 'session_id', header: 'Session' },
  ];
  return {
    title: 'API requests',
    panels: [
      { panel: logTable(ctx, slowestRequests, columns, 'Duration', [sessionLink(o.sessionDashboardUid)]), w: 14, h: 9 },
      { panel: logTimeSeries(ctx, requestLatencyP95, '{{model}}'), w: 10, h: 9 },
    ],
  };
}

/** API errors by status code, model and message, and the error log. */
export function apiErrorsRow(ctx: QueryContext): RowSpec {
  const columns = [
    { label: 'status_code', header: 'Status' },
    { label: 'model', header: 'Model' },
    { label: 'error', header: 'Error' },
  ];
  return {
    title: 'API errors',
    panels: [
      { panel: logTable(ctx, eventApiErrors, columns, 'Errors'), w: 12, h: 9 },
      { panel: logsPanel({ title: apiErrorLog.title, description: describeLog(apiErrorLog), targets: [logQueryTarget(ctx, apiErrorLog)] }), w: 12, h: 9 },
    ],
  };
}
