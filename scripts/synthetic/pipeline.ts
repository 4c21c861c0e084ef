/**
 * The timing model of the path Claude Code → OTLP → Collector (`prometheus` exporter) → Prometheus scrape,
 * from ../shared/docs/claude-code-telemetry.md §3-§4:
 *
 * - Claude Code exports every `exportIntervalMs` (OTEL_METRIC_EXPORT_INTERVAL, 60 s) and once more when the
 *   process exits. With delta temporality an export carries only the series that changed.
 * - The collector accumulates each series while it keeps getting updates; a series that got no update for
 *   `metricExpirationMs` (metric_expiration, 5 m) is dropped from the exposition, and if it comes back it
 *   starts again from zero.
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
  readonly scrapeIntervalMs: number;
}

/** Claude Code and Collector defaults, and Prometheus' default-ish scrape interval. */
export const DEFAULT_TIMING: PipelineTiming = {
  exportIntervalMs: 60_000,
  metricExpirationMs: 5 * 60_000,
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

/**
 * True when at least one scrape between a series' last update and a later update `t` found the series
 * expired, so Prometheus recorded a staleness marker and sees the later value as a new series.
 */
export function scrapedWhileExpired(lastUpdate: number, t: number, timing: PipelineTiming = DEFAULT_TIMING): boolean {
  const firstExpiredScrape = firstScrapeAfter(lastUpdate + timing.metricExpirationMs, timing);
  return firstExpiredScrape < t;
}
