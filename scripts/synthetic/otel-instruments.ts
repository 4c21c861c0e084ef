/**
 * Claude Code's eight counters as OpenTelemetry JS SDK instruments (same meter name, instrument names,
 * units and attributes as Claude Code's `installMeter`), and replay of synthetic reports into them. Used by
 * `npm run demo` (OTLP) and by the end-to-end test (Prometheus exporter).
 */
import type { Counter, Meter } from '@opentelemetry/api';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { METRIC_KEYS, METRICS, RESOURCE_ATTRIBUTES, type MetricKey } from '../../queries/catalog.js';
import type { Report } from './types.js';

/** Claude Code's meter (instrumentation scope) name. */
export const CLAUDE_CODE_METER = 'com.anthropic.claude_code';

/** The eight counters, by metric key. */
export type ClaudeCodeCounters = Readonly<Record<MetricKey, Counter>>;

/** Creates the eight counters on `meter`. */
export function createClaudeCodeCounters(meter: Meter): ClaudeCodeCounters {
  return Object.fromEntries(
    METRIC_KEYS.map((key) => {
      const m = METRICS[key];
      return [key, meter.createCounter(m.otelName, { description: m.description, ...(m.unit ? { unit: m.unit } : {}) })];
    }),
  ) as Record<MetricKey, Counter>;
}

const RESOURCE = new Set<string>(RESOURCE_ATTRIBUTES);

/**
 * Records one report: adds its amount with its datapoint attributes. The synthetic series also carry the
 * resource attributes (scripts/synthetic/platform.ts); Claude Code sets those on its resource, not on the
 * data points, so they are left out here (the provider's resource is `claudeCodeResource()`).
 */
export function recordReport(counters: ClaudeCodeCounters, report: Report): void {
  const datapoint = Object.fromEntries(Object.entries(report.series.attributes).filter(([k]) => !RESOURCE.has(k)));
  counters[report.series.metric].add(report.amount, datapoint);
}

/** The resource Claude Code sends (service.name claude-code, no service.instance.id). */
export function claudeCodeResource(version = '2.1.248'): Resource {
  return resourceFromAttributes({
    'service.name': 'claude-code',
    'service.version': version,
    'os.type': 'linux',
    'host.arch': 'x64',
  });
}
