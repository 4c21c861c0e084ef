/** A label filter on a Claude Code metric that lacks that label. */
import { METRICS } from '../../../../queries/catalog.js';
import type { Rule } from '../../types.js';
import { claudeMatchers, metricsWithLabel } from './claude-code-metrics.js';
import { matchesEmpty } from './matcher-emptiness.js';

export const labelNotOnMetric: Rule = {
  id: 'claude-code-label-not-on-metric',
  category: 'claude-code',
  severity: 'error',
  description: 'A label filter is only applied to Claude Code metrics that carry that label (e.g. no `model` filter on session count).',
  why: 'The label is absent on that metric, so a filter like model=~"$model" matches no series as soon as a specific value is picked and the panel drops to 0.',
  advice: 'Drop the filter from this metric; apply it only to metrics that carry the label (see the catalog), and say in the panel description that it is not filtered.',
  fixable: false,
  check(ctx) {
    for (const { target, selector, metric, matcher } of claudeMatchers(ctx.dashboard)) {
      const carriers = metricsWithLabel(matcher.label, ctx.settings);
      if (carriers.length === 0 || carriers.includes(metric.metric)) continue;
      // On an absent label the value is "": a matcher that accepts "" keeps every series and is harmless.
      if (matchesEmpty(matcher) === true) continue;
      const otel = METRICS[metric.metric].otelName;
      ctx.report({
        pointer: `${target.pointer}/expr`,
        message: `${otel} has no "${matcher.label}" label, so ${matcher.label}${matcher.op}"${matcher.value}" ${matcher.op.startsWith('!') ? 'drops every series' : 'matches no series once a value is chosen'}: the panel shows 0 although there is data.`,
        fix: `Remove the ${matcher.label} matcher from ${selector.metric}; "${matcher.label}" exists only on ${carriers.map((m) => METRICS[m].otelName).join(', ')}.`,
      });
    }
  },
};
