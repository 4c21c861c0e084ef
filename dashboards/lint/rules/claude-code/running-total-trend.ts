/**
 * A Claude Code counter's running total plotted as a trend: `last_over_time(x[$__interval])` or
 * `max_over_time(...)` of a per-session counter in a time series draws each session's total so far at every
 * step, so the curve climbs for as long as a session lives instead of showing what was reported per step.
 */
import type { Selector } from '../../promql/analyze.js';
import { rangeFunctionOf } from '../../promql/counter-use.js';
import type { Rule } from '../../types.js';
import { claudeMetricOf } from './claude-code-metrics.js';

const TOTAL_FUNCTIONS = new Set(['last_over_time', 'max_over_time']);
const TIME_AXIS_PANELS = new Set(['timeseries', 'graph', 'state-timeline', 'status-history', 'trend']);

/** A total read on its own: not one side of a difference or comparison (the rules' previous-value lookups). */
function standsAlone(selector: Selector): boolean {
  return !selector.frames.some((f) => f.kind === 'binary' || f.kind === 'offset');
}

export const runningTotalTrend: Rule = {
  id: 'claude-code-running-total-trend',
  category: 'claude-code',
  severity: 'error',
  description: 'Time series do not plot a Claude Code counter\'s running total (`last_over_time` / `max_over_time` of the raw counter), but what was reported per step.',
  why: 'Claude Code reports one running total per session: its last or largest value at each step is the total so far, so the curve climbs while a session lives and drops when it ends, and the area under it means nothing.',
  advice: 'Plot per-step increments: sum_over_time of the recording rules over the step (`reportedPerHour()` of `claude-code-dashboards/queries`), or at least increase(x[$__rate_interval]).',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const type = target.panel.panel.type;
      if (typeof type !== 'string' || !TIME_AXIS_PANELS.has(type) || target.target.instant === true) continue;
      const hit = ctx.dashboard.promql(target).selectors.find((s) => {
        const metric = claudeMetricOf(s);
        return metric !== undefined && TOTAL_FUNCTIONS.has(rangeFunctionOf(s) ?? '') && standsAlone(s);
      });
      if (hit) {
        ctx.report({ pointer: `${target.pointer}/expr`, message: `${rangeFunctionOf(hit)}(${hit.metric}[...]) in a time series plots each session's running total, not what was reported per step.` });
      }
    }
  },
};
