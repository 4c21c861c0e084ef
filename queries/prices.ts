/**
 * Default per-model prices (USD per million tokens), from Anthropic's pricing page as of 2026-08-21
 * (https://www.anthropic.com/pricing). Used only to price cache savings; Claude Code's own cost
 * metric is reported by Claude Code and never recomputed here.
 *
 * Keys are model id prefixes: `claude-opus-4-5` prices `claude-opus-4-5-20251101` and `claude-opus-4-5[1m]`.
 * The longest matching prefix wins.
 */

/** Prices of one model, USD per million tokens. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  /** Cache read (hit) price. */
  readonly cacheRead: number;
  /** Cache write price; Claude Code's `cacheCreation` tokens do not say 5m or 1h, so the 5-minute rate is the default. */
  readonly cacheWrite: number;
}

const OPUS_45_PLUS: ModelPrice = { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 };
const OPUS_4: ModelPrice = { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 };
const SONNET_4: ModelPrice = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

/** The default price table. */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-5': OPUS_45_PLUS,
  'claude-opus-4-8': OPUS_45_PLUS,
  'claude-opus-4-7': OPUS_45_PLUS,
  'claude-opus-4-6': OPUS_45_PLUS,
  'claude-opus-4-5': OPUS_45_PLUS,
  'claude-opus-4-1': OPUS_4,
  'claude-opus-4': OPUS_4,
  'claude-sonnet-5': { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
  'claude-sonnet-4-6': SONNET_4,
  'claude-sonnet-4-5': SONNET_4,
  'claude-sonnet-4': SONNET_4,
  'claude-haiku-4-5': { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
};

/** The price-table key for a model id (longest matching prefix), or `undefined` when none matches. */
export function priceKeyFor(model: string, prices: Readonly<Record<string, ModelPrice>>): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(prices)) {
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best;
}
