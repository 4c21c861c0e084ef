/** A cache hit rate divides cache reads by input + cacheRead + cacheCreation, nothing else. */
import { METRICS } from '../../../../queries/catalog.js';
import { labelName } from '../../../../queries/naming.js';
import type { Selector } from '../../promql/analyze.js';
import type { LintSettings } from '../../settings.js';
import type { Rule } from '../../types.js';
import { claudeMetricOf } from './claude-code-metrics.js';

const TOKEN_TYPES: readonly string[] = METRICS.tokens.enums.type ?? [];
const DENOMINATOR = ['input', 'cacheRead', 'cacheCreation'];

/** The token types a regex such as `input|cacheRead` or `^(input|cacheRead)$` matches, or all when unknown. */
function typesMatching(regex: string): Set<string> {
  try {
    const re = new RegExp(`^(?:${regex})$`);
    return new Set(TOKEN_TYPES.filter((t) => re.test(t)));
  } catch {
    return new Set(TOKEN_TYPES);
  }
}

/** The token types a token-usage selector reads (all four when it has no type matcher). */
function typesOf(selector: Selector, settings: LintSettings): Set<string> {
  let types = new Set(TOKEN_TYPES);
  const typeLabel = labelName(settings.naming, 'type');
  for (const m of selector.matchers) {
    if (m.label !== typeLabel || m.value.includes('$')) continue;
    const matched = m.op === '=' || m.op === '!=' ? new Set(TOKEN_TYPES.filter((t) => t === m.value)) : typesMatching(m.value);
    const keep = m.op === '=' || m.op === '=~' ? matched : new Set(TOKEN_TYPES.filter((t) => !matched.has(t)));
    types = new Set([...types].filter((t) => keep.has(t)));
  }
  return types;
}

/** The union of token types read by the token selectors of one side, or undefined when it reads none. */
function sideTypes(selectors: readonly Selector[], settings: LintSettings): Set<string> | undefined {
  const tokens = selectors.filter((s) => claudeMetricOf(s)?.metric === 'tokens');
  if (tokens.length === 0) return undefined;
  return new Set(tokens.flatMap((s) => [...typesOf(s, settings)]));
}

/** Words that make a cacheRead ratio a share of tokens (a different, legitimate number), unless "hit" is said too. */
const SHARE = /\bshare\b|of (all|total)\b|% of\b|\bproportion\b|\bdistribution\b|\bbreakdown\b|\bmix\b/i;

/** True when the panel or query says it shows a share of tokens, not a hit rate. */
function isTokenShare(texts: readonly unknown[]): boolean {
  const text = texts.filter((t): t is string => typeof t === 'string').join(' ');
  return SHARE.test(text) && !/\bhit/i.test(text);
}

export const cacheHitDenominator: Rule = {
  id: 'claude-code-cache-hit-denominator',
  category: 'claude-code',
  severity: 'error',
  description: 'A cache hit rate is cacheRead / (input + cacheRead + cacheCreation) over token usage (a panel that says it shows a share of tokens, without "hit", is not a hit rate).',
  why: 'Leaving out cacheCreation (cache writes) overstates the hit rate; adding output tokens understates it, because output is never cached.',
  advice: 'Divide by the token usage of type=~"input|cacheRead|cacheCreation" over the same window and labels.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const { title, description } = target.panel.panel;
      if (isTokenShare([title, description, target.target.legendFormat])) continue;
      for (const binary of ctx.dashboard.promql(target).binaries) {
        if (binary.op !== '/') continue;
        const numerator = sideTypes(binary.lhs, ctx.settings);
        const denominator = sideTypes(binary.rhs, ctx.settings);
        if (!numerator || !denominator || numerator.size !== 1 || !numerator.has('cacheRead')) continue;
        const missing = DENOMINATOR.filter((t) => !denominator.has(t));
        const extra = [...denominator].filter((t) => !DENOMINATOR.includes(t));
        if (missing.length === 0 && extra.length === 0) continue;
        const problems = [
          ...(missing.length ? [`leaves out ${missing.join(' and ')}, which overstates the rate`] : []),
          ...(extra.length ? [`includes ${extra.join(' and ')} tokens, which are never cached and understate the rate`] : []),
        ];
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: `This cache hit rate divides cacheRead by ${[...denominator].sort().join(' + ')}: the denominator ${problems.join(', and ')}.`,
          fix: 'Divide by input + cacheRead + cacheCreation: sum(<tokens>{type=~"input|cacheRead|cacheCreation"} over the same window).',
        });
      }
    }
  },
};
