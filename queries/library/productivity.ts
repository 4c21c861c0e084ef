/**
 * Productivity queries: lines of code, commits, pull requests and edit decisions. Commits and pull
 * requests count only what Claude Code itself created; the first commit of every session is exactly the
 * one `increase()` loses, which is why these use exact totals.
 */
import { label } from '../context.js';
import { div } from '../promql/builders.js';
import { attr, grandTotal, sumTotals } from './common.js';
import { defineQuery } from './definition.js';

export const linesByType = defineQuery({
  id: 'lines.byType',
  title: 'Lines of code',
  measure: 'count',
  description: 'Lines of code added and removed by Claude Code within the range, counted exactly per session series.',
  groupBy: (ctx) => [label(ctx, 'type')],
  query: (ctx, c) => sumTotals(ctx, c, 'linesOfCode', { by: ['type'] }),
});

export const commitsTotal = defineQuery({
  id: 'commits.total',
  title: 'Commits',
  measure: 'count',
  description: 'Git commits Claude Code created within the range (only its own commits), counted exactly: each session\'s first commit included. Not filtered by model.',
  query: (ctx, c) => grandTotal(ctx, c, 'commits'),
});

export const pullRequestsTotal = defineQuery({
  id: 'pullRequests.total',
  title: 'Pull requests',
  measure: 'count',
  description: 'Pull requests Claude Code created within the range (shell or MCP tool), counted exactly. Not filtered by model.',
  query: (ctx, c) => grandTotal(ctx, c, 'pullRequests'),
});

export const editDecisionsByDecision = defineQuery({
  id: 'edits.byDecision',
  title: 'Edit decisions',
  measure: 'count',
  description: 'Permission decisions for Edit, Write and NotebookEdit within the range, accepted vs rejected. Not filtered by model.',
  groupBy: (ctx) => [label(ctx, 'decision')],
  query: (ctx, c) => sumTotals(ctx, c, 'editDecisions', { by: ['decision'] }),
});

export const editDecisionsByTool = defineQuery({
  id: 'edits.byTool',
  title: 'Edit decisions by tool',
  measure: 'count',
  description: 'Edit permission decisions within the range per tool (Edit, Write, NotebookEdit) and decision.',
  groupBy: (ctx) => [label(ctx, 'tool_name'), label(ctx, 'decision')],
  query: (ctx, c) => sumTotals(ctx, c, 'editDecisions', { by: ['tool_name', 'decision'] }),
});

export const editAcceptRate = defineQuery({
  id: 'edits.acceptRate',
  title: 'Edit accept rate',
  measure: 'ratio',
  description: 'Accepted / all edit permission decisions (Edit, Write, NotebookEdit) within the range. Not filtered by model.',
  query: (ctx, c) => div(sumTotals(ctx, c, 'editDecisions', { extra: [attr('decision', 'accept')] }), sumTotals(ctx, c, 'editDecisions')),
});

/** All productivity queries, in display order. */
export const PRODUCTIVITY_QUERIES = [linesByType, commitsTotal, pullRequestsTotal, editDecisionsByDecision, editDecisionsByTool, editAcceptRate];
