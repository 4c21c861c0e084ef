/**
 * Event queries (LogQL, Loki): the event log, event counts, sessions, the slowest API requests and the
 * API errors with their messages and status codes. Metric queries aggregate with `sum by`/`max by`
 * because every distinct structured-metadata set (each request id) is a series of its own in Loki.
 */
import type { QueryContext } from '../context.js';
import { by, countOverTime, keep, lineFormat, overTime, pipe, quantileOverTime, ranges, sum, topk, unwrap, aggregate, type LogQuery } from '../logql/builders.js';
import { defineLogQuery, eventIs, events, eventsOf, identityField, visibleFields } from './event-common.js';

/** How many rows the "slowest" tables show. */
export const SLOWEST_LIMIT = 20;

/** `{{ with .x }} x={{.}}{{ end }}` for each field: only the fields an event has appear in its line. */
function withFields(fields: readonly string[]): string {
  return fields.map((f) => `{{ with .${f} }} ${f}={{ . }}{{ end }}`).join('');
}

/** The readable line of an event: its name, then the fields it has; opted-in prompts and tool details last. */
export function eventLine(ctx: QueryContext): string {
  const details = [...(ctx.config.events.showPrompts ? ['prompt', 'response'] : []), ...(ctx.config.events.showToolDetails ? ['tool_parameters', 'tool_input', 'error'] : [])];
  return `{{ .event_name }}${withFields(['tool_name', 'success', 'decision', 'model', 'duration_ms', 'status_code', 'cost_usd', 'event_sequence', ...details])}`;
}

/** The event log of the filtered streams, with only the visible fields and a readable line. */
export function eventLog(ctx: QueryContext, base: LogQuery = events(ctx)): LogQuery {
  return pipe(base, keep(...visibleFields(ctx)), lineFormat(eventLine(ctx)));
}

export const eventsLog = defineLogQuery({
  id: 'events.log',
  title: 'Event log',
  measure: 'logs',
  kind: 'logs',
  description:
    'Every Claude Code event (OTLP log record in Loki) matching the filters, newest first. The line shows the event name and the fields it has; open a line for all visible fields. Prompts, responses, tool parameters and inputs are never shown unless the configuration opts in (events.showPrompts, events.showToolDetails).',
  build: (ctx) => eventLog(ctx),
});

export const eventsByName = defineLogQuery({
  id: 'events.byName',
  title: 'Events by name',
  measure: 'count',
  kind: 'range',
  description: 'Events per graph step by event name (count_over_time of the filtered records, summed by event_name).',
  build: (ctx) => sum(countOverTime(events(ctx, keep('event_name')), ranges.auto), by('event_name')),
});

export const eventsSessions = defineLogQuery({
  id: 'events.sessions',
  title: 'Sessions',
  measure: 'count',
  kind: 'instant',
  description: 'Sessions with events in the range, with their user and event count; the session id links to the session dashboard.',
  build: (ctx) => sum(countOverTime(events(ctx, keep('session_id', identityField(ctx))), ranges.range), by('session_id', identityField(ctx))),
});

export const eventsSessionCost = defineLogQuery({
  id: 'events.sessionCost',
  title: 'Cost by session',
  measure: 'usd',
  kind: 'instant',
  description: 'Cost per session within the range: the sum of cost_usd over its api_request events (a client-side estimate, as the cost metric).',
  build: (ctx) => sum(overTime('sum_over_time', unwrap(eventsOf(ctx, eventIs('api_request'), keep('session_id', identityField(ctx), 'cost_usd')), 'cost_usd'), ranges.range), by('session_id', identityField(ctx))),
});

export const slowestRequests = defineLogQuery({
  id: 'events.slowestRequests',
  title: 'Slowest API requests',
  measure: 'milliseconds',
  kind: 'instant',
  description: `The ${SLOWEST_LIMIT} slowest API requests in the range by duration_ms of their api_request event, with model, query source and session.`,
  build: (ctx) => {
    const labels = ['request_id', 'model', 'query_source', 'session_id'];
    const requests = unwrap(eventsOf(ctx, eventIs('api_request'), keep(...labels, 'duration_ms')), 'duration_ms');
    return topk(SLOWEST_LIMIT, aggregate('max', overTime('max_over_time', requests, ranges.range), by(...labels)));
  },
});

export const requestLatencyP95 = defineLogQuery({
  id: 'events.requestLatencyP95',
  title: 'API request duration p95 by model',
  measure: 'milliseconds',
  kind: 'range',
  description: 'The 95th percentile of duration_ms over the api_request events of each graph step, by model (exact over the events, no histogram buckets).',
  build: (ctx) => quantileOverTime(0.95, unwrap(eventsOf(ctx, eventIs('api_request'), keep('model', 'duration_ms')), 'duration_ms'), ranges.auto, ['model']),
});

export const eventApiErrors = defineLogQuery({
  id: 'events.apiErrors',
  title: 'API errors',
  measure: 'count',
  kind: 'instant',
  description: 'API errors in the range (api_error events: emitted once per failed request, after retries) by status code, model and error message. A missing status code is a non-HTTP error (a timeout, a dropped connection).',
  build: (ctx) => sum(countOverTime(eventsOf(ctx, eventIs('api_error'), keep('status_code', 'model', 'error')), ranges.range), by('status_code', 'model', 'error')),
});

export const apiErrorLog = defineLogQuery({
  id: 'events.apiErrorLog',
  title: 'API error log',
  measure: 'logs',
  kind: 'logs',
  description: 'Each api_error and api_retries_exhausted event: status code, model, attempts and the error message the API returned.',
  build: (ctx) =>
    pipe(
      eventsOf(ctx, eventIs('api_error', 'api_retries_exhausted')),
      keep(...visibleFields(ctx), 'error', 'total_attempts', 'total_retry_duration_ms'),
      lineFormat(`{{ .event_name }}${withFields(['status_code', 'model', 'attempt', 'total_attempts', 'duration_ms', 'session_id'])} {{ .error }}`),
    ),
});

/** All event queries of the events dashboard, in display order. */
export const EVENT_QUERIES = [eventsByName, eventsLog, eventsSessions, eventsSessionCost, slowestRequests, requestLatencyP95, eventApiErrors, apiErrorLog];
