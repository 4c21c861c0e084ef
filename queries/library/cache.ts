/**
 * Prompt-cache queries: hit rate and the money the cache saved.
 *
 * Hit rate = cacheRead / (input + cacheRead + cacheCreation): every prompt token is exactly one of the
 * three, so this is the share of prompt tokens served from cache. Output tokens are not prompt tokens and
 * stay out of the denominator. Savings are priced per model from the configured price table: what
 * the cache reads would have cost as fresh input, minus what they did cost, minus the premium paid for
 * writing to the cache.
 */
import { label, type QueryContext } from '../context.js';
import { by, div, mul, on, orZero, sub, sum } from '../promql/builders.js';
import type { InstantVector } from '../promql/types.js';
import { attr, attrIn, priceVector, PRICE_MODEL_LABEL, sumTotals, totals, withPriceModel } from './common.js';
import { defineQuery, type Counters } from './definition.js';

const PROMPT_TYPES = ['input', 'cacheRead', 'cacheCreation'];

export const cacheHitRate = defineQuery({
  id: 'cache.hitRate',
  title: 'Cache hit rate',
  measure: 'ratio',
  description:
    'Share of prompt tokens served from the prompt cache within the range: cacheRead / (input + cacheRead + cacheCreation). Output tokens are excluded: they are never cached.',
  query: (ctx, c) =>
    div(
      sumTotals(ctx, c, 'tokens', { extra: [attr('type', 'cacheRead')] }),
      sumTotals(ctx, c, 'tokens', { extra: [attrIn('type', PROMPT_TYPES)] }),
    ),
});

export const cacheHitRateByModel = defineQuery({
  id: 'cache.hitRateByModel',
  title: 'Cache hit rate by model',
  measure: 'ratio',
  description: 'Per model: cacheRead / (input + cacheRead + cacheCreation) tokens within the range.',
  groupBy: (ctx) => [label(ctx, 'model')],
  query: (ctx, c) =>
    div(
      sumTotals(ctx, c, 'tokens', { extra: [attr('type', 'cacheRead')], by: ['model'] }),
      sumTotals(ctx, c, 'tokens', { extra: [attrIn('type', PROMPT_TYPES)], by: ['model'] }),
    ),
});

/** Tokens of one type within the range, summed per price-table key of their model, times a per-token price. */
function pricedTokens(ctx: QueryContext, c: Counters, type: string, pricePerToken: InstantVector): InstantVector {
  const perModel = sum(withPriceModel(ctx, totals(ctx, c, 'tokens', [attr('type', type)])), by(PRICE_MODEL_LABEL));
  return orZero(sum(mul(perModel, pricePerToken, on(PRICE_MODEL_LABEL))));
}

export const cacheSavings = defineQuery({
  id: 'cache.savingsUsd',
  title: 'Cache savings',
  measure: 'usd',
  description:
    'USD saved by the prompt cache within the range, priced per model from the configured price table: cacheRead tokens × (input price − cache-read price) − cacheCreation tokens × (cache-write price − input price). Models missing from the price table are not counted.',
  query: (ctx, c) =>
    sub(
      pricedTokens(ctx, c, 'cacheRead', priceVector(ctx, (p) => p.input - p.cacheRead)),
      pricedTokens(ctx, c, 'cacheCreation', priceVector(ctx, (p) => p.cacheWrite - p.input)),
    ),
});

/** All cache queries, in display order. */
export const CACHE_QUERIES = [cacheHitRate, cacheHitRateByModel, cacheSavings];
