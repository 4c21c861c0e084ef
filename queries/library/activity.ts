/**
 * Active-time queries: Claude Code's `active_time.total`, by type: `user` (keyboard interaction) and
 * `cli` (tool execution and response generation). Active time is not session length.
 */
import { label } from '../context.js';
import { div } from '../promql/builders.js';
import { attr, grandTotal, sumTotals } from './common.js';
import { defineQuery } from './definition.js';

export const activeTimeTotal = defineQuery({
  id: 'activeTime.total',
  title: 'Active time',
  measure: 'seconds',
  description: 'Active time within the range, user (keyboard) plus cli (tools and responses), counted exactly per session series. Not filtered by model: active time carries no model label.',
  query: (ctx, c) => grandTotal(ctx, c, 'activeTime'),
});

export const activeTimeByType = defineQuery({
  id: 'activeTime.byType',
  title: 'Active time by type',
  measure: 'seconds',
  description: 'Active time within the range by type: user (keyboard interaction) and cli (tool execution and response generation). Not filtered by model.',
  groupBy: (ctx) => [label(ctx, 'type')],
  query: (ctx, c) => sumTotals(ctx, c, 'activeTime', { by: ['type'] }),
});

export const cliTimePerUserTime = defineQuery({
  id: 'activeTime.cliPerUserTime',
  title: 'CLI time per user time',
  measure: 'multiple',
  description:
    'Productivity ratio within the range: active time of type cli (tools running, responses generated) divided by type user (keyboard interaction). 3 means Claude Code worked three seconds for every second a user spent at the keyboard. Not filtered by model.',
  query: (ctx, c) => div(sumTotals(ctx, c, 'activeTime', { extra: [attr('type', 'cli')] }), sumTotals(ctx, c, 'activeTime', { extra: [attr('type', 'user')] })),
});

/** All active-time queries, in display order. */
export const ACTIVITY_QUERIES = [activeTimeTotal, activeTimeByType, cliTimePerUserTime];
