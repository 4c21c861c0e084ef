/**
 * Cost queries: what Claude Code estimated it cost (its `cost.usage` metric, a client-side estimate from
 * its own price table, not billing), in total and broken down by model, user, terminal, query source and
 * effort, plus unit costs.
 */
import { identityLabel, label, type QueryContext } from '../context.js';
import { div, num, sum } from '../promql/builders.js';
import { grafana } from '../promql/macros.js';
import { attr, grandTotal, sumByIdentity, sumTotals, totals } from './common.js';
import { defineQuery, type Counters } from './definition.js';

const EXACT =
  'Counted exactly from the claude-code-dashboards recording rules: every increment each session reported within the range, its first export and resets included (plain increase() drops each session\'s first export).';

/** Total cost over the range. */
export const costTotal = defineQuery({
  id: 'cost.total',
  title: 'Total cost',
  measure: 'usd',
  description: `Estimated cost in USD reported by Claude Code within the selected time range. ${EXACT}`,
  query: (ctx, c) => grandTotal(ctx, c, 'cost'),
});

/** Cost summed by one attribute; series without the attribute are left out rather than shown blank. */
function costBy(attribute: string) {
  return (ctx: QueryContext, c: Counters) =>
    sumTotals(ctx, c, 'cost', { by: [attribute], extra: [{ attribute, op: '!=', value: '' }] });
}

export const costByModel = defineQuery({
  id: 'cost.byModel',
  title: 'Cost by model',
  measure: 'usd',
  description: `Estimated cost in USD within the range, per model id (as reported, e.g. claude-opus-5[1m]). ${EXACT}`,
  groupBy: (ctx) => [label(ctx, 'model')],
  query: costBy('model'),
});

export const costByUser = defineQuery({
  id: 'cost.byUser',
  title: 'Cost by user',
  measure: 'usd',
  description: `Estimated cost in USD within the range, per user (the configured identity label; users without it appear as their fallback id). ${EXACT}`,
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) => sumByIdentity(ctx, totals(ctx, c, 'cost')),
});

export const costByTerminal = defineQuery({
  id: 'cost.byTerminal',
  title: 'Cost by terminal',
  measure: 'usd',
  description: `Estimated cost in USD within the range, per terminal type (vscode, iTerm.app, tmux, ...). ${EXACT}`,
  groupBy: (ctx) => [label(ctx, 'terminal.type')],
  query: costBy('terminal.type'),
});

export const costByQuerySource = defineQuery({
  id: 'cost.byQuerySource',
  title: 'Cost by query source',
  measure: 'usd',
  description: `Estimated cost in USD within the range, by query source: main conversation, subagents, or auxiliary requests (titles, summaries). ${EXACT}`,
  groupBy: (ctx) => [label(ctx, 'query_source')],
  query: costBy('query_source'),
});

export const costByEffort = defineQuery({
  id: 'cost.byEffort',
  title: 'Cost by effort',
  measure: 'usd',
  description: `Estimated cost in USD within the range, by reasoning effort level (low ... max); requests without an effort level are not shown. ${EXACT}`,
  groupBy: (ctx) => [label(ctx, 'effort')],
  query: costBy('effort'),
});

export const costPerDay = defineQuery({
  id: 'cost.averagePerDay',
  title: 'Average cost per day',
  measure: 'usd',
  description: 'Total cost within the range divided by the length of the range in days ($__range_s / 86400). Compare with the daily budget.',
  query: (ctx, c) => div(grandTotal(ctx, c, 'cost'), div(grafana.rangeSeconds, num(86_400))),
});

export const costPerActiveHour = defineQuery({
  id: 'cost.perActiveHour',
  title: 'Cost per active hour',
  measure: 'usd',
  description: 'Total cost divided by total active time (user + cli) in hours, both within the range.',
  query: (ctx, c) => div(sumTotals(ctx, c, 'cost'), div(sumTotals(ctx, c, 'activeTime'), num(3600))),
});

export const costPerThousandOutputTokens = defineQuery({
  id: 'cost.per1kOutputTokens',
  title: 'Cost per 1k output tokens',
  measure: 'usd',
  description: 'Total cost divided by output tokens / 1000, within the range: what a thousand tokens of answer cost, input and cache included.',
  query: (ctx, c) => div(sumTotals(ctx, c, 'cost'), div(sumTotals(ctx, c, 'tokens', { extra: [attr('type', 'output')] }), num(1000))),
});

export const costPerCommit = defineQuery({
  id: 'cost.perCommit',
  title: 'Cost per commit',
  measure: 'usd',
  description: 'Total cost divided by the commits Claude Code created, within the range. Not filtered by model: commits carry no model label.',
  query: (ctx, c) => div(sumTotals(ctx, c, 'cost'), sum(totals(ctx, c, 'commits'))),
});

export const costPerPullRequest = defineQuery({
  id: 'cost.perPullRequest',
  title: 'Cost per pull request',
  measure: 'usd',
  description: 'Total cost divided by the pull requests Claude Code created, within the range. Not filtered by model: pull requests carry no model label.',
  query: (ctx, c) => div(sumTotals(ctx, c, 'cost'), sum(totals(ctx, c, 'pullRequests'))),
});

/** All cost queries, in display order. */
export const COST_QUERIES = [
  costTotal,
  costByModel,
  costByUser,
  costByTerminal,
  costByQuerySource,
  costByEffort,
  costPerDay,
  costPerActiveHour,
  costPerThousandOutputTokens,
  costPerCommit,
  costPerPullRequest,
];
