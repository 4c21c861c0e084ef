/** A label filter on a Claude Code metric that no Claude Code metric carries. */
import { closestMatch } from '../../../schema/closest-match.js';
import type { Rule } from '../../types.js';
import { claudeMatchers, labelsOf, metricsWithLabel } from './claude-code-metrics.js';

export const unknownLabel: Rule = {
  id: 'claude-code-unknown-label',
  category: 'claude-code',
  severity: 'error',
  description:
    'Label matchers on Claude Code metrics use labels Claude Code emits (catalog attributes under the naming scheme), pipeline labels (job, service_name, ...) or `extraLabels` from the config.',
  why: 'A filter on a label no series has matches nothing (or everything, for `!=`), so the panel silently shows 0 or ignores the filter.',
  advice: 'Use a label Claude Code emits (e.g. user_email, model, type, session_id), or list your resource attributes under extraLabels in the lint config.',
  fixable: false,
  check(ctx) {
    for (const { target, selector, metric, matcher } of claudeMatchers(ctx.dashboard)) {
      if (metricsWithLabel(matcher.label, ctx.settings).length > 0) continue;
      const suggestion = closestMatch(matcher.label, labelsOf(metric.metric, ctx.settings));
      ctx.report({
        pointer: `${target.pointer}/expr`,
        message: `No Claude Code metric has a "${matcher.label}" label, so ${matcher.label}${matcher.op}"${matcher.value}" on ${selector.metric} ${matcher.op.startsWith('!') ? 'filters nothing out' : 'matches no series'}.`,
        fix: suggestion
          ? `Did you mean "${suggestion}"? If "${matcher.label}" is a resource attribute your pipeline adds, list it under extraLabels in the lint config.`
          : `If "${matcher.label}" is a resource attribute your pipeline adds, list it under extraLabels in the lint config.`,
      });
    }
  },
};
