/**
 * A raw log query (no range aggregation) in a stat, gauge or bar gauge. Such a panel reduces log lines,
 * bounded only by the panel's line limit: it shows a line's text or a count capped at the limit, not a
 * number over the time range.
 */
import type { Rule } from '../../types.js';
import { analyzeLogQL } from '../../promql/logql-analyze.js';

const NUMBER_PANELS = new Set(['stat', 'gauge', 'bargauge']);

export const logqlLogQueryInStat: Rule = {
  id: 'logql-log-query-in-stat',
  category: 'promql',
  severity: 'error',
  description: 'Stat, gauge and bar gauge panels read LogQL metric queries (count_over_time, sum_over_time, ...), not raw log queries.',
  why: 'A log query returns lines, capped by the line limit (1000 by default): the panel shows the last line or a count that stops at the limit, and Loki reads every matching chunk of the range to fill it.',
  advice: 'Aggregate: sum(count_over_time({...} | event_name="x" [$__range])) with an instant query, or use a logs or table panel for the lines.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.logqlTargets) {
      const type = target.panel.panel.type;
      if (typeof type !== 'string' || !NUMBER_PANELS.has(type)) continue;
      if (analyzeLogQL(target.expr ?? '').kind !== 'log') continue;
      ctx.report({
        pointer: `${target.pointer}/expr`,
        message: `This ${type} panel reads a raw log query: it gets log lines (at most the line limit), not a number over the time range.`,
      });
    }
  },
};
