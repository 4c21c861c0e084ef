/**
 * User queries. A user is the configured identity (default `user_email`); users without it (API-key,
 * Bedrock, Vertex sessions) are counted by their fallback id (default `user_id`, an install id) instead
 * of disappearing. "Active" means reporting within the range, not being exported at its end.
 */
import { identityLabel, label, type QueryContext } from '../context.js';
import { by, count, div, greaterThan, num, or, orZero, sum } from '../promql/builders.js';
import type { InstantVector } from '../promql/types.js';
import { attr, sumByIdentity, totals, withIdentity } from './common.js';
import { defineQuery, type Counters } from './definition.js';

/**
 * One series per user (identity label, or fallback id when absent) who started a session or incurred
 * cost within the range, labelled by the identity only: the users the overview counts and lists, and
 * the values the per-user dashboard's user variable offers (dashboards/variables.ts).
 */
export function activeIdentities(ctx: QueryContext, c: Counters): InstantVector {
  return or(greaterThan(sumByIdentity(ctx, totals(ctx, c, 'sessionCount')), num(0)), greaterThan(sumByIdentity(ctx, totals(ctx, c, 'cost')), num(0)));
}

export const activeUsers = defineQuery({
  id: 'users.active',
  title: 'Active users',
  measure: 'count',
  description:
    'Distinct users (identity label, or fallback id when absent) who started a session or incurred cost within the selected range.',
  query: (ctx, c) => orZero(count(activeIdentities(ctx, c))),
});

export const sessionsByUser = defineQuery({
  id: 'users.sessions',
  title: 'Sessions by user',
  measure: 'count',
  description: 'Per user: distinct sessions started within the range.',
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) =>
    count(
      greaterThan(sum(withIdentity(ctx, totals(ctx, c, 'sessionCount')), by(identityLabel(ctx), label(ctx, 'session.id'))), num(0)),
      by(identityLabel(ctx)),
    ),
});

export const activeHoursByUser = defineQuery({
  id: 'users.activeHours',
  title: 'Active hours by user',
  measure: 'seconds',
  description: 'Per user: active time (keyboard + tool/response time) within the range, in seconds.',
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) => sumByIdentity(ctx, totals(ctx, c, 'activeTime')),
});

export const linesAddedByUser = defineQuery({
  id: 'users.linesAdded',
  title: 'Lines added by user',
  measure: 'count',
  description: 'Per user: lines of code added within the range.',
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) => sumByIdentity(ctx, totals(ctx, c, 'linesOfCode', [attr('type', 'added')])),
});

export const commitsByUser = defineQuery({
  id: 'users.commits',
  title: 'Commits by user',
  measure: 'count',
  description: 'Per user: commits Claude Code created within the range.',
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) => sumByIdentity(ctx, totals(ctx, c, 'commits')),
});

export const pullRequestsByUser = defineQuery({
  id: 'users.pullRequests',
  title: 'Pull requests by user',
  measure: 'count',
  description: 'Per user: pull requests Claude Code created within the range.',
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) => sumByIdentity(ctx, totals(ctx, c, 'pullRequests')),
});

export const costPerSessionByUser = defineQuery({
  id: 'users.costPerSession',
  title: 'Cost per session by user',
  measure: 'usd',
  description: 'Per user: cost within the range divided by the sessions they started within it.',
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) =>
    div(
      sumByIdentity(ctx, totals(ctx, c, 'cost')),
      count(
        greaterThan(sum(withIdentity(ctx, totals(ctx, c, 'sessionCount')), by(identityLabel(ctx), label(ctx, 'session.id'))), num(0)),
        by(identityLabel(ctx)),
      ),
    ),
});

/** All user queries, in display order. */
export const USER_QUERIES = [activeUsers, sessionsByUser, activeHoursByUser, linesAddedByUser, commitsByUser, pullRequestsByUser, costPerSessionByUser];
