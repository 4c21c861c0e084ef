/**
 * "active users" or "sessions" counted from the series alive at the end of the range:
 * `count(count by (user_email) (x))` of an instant Claude Code selector sees only the series present in
 * the last few minutes (the lookback, or the exporter's expiry), not who was active in the selected range.
 */
import type { Rule } from '../../types.js';
import { claudeMetricOf } from './claude-code-metrics.js';

const COUNTING = new Set(['count', 'count_values', 'group']);

export const aliveAtEndCount: Rule = {
  id: 'claude-code-alive-at-end-count',
  category: 'claude-code',
  severity: 'error',
  description: 'Users and sessions are not counted from the Claude Code series alive at the end of the range (`count(...)` of an instant selector).',
  why: 'An instant selector returns only the series seen in the last five minutes (or until the exporter expires them), so "active users" means "users active just now" whatever range is selected.',
  advice: 'Count what was reported in the range: e.g. count(sum by (user_email) (sum_over_time(claude_code:session_count:reported_increments[$__range])) > 0).',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const hit = ctx.dashboard.promql(target).selectors.find(
        (s) =>
          claudeMetricOf(s) !== undefined &&
          s.range === undefined &&
          !s.frames.some((f) => f.kind === 'subquery' || f.kind === 'call') &&
          s.frames.some((f) => f.kind === 'aggregation' && COUNTING.has(f.op)),
      );
      if (hit) {
        ctx.report({ pointer: `${target.pointer}/expr`, message: `count of the instant selector ${hit.metric} counts only the series alive at the end of the range, not those active within it.` });
      }
    }
  },
};
