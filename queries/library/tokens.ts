/**
 * Token queries: Claude Code's `token.usage` metric by type (input, output, cacheRead, cacheCreation) and
 * model. Cache reads usually dominate the count, so totals are shown split by type.
 */
import { identityLabel, label } from '../context.js';
import { grandTotal, sumByIdentity, sumTotals, totals } from './common.js';
import { defineQuery } from './definition.js';

const EXACT = 'Counted exactly from the recording rules: every increment each session reported within the range, first export and resets included.';

export const tokensTotal = defineQuery({
  id: 'tokens.total',
  title: 'Total tokens',
  measure: 'tokens',
  description: `All tokens (input, output, cache read, cache creation) reported within the range. Cache reads usually dominate. ${EXACT}`,
  query: (ctx, c) => grandTotal(ctx, c, 'tokens'),
});

export const tokensByType = defineQuery({
  id: 'tokens.byType',
  title: 'Tokens by type',
  measure: 'tokens',
  description: `Tokens within the range by type: input, output, cacheRead (served from the prompt cache) and cacheCreation (written to it). ${EXACT}`,
  groupBy: (ctx) => [label(ctx, 'type')],
  query: (ctx, c) => sumTotals(ctx, c, 'tokens', { by: ['type'] }),
});

export const tokensByModel = defineQuery({
  id: 'tokens.byModel',
  title: 'Tokens by model',
  measure: 'tokens',
  description: `All tokens within the range, per model id. ${EXACT}`,
  groupBy: (ctx) => [label(ctx, 'model')],
  query: (ctx, c) => sumTotals(ctx, c, 'tokens', { by: ['model'] }),
});

export const tokensByModelAndType = defineQuery({
  id: 'tokens.byModelAndType',
  title: 'Tokens by model and type',
  measure: 'tokens',
  description: `Tokens within the range per model and token type. ${EXACT}`,
  groupBy: (ctx) => [label(ctx, 'model'), label(ctx, 'type')],
  query: (ctx, c) => sumTotals(ctx, c, 'tokens', { by: ['model', 'type'] }),
});

export const tokensByUser = defineQuery({
  id: 'tokens.byUser',
  title: 'Tokens by user',
  measure: 'tokens',
  description: `All tokens within the range, per user (identity label, with fallback id for users without it). ${EXACT}`,
  groupBy: (ctx) => [identityLabel(ctx)],
  query: (ctx, c) => sumByIdentity(ctx, totals(ctx, c, 'tokens')),
});

/** All token queries, in display order. */
export const TOKEN_QUERIES = [tokensTotal, tokensByType, tokensByModel, tokensByModelAndType, tokensByUser];
