/**
 * The timing model of the path Claude Code → OTLP → Collector (`prometheus` exporter) → Prometheus scrape,
 * as docs/stack.md describes it:
 *
 * - Claude Code exports every `exportIntervalMs` (OTEL_METRIC_EXPORT_INTERVAL, 60 s) and once more when the
 *   process exits. With delta temporality an export carries only the series that changed.
 * - The collector accumulates each series' running total. A series that got no update for
 *   `metricExpirationMs` (the exporter's metric_expiration, 5 m) is dropped from the exposition; an update
 *   within `memoryMs` (deltatocumulative's max_stale plus its sweep, 65 m) after the previous one continues
 *   the total (the series comes back where it was), a later one starts again from zero. These are the
 *   defaults of the configuration's `pipeline` block, which the recording rules are built for.
 * - Prometheus scrapes every `scrapeIntervalMs` (15 s) at multiples of that interval (the "scrape grid"),
 *   and writes a staleness marker at the first scrape that no longer sees a series.
 *
 * How an export maps to a scrape: export times are never on the scrape grid (the generator moves an export
 * that would land exactly on it by 1 ms). An export at time e is first visible in the scrape at
 * `firstScrapeAfter(e)`, the first grid point strictly after e. Because window ends are on the grid, "exported
 * in (end − W, end]" and "first visible in a scrape in (end − W, end]" are the same set of exports, so the
 * ground truth is simply the exports whose time lies in the window.
 */

/** Timing parameters of the pipeline. */
export interface PipelineTiming {
  readonly exportIntervalMs: number;
  readonly metricExpirationMs: number;
  /** How long the pipeline remembers an idle series' total (the configuration's pipeline.seriesMemory). */
  readonly memoryMs: number;
  readonly scrapeIntervalMs: number;
}

/** Claude Code and Collector defaults, and Prometheus' default-ish scrape interval. */
export const DEFAULT_TIMING: PipelineTiming = {
  exportIntervalMs: 60_000,
  metricExpirationMs: 5 * 60_000,
  memoryMs: 65 * 60_000,
  scrapeIntervalMs: 15_000,
};

/** True when `t` lies on the scrape grid. */
export function onScrapeGrid(t: number, timing: PipelineTiming = DEFAULT_TIMING): boolean {
  return t % timing.scrapeIntervalMs === 0;
}

/** The first scrape strictly after `t`. */
export function firstScrapeAfter(t: number, timing: PipelineTiming = DEFAULT_TIMING): number {
  return (Math.floor(t / timing.scrapeIntervalMs) + 1) * timing.scrapeIntervalMs;
}

/** Moves a time that falls exactly on the scrape grid 1 ms later, so "which scrape shows it" is never ambiguous. */
export function offGrid(t: number, timing: PipelineTiming = DEFAULT_TIMING): number {
  return onScrapeGrid(t, timing) ? t + 1 : t;
}

/** True when the collector has dropped a series last updated at `lastUpdate` by time `t`. */
export function expired(lastUpdate: number, t: number, timing: PipelineTiming = DEFAULT_TIMING): boolean {
  return t - lastUpdate > timing.metricExpirationMs;
}

/** True when the pipeline has forgotten the total of a series last updated at `lastUpdate` by time `t`. */
export function forgotten(lastUpdate: number, t: number, timing: PipelineTiming = DEFAULT_TIMING): boolean {
  return t - lastUpdate > timing.memoryMs;
}

/** The last scrape that still shows a series last updated at `lastUpdate` (before it expires). */
export function lastExposedScrape(lastUpdate: number, timing: PipelineTiming = DEFAULT_TIMING): number {
  return Math.floor((lastUpdate + timing.metricExpirationMs) / timing.scrapeIntervalMs) * timing.scrapeIntervalMs;
}

/**
 * How long a series last updated at `lastUpdate` has been missing from the scrapes when an update at `t`
 * first shows: from the last scrape that showed it to the first scrape after `t` (0 if never missing).
 */
export function scrapeGap(lastUpdate: number, t: number, timing: PipelineTiming = DEFAULT_TIMING): number {
  return Math.max(0, firstScrapeAfter(t, timing) - lastExposedScrape(lastUpdate, timing) - timing.scrapeIntervalMs);
}

/**
 * The recording rules compare a returning series with its last value up to `memoryMs − metricExpirationMs`
 * back. A return from zero is seen as one (all of it counted) when the series was missing for clearly
 * longer than that; a continuing return is seen as growth when it was missing for clearly less. The
 * margin of two scrape intervals on each side keeps the synthetic data out of the phase-dependent band
 * at the boundary, which tests the rules' timing rather than the counting (the fault suites cover it).
 */
export function awayBeyondLookback(lastUpdate: number, t: number, timing: PipelineTiming = DEFAULT_TIMING): boolean {
  return scrapeGap(lastUpdate, t, timing) >= timing.memoryMs - timing.metricExpirationMs + 2 * timing.scrapeIntervalMs;
}

/** True when a continuing return at `t` is clearly within the rules' look-back (see `awayBeyondLookback`). */
export function awayWithinLookback(lastUpdate: number, t: number, timing: PipelineTiming = DEFAULT_TIMING): boolean {
  return scrapeGap(lastUpdate, t, timing) <= timing.memoryMs - timing.metricExpirationMs - 2 * timing.scrapeIntervalMs;
}
