/**
 * The recording rules' timing (interval, delay, look-back) derived from the configuration's scrape interval
 * and pipeline block: kept apart from the schema so the configuration file stays one screen of fields.
 */
import { parseDuration } from './duration.js';
import type { Config } from './config.js';

/** The recording rules' timing, derived from the configuration (see `counters.ts`). */
export interface CountingTiming {
  /** Rule interval and the step between the two lookups: the scrape interval. */
  readonly interval: string;
  /** How far behind the evaluation time the rules read. */
  readonly delay: string;
  /** How far back the rules look for a series' previous value: seriesMemory − exporterExpiry. */
  readonly lookback: string;
  /** delay + interval: where the rules' look-back for the previous value ends. */
  readonly previousEnd: string;
}

/** Milliseconds as the shortest Prometheus duration literal (`65m`, `1h5m`, `90s`, `1500ms`). */
export function formatDuration(ms: number): string {
  const units: readonly [string, number][] = [['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]];
  let rest = Math.round(ms);
  let text = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * size;
  }
  return text || '0s';
}

/** The rules' interval, delay and lookback for a configuration. */
export function countingTiming(config: Config): CountingTiming {
  const { exporterExpiry, seriesMemory, evaluationDelay } = config.pipeline;
  const delay = evaluationDelay ?? config.scrapeInterval;
  return {
    interval: config.scrapeInterval,
    delay,
    lookback: formatDuration(parseDuration(seriesMemory) - parseDuration(exporterExpiry)),
    previousEnd: formatDuration(parseDuration(delay) + parseDuration(config.scrapeInterval)),
  };
}
