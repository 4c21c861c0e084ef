/** `increase()` over per-session counters loses each session's first export. */
import { METRICS } from '../../../../queries/catalog.js';
import type { Rule } from '../../types.js';
import { rangeFunctionOf } from '../../promql/counter-use.js';
import { claudeMetricOf } from './claude-code-metrics.js';

const EXACT_FORMULA =
  'Count what each session reported, first export included: load the recording rules that `claude-code-dashboards build` generates into your Prometheus and total sum(sum_over_time(claude_code:<metric>:reported_increments[$__range])) (`reportedIncrease(selector)` of `claude-code-dashboards/queries` writes this query); the rules also handle counter resets and series that expire and come back.';

export const perSessionIncrease: Rule = {
  id: 'claude-code-per-session-increase',
  category: 'claude-code',
  severity: 'warning',
  description: '`increase()` is not used for totals of Claude Code counters, which are per-session series.',
  why: 'Every Claude Code series belongs to one session and appears already above zero; increase() never counts a series\' first sample, so each session\'s first export (often all of a short session, and the first commit or PR) is missing from the total.',
  advice: EXACT_FORMULA,
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      for (const selector of ctx.dashboard.promql(target).selectors) {
        const identified = claudeMetricOf(selector);
        if (!identified || identified.metric === 'sessionCount' || selector.range === undefined) continue;
        if (rangeFunctionOf(selector) !== 'increase') continue;
        const small = identified.metric === 'commits' || identified.metric === 'pullRequests';
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: small
            ? `increase(${selector.metric}[...]) misses the first ${METRICS[identified.metric].otelName} of every session; since the counter usually stays at 1 per session (anthropics/claude-code#20918), the total reads close to 0.`
            : `increase(${selector.metric}[...]) misses what each session reported in its first export (a new series starts above zero), so the total is too low, most for short and \`claude -p\` sessions.`,
        });
      }
    }
  },
};
