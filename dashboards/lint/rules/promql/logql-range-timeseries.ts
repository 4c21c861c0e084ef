/**
 * `[$__range]` in a LogQL range query of a time series (CM "Cumulative Tool Usage"): every step of the
 * graph aggregates the whole dashboard range ending at that step, so each point re-reads the range and the
 * line is a sliding total, not what happened per step.
 */
import type { Rule } from '../../types.js';

const WHOLE_RANGE = /\[\s*\$\{?__range(?:_s|_ms)?\}?\s*\]/;

export const logqlRangeTimeseries: Rule = {
  id: 'logql-range-timeseries',
  category: 'promql',
  severity: 'warning',
  description: 'LogQL range aggregations in a time series use a step-sized window (`$__auto`, `$__interval`), not `[$__range]`.',
  why: 'A range query evaluates the aggregation at every step; with [$__range] each point covers the whole dashboard range before it, so the graph shows a sliding total and Loki reads the range once per step.',
  advice: 'Use [$__auto] (or [$__interval]) for per-step counts; keep [$__range] for stat panels with an instant query.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.logqlTargets) {
      if (target.panel.panel.type !== 'timeseries' || target.target.queryType === 'instant' || target.target.instant === true) continue;
      if (!WHOLE_RANGE.test(target.expr ?? '')) continue;
      ctx.report({
        pointer: `${target.pointer}/expr`,
        message: 'This time series aggregates [$__range] at every step: each point counts the whole range before it, so the line is a sliding total and the query reads the range once per point.',
      });
    }
  },
};
