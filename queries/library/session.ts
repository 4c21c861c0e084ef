/**
 * Session drill-down queries (LogQL): one session's events in `event.sequence` order, its events by
 * name, and its cost and tokens as its api_request events report them (the metrics cannot say: the
 * recording rules add every counter but the session count up over sessions, queries/counters.ts).
 */
import { by, countOverTime, keep, lineFormat, orZero, overTime, pipe, ranges, sum, unwrap } from '../logql/builders.js';
import { defineLogQuery, eventIs, events, eventsOf, visibleFields } from './event-common.js';
import { eventLine } from './events.js';

export const sessionTimeline = defineLogQuery({
  id: 'session.timeline',
  title: 'Session timeline',
  measure: 'logs',
  kind: 'logs',
  description:
    'The session\'s events, ordered by event.sequence (Claude Code numbers each session\'s events; the table sorts on it, so events written in the same millisecond keep their order). Prompts and tool details only when the configuration opts in.',
  build: (ctx) => pipe(events(ctx), keep(...visibleFields(ctx)), lineFormat(eventLine(ctx))),
});

export const sessionEventsByName = defineLogQuery({
  id: 'session.eventsByName',
  title: 'Events by name',
  measure: 'count',
  kind: 'instant',
  description: 'The session\'s events within the range by event name.',
  build: (ctx) => sum(countOverTime(events(ctx, keep('event_name')), ranges.range), by('event_name')),
});

export const sessionEventCost = defineLogQuery({
  id: 'session.eventCost',
  title: 'Cost (api_request events)',
  measure: 'usd',
  kind: 'instant',
  description: 'The session\'s cost within the range as the sum of cost_usd over its api_request events; Claude Code reports the same cost in the cost metric, which the recording rules add up over sessions.',
  build: (ctx) => orZero(sum(overTime('sum_over_time', unwrap(eventsOf(ctx, eventIs('api_request'), keep('cost_usd')), 'cost_usd'), ranges.range))),
});

/** Token fields of an api_request event, in the order of the metric's `type` values. */
export const EVENT_TOKEN_FIELDS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_creation_tokens'] as const;

/** The session's tokens of one kind within the range, from its api_request events. */
export function sessionEventTokens(tokenField: (typeof EVENT_TOKEN_FIELDS)[number]) {
  return defineLogQuery({
    id: `session.eventTokens.${tokenField}`,
    title: tokenField.replace('_tokens', '').replace('_', ' '),
    measure: 'tokens',
    kind: 'instant',
    description: `The session's ${tokenField} within the range, summed over its api_request events.`,
    build: (ctx) => orZero(sum(overTime('sum_over_time', unwrap(eventsOf(ctx, eventIs('api_request'), keep(tokenField)), tokenField), ranges.range))),
  });
}

/** All session queries, in display order. */
export const SESSION_EVENT_QUERIES = [sessionTimeline, sessionEventsByName, sessionEventCost, ...EVENT_TOKEN_FIELDS.map(sessionEventTokens)];
