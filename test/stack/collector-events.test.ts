/**
 * The collector's events-as-metrics wiring, checked against the catalog (queries/events.ts) and against
 * the configuration options of the pinned connector: contrib 0.135.0's
 * connector/signaltometricsconnector/config/config.go (MetricInfo, Attribute, Histogram, Sum). The
 * collector cannot run here, so the checks are structural; docs/events-metrics.md says what was read.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_METRIC_KEYS, EVENT_METRICS, eventAttributesOf } from '../../queries/events.js';
import { metricsPipelineProblems, wiringProblems, type CollectorConfig } from '../../scripts/stack/collector-config.js';
import { stackPaths } from '../../scripts/stack/paths.js';
import { composeWithDefaults, readYaml } from './helpers/stack-files.js';

const config = readYaml(stackPaths.collectorConfig) as CollectorConfig & { connectors: { signaltometrics: { logs: Record<string, any>[] } } };
const defs = config.connectors.signaltometrics.logs;

/** Fields the 0.135.0 connector's config structs decode (mapstructure tags). */
const METRIC_INFO_KEYS = ['name', 'description', 'unit', 'include_resource_attributes', 'attributes', 'conditions', 'histogram', 'exponential_histogram', 'sum'];
const ATTRIBUTE_KEYS = ['key', 'default_value'];
const HISTOGRAM_KEYS = ['buckets', 'count', 'value'];
const SUM_KEYS = ['value'];

describe('events as metrics in the collector', () => {
  it('pins the contrib image whose connector source was read (0.135.0)', () => {
    expect(composeWithDefaults().services['otel-collector']?.image).toBe('otel/opentelemetry-collector-contrib:0.135.0');
  });

  it('uses only options the pinned connector decodes', () => {
    for (const d of defs) {
      expect(Object.keys(d).filter((k) => !METRIC_INFO_KEYS.includes(k)), d.name).toEqual([]);
      for (const a of [...d.attributes, ...d.include_resource_attributes]) expect(Object.keys(a).filter((k) => !ATTRIBUTE_KEYS.includes(k))).toEqual([]);
      if (d.histogram) expect(Object.keys(d.histogram).filter((k) => !HISTOGRAM_KEYS.includes(k))).toEqual([]);
      if (d.sum) expect(Object.keys(d.sum).filter((k) => !SUM_KEYS.includes(k))).toEqual([]);
      expect(Number(Boolean(d.sum)) + Number(Boolean(d.histogram)), `${d.name}: exactly one metric type`).toBe(1);
    }
  });

  it('derives exactly the catalog’s metrics, with its names, units, events, labels and buckets', () => {
    expect(defs.map((d) => d.name)).toEqual(EVENT_METRIC_KEYS.map((k) => EVENT_METRICS[k].otelName));
    for (const key of EVENT_METRIC_KEYS) {
      const m = EVENT_METRICS[key];
      const d = defs.find((x) => x.name === m.otelName)!;
      expect(d.unit, key).toBe(m.unit);
      expect(d.conditions.join(' ')).toContain(`attributes["event.name"] == "${m.event}"`);
      expect(d.attributes.map((a: { key: string }) => a.key)).toEqual(eventAttributesOf(key));
      // A record without a listed attribute would be skipped by FilterAttributes: every one has a default.
      expect(d.attributes.every((a: { default_value?: unknown }) => a.default_value === '')).toBe(true);
      expect(d.include_resource_attributes).toEqual([{ key: 'service.name' }]);
      if (m.kind === 'sum' && m.valueAttribute) {
        // A sum of a number attribute: only records that carry it (FilterAttributes would not skip them).
        expect(d.sum).toEqual({ value: `Double(attributes["${m.valueAttribute}"])` });
        expect(d.conditions.join(' ')).toContain(`attributes["${m.valueAttribute}"] != nil`);
      } else if (m.kind === 'sum') expect(d.sum).toEqual({ value: '1' });
      else {
        expect(d.histogram.buckets).toEqual(m.buckets);
        expect(d.histogram.value).toBe(`Double(attributes["${m.valueAttribute}"])`);
        expect(d.conditions.join(' ')).toContain(`attributes["${m.valueAttribute}"] != nil`);
      }
    }
  });

  it('feeds the connector from the logs pipeline after the user.email switch, and turns its deltas cumulative', () => {
    const pipelines = config.service?.pipelines ?? {};
    expect(wiringProblems(config)).toEqual([]);
    expect(metricsPipelineProblems(config)).toEqual([]);
    expect(pipelines['logs']?.processors).toContain('transform/user_email');
    expect(pipelines['logs']?.exporters).toContain('signaltometrics');
    const events = pipelines['metrics/events'];
    expect(events?.receivers).toEqual(['signaltometrics']);
    expect(events?.processors).toEqual(['memory_limiter', 'transform/event_counters', 'deltatocumulative', 'batch']);
    // Hashing again here would give the derived metrics another identity than the metrics and events.
    expect(events?.processors).not.toContain('transform/user_email');
    expect(events?.exporters).toEqual(['prometheus']);
  });

  it('marks the connector’s sums monotonic before they are exported (counters with _total)', () => {
    const t = (config.processors?.['transform/event_counters'] ?? {}) as { metric_statements: { context: string; statements: string[] }[] };
    expect(t.metric_statements).toEqual([{ context: 'metric', statements: ['set(is_monotonic, true) where type == METRIC_DATA_TYPE_SUM'] }]);
  });
});
