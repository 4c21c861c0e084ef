/** Q05: counters are read through `rate`/`increase` (or another range function), not as raw values. */
import type { Rule } from '../../types.js';
import { isClaudeCodeName } from '../claude-code/claude-code-metrics.js';
import { isBareValueUse } from '../../promql/counter-use.js';

const COUNTER_SUFFIX = /_(total|count|sum|bucket)$/;

export const counterWithoutRate: Rule = {
  id: 'counter-without-rate',
  category: 'promql',
  severity: 'warning',
  description: 'A counter (`*_total`, `*_count`, `*_sum`, `*_bucket`) is wrapped in `rate`, `irate`, `increase` or another range function, not used as a raw value.',
  why: "A counter's raw value is the running total since the process started: it drops to zero on every restart and says nothing about the selected time range.",
  advice: 'Wrap it: `rate(x[$__rate_interval])` for a per-second rate, `increase(x[$__range])` for a total over the range.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      for (const selector of ctx.dashboard.promql(target).selectors) {
        const { metric } = selector;
        // Claude Code counters are per session, so they have their own rule (raw-counter-sum).
        if (!metric || !COUNTER_SUFFIX.test(metric) || isClaudeCodeName(metric)) continue;
        if (!isBareValueUse(selector)) continue;
        ctx.report({ pointer: `${target.pointer}/expr`, message: `The counter ${metric} is used as a raw value, without rate() or increase().` });
      }
    }
  },
};
