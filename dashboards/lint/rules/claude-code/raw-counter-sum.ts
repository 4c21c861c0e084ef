/** A raw value (sum, max, ...) of per-session counters, without increase over the time range. */
import type { Rule } from '../../types.js';
import { isBareValueUse } from '../../promql/counter-use.js';
import { claudeMetricOf } from './claude-code-metrics.js';

export const rawCounterSum: Rule = {
  id: 'claude-code-raw-counter-sum',
  category: 'claude-code',
  severity: 'error',
  description: 'Claude Code counters are read over the time range (an increase), not summed as raw values.',
  why: "A raw sum adds up the running totals of the sessions whose series are still exported at the end of the range (they expire minutes after a session ends), so it ignores the time picker and drops finished sessions.",
  advice:
    'Total what was reported in the range: sum(sum_over_time(claude_code:<metric>:reported_increments[$__range])) over the per-session recording rules that `claude-code-dashboards build` generates (`reportedIncrease()` of `claude-code-dashboards/queries` writes this query) — or at least sum(increase(x[$__range])), which still misses each session\'s first export.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      for (const selector of ctx.dashboard.promql(target).selectors) {
        if (!claudeMetricOf(selector) || !isBareValueUse(selector)) continue;
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: `${selector.metric} is used as a raw value: that is the running total of each session still being exported at the end of the range, not what happened in the selected time range.`,
        });
      }
    }
  },
};
