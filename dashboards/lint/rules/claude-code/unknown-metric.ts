/** An unknown `claude_code_*` metric name: Claude Code emits eight metrics, in one spelling per scheme. */
import { closestMatch } from '../../../schema/closest-match.js';
import type { Rule } from '../../types.js';
import { identifyClaudeMetric, isClaudeCodeName, isEventMetricName, schemeMetricNames } from './claude-code-metrics.js';

export const unknownMetric: Rule = {
  id: 'claude-code-unknown-metric',
  category: 'claude-code',
  severity: 'error',
  description: 'Every `claude_code_*` metric is one of the eight Claude Code metrics under some naming scheme.',
  why: 'A metric Claude Code never emits (`claude_code_git_commit_count_total`, a doubled `claude_code_claude_code_` prefix) has no series, so the panel shows 0 or "No data" and looks like inactivity.',
  advice: 'Use the metric name of your naming scheme (see the README naming table).',
  fixable: false,
  check(ctx) {
    const names = schemeMetricNames(ctx.settings.naming);
    for (const target of ctx.dashboard.promqlTargets) {
      const seen = new Set<string>();
      for (const selector of ctx.dashboard.promql(target).selectors) {
        if (selector.metric === undefined || seen.has(selector.metric)) continue;
        seen.add(selector.metric);
        const { metric } = selector;
        if (!metric || !isClaudeCodeName(metric) || identifyClaudeMetric(metric) || isEventMetricName(metric)) continue;
        const suggestion = closestMatch(metric.replace(/^claude_code_claude_code_/, 'claude_code_'), names) ??
          (metric.startsWith('claude_code_claude_code_') ? metric.replace(/^claude_code_claude_code_/, 'claude_code_') : undefined);
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: `${metric} is not a metric Claude Code emits, so this query always returns nothing and the panel reads as zero activity.`,
          fix: suggestion
            ? `Use ${suggestion} (naming scheme ${ctx.settings.naming}).`
            : `Use one of ${names.join(', ')} (naming scheme ${ctx.settings.naming}).`,
        });
      }
    }
  },
};
