/**
 * What Prometheus stores when it scrapes the Collector's `prometheus` exporter that receives the synthetic
 * exports: per series, one sample per scrape while the series is exposed, a staleness marker at the first
 * scrape after it expired, and, when it comes back, its old total continued (within the pipeline's memory)
 * or a new life from zero (later, or after a restart of the counter). Timing rules: pipeline.ts.
 */
import { RESOURCE_ATTRIBUTES } from '../../queries/catalog.js';
import { metricName, labelName, type NamingScheme } from '../../queries/naming.js';
import { DEFAULT_TIMING, expired, firstScrapeAfter, forgotten, type PipelineTiming } from './pipeline.js';
import type { Report, SeriesIdentity, SyntheticUsage } from './types.js';

/** Prometheus' staleness marker, a NaN with a special bit pattern (value.StaleNaN = 0x7ff0000000000002). */
export const STALE_NAN_BITS = 0x7ff0000000000002n;

/** One stored series: sorted labels and its samples; a `NaN` value stands for the staleness marker. */
export interface ScrapedSeries {
  /** Label pairs sorted by name, `__name__` included. */
  readonly labels: readonly (readonly [string, string])[];
  readonly timestamps: number[];
  readonly values: number[];
}

/** Labels the scrape adds: the scrape job/instance and what the exporter adds. */
function targetLabels(scheme: NamingScheme): Record<string, string> {
  switch (scheme) {
    case 'claude-code-prometheus':
      // Prometheus scraping Claude Code's own :9464 endpoint (OTel JS exporter with scope labels).
      return { job: 'claude-code', instance: 'localhost:9464', otel_scope_name: 'com.anthropic.claude_code' };
    case 'utf8':
      // Prometheus' OTLP receiver: job from service.name, no instance (Claude Code sets no service.instance.id).
      return { job: 'claude-code' };
    default:
      // Collector `prometheus` exporter scraped with honor_labels: false: its `job` becomes `exported_job`.
      return {
        job: 'otel-collector',
        instance: 'otel-collector:8889',
        exported_job: 'claude-code',
        otel_scope_name: 'com.anthropic.claude_code',
      };
  }
}

/**
 * Whether the scheme's pipeline puts the resource attributes on every series: the collector (with
 * `resource_to_telemetry_conversion`, as the stack's) and Prometheus' OTLP receiver (with
 * `promote_resource_attributes`) do; Claude Code's own :9464 endpoint keeps them on `target_info` only.
 */
export function keepsResourceAttributes(scheme: NamingScheme): boolean {
  return scheme !== 'claude-code-prometheus';
}

/** The Prometheus labels of a synthetic series under a naming scheme. */
export function prometheusLabels(series: SeriesIdentity, scheme: NamingScheme): [string, string][] {
  const labels: Record<string, string> = { ...targetLabels(scheme), __name__: metricName(scheme, series.metric) };
  const resource = new Set<string>(keepsResourceAttributes(scheme) ? [] : RESOURCE_ATTRIBUTES);
  for (const [attribute, value] of Object.entries(series.attributes)) {
    if (!resource.has(attribute)) labels[labelName(scheme, attribute)] = value;
  }
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Samples of one series from its reports (sorted by time), following the collector's expiry and Prometheus' scrapes. */
export function scrapeSeries(reports: readonly Pick<Report, 'time' | 'amount' | 'epoch'>[], end: number, timing: PipelineTiming = DEFAULT_TIMING): { timestamps: number[]; values: number[] } {
  const timestamps: number[] = [];
  const values: number[] = [];
  const first = reports[0];
  if (!first) return { timestamps, values };
  let i = 0;
  let value = 0;
  let epoch = first.epoch;
  let lastUpdate = Number.NEGATIVE_INFINITY;
  let exposed = false;
  for (let s = firstScrapeAfter(first.time, timing); s <= end; s += timing.scrapeIntervalMs) {
    while (i < reports.length && (reports[i] as Report).time < s) {
      const r = reports[i] as Pick<Report, 'time' | 'amount' | 'epoch'>;
      const restart = lastUpdate === Number.NEGATIVE_INFINITY || r.epoch !== epoch || forgotten(lastUpdate, r.time, timing);
      value = (restart ? 0 : value) + r.amount;
      epoch = r.epoch;
      lastUpdate = r.time;
      i += 1;
    }
    if (!expired(lastUpdate, s, timing)) {
      timestamps.push(s);
      values.push(value);
      exposed = true;
    } else if (exposed) {
      timestamps.push(s);
      values.push(Number.NaN);
      exposed = false;
    } else if (i < reports.length) {
      // Skip the scrapes that see nothing until the next export.
      s = firstScrapeAfter((reports[i] as Pick<Report, 'time'>).time, timing) - timing.scrapeIntervalMs;
    } else {
      break;
    }
  }
  return { timestamps, values };
}

/** Every stored series of a workload under a naming scheme. */
export function scrapeUsage(usage: SyntheticUsage, scheme: NamingScheme, timing: PipelineTiming = DEFAULT_TIMING): ScrapedSeries[] {
  const bySeries = new Map<SeriesIdentity, Report[]>();
  for (const r of usage.reports) {
    const list = bySeries.get(r.series);
    if (list) list.push(r);
    else bySeries.set(r.series, [r]);
  }
  const out: ScrapedSeries[] = [];
  for (const [series, reports] of bySeries) {
    const { timestamps, values } = scrapeSeries(reports, usage.end, timing);
    if (timestamps.length > 0) out.push({ labels: prometheusLabels(series, scheme), timestamps, values });
  }
  return out;
}
