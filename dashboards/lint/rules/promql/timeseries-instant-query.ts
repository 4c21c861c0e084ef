/**
 * An instant-only query in a panel that draws series over time: Grafana evaluates it once, at the end of
 * the range, so the graph is one point per series (often drawn as nothing at all), and a `[$__range]`
 * total in it looks like a flat or empty trend.
 */
import type { Rule } from '../../types.js';

/**
 * Panels whose x axis is time. Bar charts, trends, heatmaps and pie charts also take one value per series
 * (an instant query is right there), and the old graph panel does too in its "series" x-axis mode.
 */
const TIME_AXIS_PANELS = new Set(['timeseries', 'state-timeline', 'status-history']);

function timeAxis(panel: Readonly<Record<string, unknown>>): boolean {
  if (typeof panel.type !== 'string') return false;
  if (TIME_AXIS_PANELS.has(panel.type)) return true;
  const xaxis = panel.xaxis as { mode?: unknown } | undefined;
  return panel.type === 'graph' && (xaxis?.mode === undefined || xaxis.mode === 'time');
}

export const timeseriesInstantQuery: Rule = {
  id: 'timeseries-instant-query',
  category: 'promql',
  severity: 'error',
  description: 'Panels with a time axis (time series, state timeline, status history, graph in time mode) run range queries, not instant-only ones.',
  why: 'An instant query is evaluated once, at the end of the range: the panel gets one point per series, so the "trend" is a dot or nothing, and a total over `[$__range]` in it never shows how the range was spent.',
  advice: 'Set the query type to Range (`"range": true`, `"instant": false`) and plot per-step values; keep instant totals in stat, gauge, bar gauge, bar chart, pie or table panels.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const type = target.panel.panel.type;
      if (!timeAxis(target.panel.panel)) continue;
      if (target.target.instant !== true || target.target.range === true) continue;
      ctx.report({
        pointer: `${target.pointer}/instant`,
        message: `Query ${target.refId ?? `#${target.index + 1}`} of this ${type} panel is instant-only: it is evaluated once, at the end of the range, so the panel shows one point per series.`,
        fix: 'Make it a range query ("range": true, "instant": false), or move the number into a stat or table panel.',
      });
    }
  },
};
