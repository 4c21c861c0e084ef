/**
 * What a collector restart takes from the derived counters before any query can see it, computed from
 * the stored samples and the records (never from Prometheus). Two losses, both outside the dashboards'
 * reach: (a) records the collector had added to a running total after the last successful scrape before
 * it stopped (never exposed); (b) a series whose first total after the restart is at least its last one
 * before: no drop is visible, so counting (our rules or `increase()`) can only take the growth, and the
 * new life's first `prev` records are missed. The suite expects exactly the truth without these records.
 */
import { EVENT_METRIC_KEYS, EVENT_METRICS, eventMetricName } from '../../queries/events.js';
import type { NamingScheme } from '../../queries/naming.js';
import type { ScrapedSeries } from '../synthetic/exposition.js';
import type { EventWorkload, SyntheticEventRecord } from '../synthetic/events.js';
import { labelsOf, pointAttributes, scrapeEvents } from '../synthetic/signaltometrics.js';

type SeenAt = (record: SyntheticEventRecord) => number;

/** The default configuration's scrape interval and rule look-back (seriesMemory − exporterExpiry). */
const SCRAPE_MS = 15_000;
const LOOKBACK_MS = 3_600_000;

/** The last real sample before `t` and the first one after it. */
function around(series: ScrapedSeries, t: number): { before?: [number, number]; after?: [number, number] } {
  let before: [number, number] | undefined;
  let after: [number, number] | undefined;
  series.timestamps.forEach((ts, i) => {
    const v = series.values[i] as number;
    if (Number.isNaN(v)) return;
    if (ts < t) before = [ts, v];
    else if (!after) after = [ts, v];
  });
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/** The records of one series lost to one restart. */
function lostAt(series: ScrapedSeries, records: readonly SyntheticEventRecord[], restart: number, seenAt: SeenAt): SyntheticEventRecord[] {
  const { before, after } = around(series, restart);
  if (!before) return [];
  // (a) added after the last scrape that showed the old life, before the restart.
  const unexposed = records.filter((r) => r.arrival > before[0] && r.arrival < restart);
  // The rules compare with the last value up to their look-back before the new sample (counters.ts).
  if (!after || after[1] < before[1] || before[0] <= after[0] - SCRAPE_MS - LOOKBACK_MS) return unexposed;
  // (b) no visible drop: the first `before` records of the new life's first sample are not counted.
  const firstShown = records.filter((r) => r.arrival > restart && seenAt(r) === after[0]);
  return [...unexposed, ...firstShown.slice(0, before[1])];
}

/** Every record whose count no reader of the stored counters can see, per restart of the workload. */
export function restartLosses(workload: EventWorkload, scheme: NamingScheme, seenAt: SeenAt): Set<SyntheticEventRecord> {
  const stored = new Map(scrapeEvents(workload, scheme).map((s) => [JSON.stringify(s.labels), s]));
  const lost = new Set<SyntheticEventRecord>();
  for (const key of EVENT_METRIC_KEYS.filter((k) => EVENT_METRICS[k].kind === 'sum')) {
    const bySeries = new Map<string, SyntheticEventRecord[]>();
    for (const r of workload.records.filter((x) => x.name === EVENT_METRICS[key].event)) {
      const id = JSON.stringify(labelsOf(scheme, eventMetricName(scheme, key), pointAttributes(key, r)));
      bySeries.set(id, [...(bySeries.get(id) ?? []), r]);
    }
    for (const [id, records] of bySeries) {
      const series = stored.get(id);
      if (!series) continue;
      for (const restart of workload.collectorRestarts) for (const r of lostAt(series, records, restart, seenAt)) lost.add(r);
    }
  }
  return lost;
}
