/**
 * A price written into the query: token counts multiplied by a per-token USD literal (`* 0.000003`),
 * or divided by a million and multiplied by a per-million price. One number cannot be right for every
 * model (Opus, Sonnet and Haiku prices differ many times over) nor for cache reads and writes, which are
 * billed at other rates than input.
 */
import type { BinaryInfo } from '../../promql/analyze.js';
import type { Rule } from '../../types.js';
import { claudeMetricOf } from './claude-code-metrics.js';

/** The highest per-token price in USD (a per-million price above $100 is not a real model's). */
const MAX_PER_TOKEN = 1e-4;

const readsTokens = (side: BinaryInfo['lhs']): boolean => side.some((s) => claudeMetricOf(s)?.metric === 'tokens');

/** The literal a token side is multiplied by, when it is one. */
function priceFactor(b: BinaryInfo): number | undefined {
  if (b.op !== '*') return undefined;
  if (readsTokens(b.lhs) && b.rhsNumber !== undefined) return b.rhsNumber;
  if (readsTokens(b.rhs) && b.lhsNumber !== undefined) return b.lhsNumber;
  return undefined;
}

export const hardcodedPrice: Rule = {
  id: 'claude-code-hardcoded-price',
  category: 'claude-code',
  severity: 'warning',
  description: 'No token price is written into a query (token usage × a per-token USD literal, or ÷ 1e6 × a per-million price).',
  why: 'One price cannot fit every model (Opus, Sonnet and Haiku differ many times over) nor cache reads and writes, which are billed at other rates than input: the dollars shown are wrong for every other model and go stale with each price change.',
  advice: "Use Claude Code's own cost metric for spend, and a per-model price table for derived dollars (cache savings); `priceVector` in this package builds one from the configuration.",
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const binaries = ctx.dashboard.promql(target).binaries;
      const perMillion = binaries.some((b) => b.op === '/' && readsTokens(b.lhs) && b.rhsNumber !== undefined && b.rhsNumber >= 1e6);
      for (const b of binaries) {
        const factor = priceFactor(b);
        if (factor === undefined || factor <= 0) continue;
        if (factor <= MAX_PER_TOKEN || (perMillion && factor <= 100)) {
          ctx.report({
            pointer: `${target.pointer}/expr`,
            message: `Token usage is multiplied by the fixed price ${factor}${perMillion && factor > MAX_PER_TOKEN ? ' per million' : ' per token'}: right for one model's one token type at most.`,
          });
          break;
        }
      }
    }
  },
};
