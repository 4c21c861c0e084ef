/** Fixed windows ([30d], [1h]) that ignore the dashboard time picker. */
import type { RangeWindow, Selector } from '../../promql/analyze.js';
import type { Rule } from '../../types.js';
import { rangeFunctionOf } from '../../promql/counter-use.js';
import { claudeMetricOf } from './claude-code-metrics.js';

/** Rate windows are smoothing windows, reported by rate-interval; these read a total over their window. */
const RATE_FUNCTIONS = new Set(['rate', 'irate']);
/** Panels that draw a series over time, where `[$__range]` makes every point span the whole range again. */
const TIME_SERIES_PANELS = new Set(['timeseries', 'barchart', 'trend', 'state-timeline', 'status-history', 'heatmap', 'graph']);

/** A window that grows with the graph step: `$__interval`, `${__interval_ms}ms`, `1s${__interval_ms}ms`. */
function followsStep(window: RangeWindow): boolean {
  return /\$\{?__(interval|rate_interval)/.test(window.text);
}

/** The offset around a selector, as written, if any. */
function offsetOf(selector: Selector): string | undefined {
  for (const f of selector.frames) if (f.kind === 'offset') return f.text;
  return undefined;
}

/**
 * `[d] offset <step>` next to `[d<step>]` on the same metric: the left edge that a step written as the
 * difference of two windows with a common start subtracts (queries/counters.ts, `reportedPerHour`).
 */
function isStepEdge(selector: Selector, window: RangeWindow, all: readonly Selector[]): boolean {
  const shift = offsetOf(selector);
  if (shift === undefined || !/\$\{?__interval/.test(shift)) return false;
  return all.some((s) => s.metric === selector.metric && s.range !== undefined && s.range.text === `${window.text}${shift}`);
}

/**
 * `last_over_time(x[d] offset $__range)`: the series' last value before the selected range (or step),
 * looked up at most d back: a previous-value lookup that follows the picker, not a fixed window.
 */
function isPreviousValue(selector: Selector): boolean {
  const shift = offsetOf(selector);
  return shift !== undefined && /\$\{?__(range|interval)/.test(shift) && rangeFunctionOf(selector) === 'last_over_time';
}

/** True when the selector is evaluated once per query (`@ end()`): constant across a graph's points. */
function stepInvariant(selector: Selector): boolean {
  return selector.frames.some((f) => f.kind === 'at');
}

/** The subquery ranges around a selector. */
function subqueryRanges(frames: readonly { kind: string; range?: RangeWindow | undefined }[]): RangeWindow[] {
  return frames.flatMap((f) => (f.kind === 'subquery' && f.range ? [f.range] : []));
}

export const fixedWindow: Rule = {
  id: 'claude-code-fixed-window',
  category: 'claude-code',
  severity: 'error',
  description: 'Totals over Claude Code counters follow the time picker (`[$__range]`), not a fixed window such as `[30d]` or `[1h]`; time series do not use `[$__range]` per point.',
  why: 'A fixed window shows the same period whatever range is selected, and it can outrun Prometheus retention ([30d] against 200h shows at most 8.3 days).',
  advice: 'Use [$__range] for a total over the selected range (stat, gauge, table, pie), and $__interval-based steps in time series.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const panelType = typeof target.panel.panel.type === 'string' ? target.panel.panel.type : '';
      const timeSeries = TIME_SERIES_PANELS.has(panelType) && target.target.instant !== true;
      const reported = new Set<string>();
      const selectors = ctx.dashboard.promql(target).selectors;
      for (const selector of selectors) {
        if (!claudeMetricOf(selector) || stepInvariant(selector)) continue;
        const fn = rangeFunctionOf(selector) ?? '';
        const windows = [...(selector.range && !RATE_FUNCTIONS.has(fn) ? [selector.range] : []), ...subqueryRanges(selector.frames)];
        for (const window of windows) {
          const key = `${window.from}:${window.to}`;
          if (reported.has(key) || followsStep(window) || isStepEdge(selector, window, selectors) || isPreviousValue(selector)) continue;
          if (window.variable === undefined && /^\d/.test(window.text)) {
            reported.add(key);
            ctx.report({
              pointer: `${target.pointer}/expr`,
              message: timeSeries
                ? `[${window.text}] on ${selector.metric} is a fixed window in a time series: every point sums the ${window.text} before it, whatever the graph step, so with shorter steps each event is counted in several points and with longer steps events between points are missed.`
                : `[${window.text}] on ${selector.metric} is a fixed window: the panel shows the last ${window.text} whatever time range is selected, and cannot reach further back than Prometheus retention.`,
              fix: timeSeries
                ? 'In a time series, count per graph step ([$__interval] steps, e.g. `reportedPerHour()` of `claude-code-dashboards/queries`) so the picker decides what is shown.'
                : `Use [$__range] so the number covers the selected time range.`,
            });
          } else if (timeSeries && window.variable === '__range') {
            reported.add(key);
            ctx.report({
              pointer: `${target.pointer}/expr`,
              message: `[${window.text}] in a time series makes every point sum the whole selected range ending at that point, so the graph reaches back before the selected start and the last point repeats the total.`,
              fix: 'Plot per-step increments ([$__interval] steps), or show the total in a stat panel.',
            });
          }
        }
      }
    }
  },
};
