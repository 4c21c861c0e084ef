/**
 * Two facts the accuracy run needs about how the dashboards read the recording rules:
 * - the rules read `evaluationDelay` behind (queries/counters.ts), so a dashboard looked at that long after
 *   the workload's end shows all of it, and a graph point at t covers what was reported in
 *   (t − step − delay, t − delay];
 * - a trend's legend (mean, max) is over the points Grafana receives: every group must have a point at
 *   every step of the graph, 0 where nothing was reported, or the mean is taken over busy steps only.
 */
import { countingTiming, type Config } from '../../queries/config.js';
import { parseDuration } from '../../queries/duration.js';
import type { ResultSeries } from './prometheus-api.js';

/** How far the rules' numbers lag the data (ms). */
export function ruleLagMs(config: Config): number {
  return parseDuration(countingTiming(config).delay);
}

/** One message per series that lacks points at some steps of (startMs, endMs]. */
export function trendGaps(results: readonly ResultSeries[], startMs: number, endMs: number, stepMs: number): string[] {
  const steps = Math.round((endMs - startMs) / stepMs);
  const gaps: string[] = [];
  for (const series of results) {
    const points = series.points.filter(([t]) => t * 1000 > startMs).length;
    if (points < steps) {
      const name = Object.entries(series.labels).map(([k, v]) => `${k}=${v}`).join(',') || '(value)';
      gaps.push(`${name}: points at ${points} of ${steps} steps, so the legend's mean is over busy steps only`);
    }
  }
  return gaps;
}
