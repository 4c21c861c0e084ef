/**
 * Session details: one row per session (id and user) with its first and last cost report, duration,
 * models, cost, tokens, lines and commits within the range. The summed rules have no session id
 * (counters.ts), so these read the per-session rules (session-rules.ts); every column is limited to
 * the sessions with the highest cost, so the table stays bounded however many sessions ran. The
 * per-session rules have no raw fallback: without the recording rules the table is empty.
 */
import { configMatchers, filtersFor, identityLabel, label, type QueryContext } from '../context.js';
import { and, by, count, div, matchVariable, max, maxOverTime, min, minOverTime, num, on, range, selector, sub, sum, sumOverTime, topk } from '../promql/builders.js';
import { grafana } from '../promql/macros.js';
import type { InstantVector, VectorSelector } from '../promql/types.js';
import { SESSION_REPORTED_AT_RULE, sessionRuleName, summedAttributes, type SessionMetricKey } from '../session-rules.js';
import { withIdentity } from './common.js';
import { defineQuery } from './definition.js';

/** How many sessions the table lists: the most expensive ones in the range. */
export const TOP_SESSIONS = 50;

/** A per-session rule's selector, with the dashboard filters on the labels that rule keeps. */
function sessionRuleSelector(ctx: QueryContext, metric: SessionMetricKey, record: string = sessionRuleName(metric)): VectorSelector {
  const summedAway = new Set(summedAttributes(metric));
  if (record === SESSION_REPORTED_AT_RULE) summedAway.add('model');
  const matchers = [
    ...configMatchers(ctx.config),
    ...filtersFor(ctx, metric).filter((f) => !summedAway.has(f.attribute)).map((f) => matchVariable(label(ctx, f.attribute), f.variable)),
  ];
  return selector(record, matchers);
}

/** The labels of every column: session id and user (identity, or its fallback). */
function sessionKey(ctx: QueryContext, ...extra: string[]): ReturnType<typeof by> {
  return by(label(ctx, 'session.id'), identityLabel(ctx), ...extra);
}

/** Per session: what `metric` reported within the range. */
function perSession(ctx: QueryContext, metric: SessionMetricKey, extra: readonly string[] = []): InstantVector {
  return sum(withIdentity(ctx, sumOverTime(range(sessionRuleSelector(ctx, metric), grafana.range))), sessionKey(ctx, ...extra));
}

/** The sessions with the highest cost within the range (the table's rows). */
function topSessions(ctx: QueryContext): InstantVector {
  return topk(TOP_SESSIONS, perSession(ctx, 'cost'));
}

/** `v` for the table's sessions only. */
function forTopSessions(ctx: QueryContext, v: InstantVector): InstantVector {
  return and(v, topSessions(ctx), on(label(ctx, 'session.id')));
}

/** Per session: the first (`min`) or last (`max`) scrape time of a cost report within the range, in ms. */
function reportTime(ctx: QueryContext, which: 'first' | 'last'): InstantVector {
  const sel = range(sessionRuleSelector(ctx, 'cost', SESSION_REPORTED_AT_RULE), grafana.range);
  const perSeries = withIdentity(ctx, which === 'first' ? minOverTime(sel) : maxOverTime(sel));
  return which === 'first' ? min(perSeries, sessionKey(ctx)) : max(perSeries, sessionKey(ctx));
}

/** The table's row key, stated once for every column: the session and its user. */
const sessionRowKeys = (ctx: QueryContext): string[] => [label(ctx, 'session.id'), identityLabel(ctx)];

const ROWS = `Listed: the ${TOP_SESSIONS} sessions with the highest cost within the range. Needs the per-session recording rules (no raw fallback).`;
const TIMES = 'Times are those of the scrapes that first showed each cost report (within one scrape interval of the export).';

export const sessionTableCost = defineQuery({
  id: 'sessionTable.cost',
  title: 'Cost per session',
  measure: 'usd',
  description: `Per session: cost within the range, counted exactly from the per-session rules. ${ROWS}`,
  groupBy: sessionRowKeys,
  query: (ctx) => topSessions(ctx),
});

export const sessionTableTokens = defineQuery({
  id: 'sessionTable.tokens',
  title: 'Tokens per session',
  measure: 'tokens',
  description: `Per session: tokens of every type within the range. ${ROWS}`,
  groupBy: sessionRowKeys,
  query: (ctx) => forTopSessions(ctx, perSession(ctx, 'tokens')),
});

export const sessionTableLines = defineQuery({
  id: 'sessionTable.lines',
  title: 'Lines per session',
  measure: 'count',
  description: `Per session: lines of code added plus removed within the range. ${ROWS}`,
  groupBy: sessionRowKeys,
  query: (ctx) => forTopSessions(ctx, perSession(ctx, 'linesOfCode')),
});

export const sessionTableCommits = defineQuery({
  id: 'sessionTable.commits',
  title: 'Commits per session',
  measure: 'count',
  description: `Per session: commits Claude Code created within the range. ${ROWS}`,
  groupBy: sessionRowKeys,
  query: (ctx) => forTopSessions(ctx, perSession(ctx, 'commits')),
});

export const sessionTableModels = defineQuery({
  id: 'sessionTable.models',
  title: 'Models per session',
  measure: 'count',
  description: `Per session: how many models reported cost within the range. ${ROWS}`,
  groupBy: sessionRowKeys,
  query: (ctx) => forTopSessions(ctx, count(perSession(ctx, 'cost', [label(ctx, 'model')]), sessionKey(ctx))),
});

export const sessionTableStart = defineQuery({
  id: 'sessionTable.start',
  title: 'Session start',
  measure: 'timestamp',
  description: `Per session: its first cost report within the range (its start, for sessions that began in it). ${TIMES} ${ROWS}`,
  groupBy: sessionRowKeys,
  query: (ctx) => forTopSessions(ctx, reportTime(ctx, 'first')),
});

export const sessionTableDuration = defineQuery({
  id: 'sessionTable.duration',
  title: 'Session duration',
  measure: 'seconds',
  description: `Per session: from its first to its last cost report within the range. ${TIMES} ${ROWS}`,
  groupBy: sessionRowKeys,
  query: (ctx) => forTopSessions(ctx, div(sub(reportTime(ctx, 'last'), reportTime(ctx, 'first')), num(1000))),
});

/** All session-table queries, in column order. */
export const SESSION_TABLE_QUERIES = [
  sessionTableStart,
  sessionTableDuration,
  sessionTableModels,
  sessionTableCost,
  sessionTableTokens,
  sessionTableLines,
  sessionTableCommits,
];
