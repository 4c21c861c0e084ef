/** `increase()`/`rate()` on Claude Code's session count, which is a constant 1 per session series. */
import type { Rule } from '../../types.js';
import { rangeFunctionOf } from '../../promql/counter-use.js';
import { claudeMetricOf } from './claude-code-metrics.js';

const CHANGE_FUNCTIONS = new Set(['increase', 'rate', 'irate', 'delta', 'idelta', 'changes', 'deriv']);

export const sessionCountIncrease: Rule = {
  id: 'claude-code-session-count-increase',
  category: 'claude-code',
  severity: 'error',
  description: '`increase()`, `rate()` and friends are not applied to the session count.',
  why: 'Each session is its own series that appears already at 1 and never changes, so increase() of it is about 0 whatever the number of sessions.',
  advice: 'Count distinct sessions instead: count(count by (session_id) (last_over_time(<session count>[$__range]))).',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      for (const selector of ctx.dashboard.promql(target).selectors) {
        if (claudeMetricOf(selector)?.metric !== 'sessionCount') continue;
        const fn = rangeFunctionOf(selector);
        if (!fn || !CHANGE_FUNCTIONS.has(fn)) continue;
        const name = selector.metric as string;
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: `${fn}(${name}[...]) is about 0 however many sessions ran: every session is its own series that starts at 1 and stays there, and ${fn}() never counts a series' first sample.`,
          fix: `Count distinct sessions: count(count by (session_id) (last_over_time(${name}[$__range]))); split by start_type to leave out resumes and agents_view launches.`,
        });
      }
    }
  },
};
