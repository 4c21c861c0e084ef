/**
 * What Prometheus stores when the synthetic events go through the Compose collector: the
 * `signaltometrics` connector, `deltatocumulative`, the `prometheus` exporter, scraped every 15 s. Mirrors,
 * in opentelemetry-collector-contrib 0.135.0:
 * - connector/signaltometricsconnector/internal/model/model.go `FilterAttributes`: a record is counted
 *   only if it has every listed attribute or the attribute has a default (ours all default to "");
 * - internal/aggregator/aggregator.go: per `ConsumeLogs` call (one collector batch, here one log export),
 *   one DELTA point per (metric, resource, attributes), timestamped at the call, no start time; sums add
 *   1 per record, or the value of `sum.value` (`sumdp.go`), histograms add each value to the first bucket whose bound is >= it
 *   (`explicithistogram.go`: sort.SearchFloat64s, upper bounds inclusive like Prometheus' `le`);
 * - processor/deltatocumulativeprocessor: a running total per stream, forgotten after max_stale idle
 *   (pipeline.ts `memoryMs`), lost on a collector restart;
 * - exporter/prometheusexporter: a series shown until metric_expiration after its last update;
 *   histograms as cumulative `_bucket{le}` plus `_count` and `_sum`; empty label values dropped.
 * Prometheus' side (staleness markers, failed scrapes) follows exposition.ts.
 */
import { EVENT_METRIC_KEYS, EVENT_METRICS, eventAttributesOf, eventMetricName, type EventMetricKey } from '../../queries/events.js';
import { labelName, type NamingScheme } from '../../queries/naming.js';
import { scrapeSeries, type ScrapedSeries } from './exposition.js';
import type { EventWorkload, SyntheticEventRecord } from './events.js';
import { DEFAULT_TIMING, firstScrapeAfter, type PipelineTiming } from './pipeline.js';

/** The connector's instrumentation scope (the exporter's otel_scope_name label). */
export const CONNECTOR_SCOPE = 'github.com/open-telemetry/opentelemetry-collector-contrib/connector/signaltometricsconnector';

/** The labels one derived point carries: the listed attributes with their default "" (dropped in Prometheus). */
export function pointAttributes(key: EventMetricKey, record: SyntheticEventRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of eventAttributesOf(key)) out[a] = String(record.attributes[a] ?? '');
  return out;
}

/** The value a histogram records (or a sum adds) for a record, or undefined when the condition (`!= nil`) excludes it. */
function recordValue(key: EventMetricKey, record: SyntheticEventRecord): number | undefined {
  const attribute = EVENT_METRICS[key].valueAttribute;
  const v = attribute === undefined ? undefined : record.attributes[attribute];
  return v === undefined ? undefined : Number(v);
}

/** Index of the bucket a value falls in: the first bound >= value, else the +Inf bucket. */
export function bucketIndex(bounds: readonly number[], value: number): number {
  const i = bounds.findIndex((b) => b >= value);
  return i === -1 ? bounds.length : i;
}

/** A delta contribution to one Prometheus series. */
interface Delta {
  readonly time: number;
  readonly amount: number;
  readonly epoch: number;
}

/** Prometheus series (key = sorted label pairs) and their deltas, in arrival order. */
type SeriesDeltas = Map<string, { labels: [string, string][]; deltas: Delta[] }>;

/** The Prometheus labels of a derived series: the exporter's target labels and the non-empty attributes. */
export function labelsOf(scheme: NamingScheme, name: string, attrs: Record<string, string>, extra: Record<string, string> = {}): [string, string][] {
  const labels: Record<string, string> = {
    __name__: name,
    job: 'otel-collector',
    instance: 'otel-collector:8889',
    exported_job: 'claude-code',
    otel_scope_name: CONNECTOR_SCOPE,
    ...extra,
  };
  for (const [a, v] of Object.entries(attrs)) if (v !== '') labels[labelName(scheme, a)] = v;
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function add(out: SeriesDeltas, labels: [string, string][], delta: Delta): void {
  const key = JSON.stringify(labels);
  const entry = out.get(key);
  if (entry) entry.deltas.push(delta);
  else out.set(key, { labels, deltas: [delta] });
}

/** The collector's life a time belongs to (each restart starts every running total again). */
function epochAt(restarts: readonly number[], t: number): number {
  return restarts.filter((r) => r <= t).length;
}

/** One record's contributions to the derived series of one metric. */
function contribute(out: SeriesDeltas, scheme: NamingScheme, key: EventMetricKey, record: SyntheticEventRecord, epoch: number): void {
  const m = EVENT_METRICS[key];
  if (record.name !== m.event) return;
  const attrs = pointAttributes(key, record);
  const at = { time: record.arrival, epoch };
  // A sum adds 1 per record, or the value attribute (records without it are not counted).
  const value = m.valueAttribute === undefined ? 1 : recordValue(key, record);
  if (value === undefined) return;
  if (m.kind === 'sum') {
    add(out, labelsOf(scheme, eventMetricName(scheme, key), attrs), { ...at, amount: value });
    return;
  }
  const bounds = m.buckets ?? [];
  const index = bucketIndex(bounds, value);
  // Every bucket series of the point is updated at once (a bucket that gained nothing gets 0).
  [...bounds, Number.POSITIVE_INFINITY].forEach((b, i) => {
    const le = b === Number.POSITIVE_INFINITY ? '+Inf' : String(b);
    add(out, labelsOf(scheme, eventMetricName(scheme, key, 'bucket'), attrs, { le }), { ...at, amount: i >= index ? 1 : 0 });
  });
  add(out, labelsOf(scheme, eventMetricName(scheme, key, 'count'), attrs), { ...at, amount: 1 });
  add(out, labelsOf(scheme, eventMetricName(scheme, key, 'sum'), attrs), { ...at, amount: value });
}

/** Applies failed scrapes: no sample inside a failed span, a staleness marker at its first scrape. */
export function failScrapes(series: ScrapedSeries, spans: readonly (readonly [number, number])[]): ScrapedSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  let marked = false;
  series.timestamps.forEach((t, i) => {
    const failing = spans.some(([from, to]) => t >= from && t < to);
    if (!failing) {
      timestamps.push(t);
      values.push(series.values[i] as number);
      marked = false;
    } else if (!marked && timestamps.length > 0 && !Number.isNaN(values[values.length - 1])) {
      timestamps.push(t);
      values.push(Number.NaN);
      marked = true;
    }
  });
  return { labels: series.labels, timestamps, values };
}

/**
 * The samples of one series over the collector's lives: a restart drops every series from the exporter
 * at once (a staleness marker at the next scrape), and a series updated again starts from zero.
 */
function lives(deltas: readonly Delta[], restarts: readonly number[], end: number, timing: PipelineTiming): { timestamps: number[]; values: number[] } {
  const timestamps: number[] = [];
  const values: number[] = [];
  const epochs = [...new Set(deltas.map((d) => d.epoch))];
  for (const epoch of epochs) {
    const lifeEnd = Math.min(restarts[epoch] ?? end, end);
    const life = scrapeSeries(deltas.filter((d) => d.epoch === epoch), lifeEnd - 1, timing);
    life.timestamps.forEach((t, i) => {
      if (timestamps[timestamps.length - 1] === t) {
        timestamps.pop();
        values.pop();
      }
      timestamps.push(t);
      values.push(life.values[i] as number);
    });
    const last = values[values.length - 1];
    if (lifeEnd < end && last !== undefined && !Number.isNaN(last)) {
      timestamps.push(firstScrapeAfter(lifeEnd - 1, timing));
      values.push(Number.NaN);
    }
  }
  return { timestamps, values };
}

/** Every series Prometheus stores for the workload under a naming scheme. */
export function scrapeEvents(workload: EventWorkload, scheme: NamingScheme, timing: PipelineTiming = DEFAULT_TIMING): ScrapedSeries[] {
  const out: SeriesDeltas = new Map();
  for (const record of workload.records) {
    const epoch = epochAt(workload.collectorRestarts, record.arrival);
    for (const key of EVENT_METRIC_KEYS) contribute(out, scheme, key, record, epoch);
  }
  const series: ScrapedSeries[] = [];
  for (const { labels, deltas } of out.values()) {
    // Deltas of one export (one ConsumeLogs call) form one point; adding them one by one is the same total.
    const { timestamps, values } = lives(deltas, workload.collectorRestarts, workload.end, timing);
    if (timestamps.length > 0) series.push(failScrapes({ labels, timestamps, values }, workload.failedScrapes));
  }
  return series;
}
