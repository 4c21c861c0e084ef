/**
 * Ground truth: what Claude Code reported (exported) within a window (end − W, end], straight from the
 * generator's reports, with no Prometheus in between. See pipeline.ts for why export time is the right
 * clock when window ends lie on the scrape grid.
 */
import type { MetricKey } from '../../queries/catalog.js';
import { priceOf } from './activity.js';
import type { ModelPrice } from '../../queries/prices.js';
import type { Report, SeriesIdentity, SyntheticUsage } from './types.js';

/** A half-open time window (from, to], ms since the epoch. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/** Selects which series count, e.g. one user's. */
export type SeriesFilter = (series: SeriesIdentity) => boolean;

/** Index over a workload's reports, answering sums and distinct counts per window. */
export class GroundTruth {
  private readonly times: Float64Array;

  constructor(readonly usage: SyntheticUsage) {
    this.times = Float64Array.from(usage.reports, (r) => r.time);
  }

  /** Index of the first report with time > t (reports are sorted by time). */
  private firstAfter(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The reports exported within the window. */
  reportsIn(window: TimeWindow): readonly Report[] {
    return this.usage.reports.slice(this.firstAfter(window.from), this.firstAfter(window.to));
  }

  /** Sum of what `metric` reported in the window, grouped by `groupBy` (one group "" when omitted). */
  sum(metric: MetricKey, window: TimeWindow, options: { filter?: SeriesFilter; groupBy?: (s: SeriesIdentity) => string } = {}): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.reportsIn(window)) {
      if (r.series.metric !== metric || (options.filter && !options.filter(r.series))) continue;
      const key = options.groupBy ? options.groupBy(r.series) : '';
      out.set(key, (out.get(key) ?? 0) + r.amount);
    }
    return out;
  }

  /** Total of `metric` in the window. */
  total(metric: MetricKey, window: TimeWindow, filter?: SeriesFilter): number {
    return this.sum(metric, window, filter ? { filter } : {}).get('') ?? 0;
  }

  /** Distinct keys among series of `metrics` that reported anything in the window. */
  distinct(metrics: readonly MetricKey[], window: TimeWindow, key: (s: SeriesIdentity) => string, filter?: SeriesFilter): Set<string> {
    const out = new Set<string>();
    for (const r of this.reportsIn(window)) {
      if (!metrics.includes(r.series.metric) || (filter && !filter(r.series))) continue;
      out.add(key(r.series));
    }
    return out;
  }

  /**
   * Cache savings in USD within the window, priced per model: what cache reads would have cost as input,
   * minus what they cost, minus the cache-write premium over input.
   */
  cacheSavings(window: TimeWindow, prices: Readonly<Record<string, ModelPrice>>, filter?: SeriesFilter): number {
    const byModelType = this.sum('tokens', window, {
      ...(filter ? { filter } : {}),
      groupBy: (s) => `${s.attributes.model}\u0000${s.attributes.type}`,
    });
    let savings = 0;
    for (const [key, tokens] of byModelType) {
      const [model, type] = key.split('\u0000') as [string, string];
      const price = priceOf(model, prices);
      if (type === 'cacheRead') savings += (tokens * (price.input - price.cacheRead)) / 1_000_000;
      if (type === 'cacheCreation') savings -= (tokens * (price.cacheWrite - price.input)) / 1_000_000;
    }
    return savings;
  }
}
