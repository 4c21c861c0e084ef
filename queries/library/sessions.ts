/**
 * Session queries. `session.count` is 1 per session series and never grows, so `increase()` of it is
 * about zero and a raw sum only sees sessions still exported. A session is counted when its
 * series first reports within the range: distinct `session_id`s whose counter reported a start.
 */
import { label } from '../context.js';
import { by, count, greaterThan, num, orZero, sum } from '../promql/builders.js';
import { totals } from './common.js';
import { defineQuery } from './definition.js';

const HOW =
  'Distinct session ids whose session counter first reported within the range (a resumed session that restarts its process is counted again under start type "resume").';

export const sessionsCount = defineQuery({
  id: 'sessions.count',
  title: 'Sessions',
  measure: 'count',
  description: `Sessions started within the range. ${HOW} Includes "agents_view" launches of the agents UI.`,
  query: (ctx, c) => orZero(count(greaterThan(sum(totals(ctx, c, 'sessionCount'), by(label(ctx, 'session.id'))), num(0)))),
});

export const sessionsByStartType = defineQuery({
  id: 'sessions.byStartType',
  title: 'Sessions by start type',
  measure: 'count',
  description: `Sessions started within the range by start type: fresh, resume, continue, agents_view. ${HOW}`,
  groupBy: (ctx) => [label(ctx, 'start_type')],
  query: (ctx, c) =>
    count(
      greaterThan(sum(totals(ctx, c, 'sessionCount'), by(label(ctx, 'session.id'), label(ctx, 'start_type'))), num(0)),
      by(label(ctx, 'start_type')),
    ),
});

export const sessionsByTerminal = defineQuery({
  id: 'sessions.byTerminal',
  title: 'Sessions by terminal',
  measure: 'count',
  description: `Sessions started within the range by terminal type. ${HOW}`,
  groupBy: (ctx) => [label(ctx, 'terminal.type')],
  query: (ctx, c) =>
    count(
      greaterThan(sum(totals(ctx, c, 'sessionCount'), by(label(ctx, 'session.id'), label(ctx, 'terminal.type'))), num(0)),
      by(label(ctx, 'terminal.type')),
    ),
});

/** All session queries, in display order. */
export const SESSION_QUERIES = [sessionsCount, sessionsByStartType, sessionsByTerminal];
