/**
 * The collector configuration, checked structurally (the collector itself cannot run here):
 * wiring, the delta-to-cumulative requirements, expiry ordering, PII switch, and that the ports it
 * listens on are the ones Compose publishes and Prometheus scrapes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DELTATOCUMULATIVE_SWEEP_MS,
  expiryProblems,
  expirySettings,
  listenPorts,
  metricsPipelineProblems,
  wiringProblems,
  type CollectorConfig,
} from '../../scripts/stack/collector-config.js';
import { defaultConfig } from '../../queries/config.js';
import { parsePortMapping } from '../../scripts/stack/compose-file.js';
import { stackPaths } from '../../scripts/stack/paths.js';
import { composeWithDefaults, readYaml } from './helpers/stack-files.js';

const config = readYaml(stackPaths.collectorConfig) as CollectorConfig;
const compose = composeWithDefaults();

function mutate(change: (copy: Record<string, any>) => void): CollectorConfig {
  const copy = structuredClone(config) as Record<string, any>;
  change(copy);
  return copy as CollectorConfig;
}

describe('collector configuration', () => {
  it('wires every pipeline to defined components and uses every component it defines', () => {
    expect(wiringProblems(config)).toEqual([]);
  });

  it('converts delta to cumulative in the metrics pipeline: memory_limiter → … → deltatocumulative → batch', () => {
    expect(metricsPipelineProblems(config)).toEqual([]);
    expect(config.service?.pipelines?.['metrics']?.processors).toEqual(['memory_limiter', 'transform/user_email', 'deltatocumulative', 'batch']);
  });

  it('expires and forgets series as the default configuration\'s pipeline block says (the rules are built for it)', () => {
    expect(expiryProblems(config, defaultConfig().pipeline)).toEqual([]);
    const settings = expirySettings(config);
    expect(settings?.explicit).toBe(true);
    // The exporter stops showing an idle series long before deltatocumulative forgets its total.
    expect((settings?.maxStaleMs ?? 0) + DELTATOCUMULATIVE_SWEEP_MS).toBeGreaterThan(settings?.metricExpirationMs ?? Infinity);
  });

  it('keeps the exporter’s default metric suffixes (the dashboards’ "otel-collector" naming)', () => {
    const prometheus = (config.exporters?.['prometheus'] ?? {}) as Record<string, unknown>;
    expect(prometheus['add_metric_suffixes']).toBeUndefined();
    expect(prometheus['translation_strategy']).toBeUndefined();
    expect(prometheus['namespace']).toBeUndefined();
  });

  it('copies the resource attributes (service.version, os.type, host.arch) onto every series: the platform row reads them as labels', () => {
    const prometheus = (config.exporters?.['prometheus'] ?? {}) as { resource_to_telemetry_conversion?: { enabled?: unknown } };
    expect(prometheus.resource_to_telemetry_conversion?.enabled).toBe(true);
    // Both metric pipelines end in this exporter, so Claude Code's own metrics carry them.
    expect(config.service?.pipelines?.['metrics']?.exporters).toEqual(['prometheus']);
  });

  it('sends events to Loki’s OTLP endpoint on the Compose service', () => {
    const loki = (config.exporters?.['otlphttp/loki'] ?? {}) as { endpoint?: string };
    const url = new URL(loki.endpoint ?? '');
    expect(url.pathname).toBe('/otlp');
    const lokiPorts = (compose.services[url.hostname]?.ports ?? []).map((p) => parsePortMapping(p).containerPort);
    expect(lokiPorts).toContain(Number(url.port));
    expect(config.service?.pipelines?.['logs']?.exporters).toEqual(['otlphttp/loki', 'signaltometrics']);
  });

  it('switches user.email handling with CLAUDE_USER_EMAIL_MODE, and the default keeps the data unchanged', () => {
    const text = readFileSync(stackPaths.collectorConfig, 'utf8');
    expect(text).toContain('"${env:CLAUDE_USER_EMAIL_MODE}" == "hash"');
    expect(text).toContain('"${env:CLAUDE_USER_EMAIL_MODE}" == "drop"');
    const env = compose.services['otel-collector']?.environment as Record<string, string>;
    expect(env['CLAUDE_USER_EMAIL_MODE']).toBe('keep');
    for (const pipeline of ['metrics', 'logs']) {
      expect(config.service?.pipelines?.[pipeline]?.processors).toContain('transform/user_email');
    }
  });
});

describe('collector ports', () => {
  const listening = listenPorts(config);
  const published = (compose.services['otel-collector']?.ports ?? []).map(parsePortMapping);

  it('listen on 4317/4318 (OTLP), 8889 (exporter), 13133 (health) and 8888 (own metrics)', () => {
    expect(listening.map((p) => p.port).sort()).toEqual([13133, 4317, 4318, 8888, 8889]);
  });

  it('publishes every port Claude Code or the host needs, and nothing the collector does not listen on', () => {
    const containerPorts = published.map((p) => p.containerPort).sort();
    expect(containerPorts).toEqual([13133, 4317, 4318, 8889]);
    for (const port of containerPorts) expect(listening.map((p) => p.port)).toContain(port);
  });

  it('is scraped by Prometheus on the exporter and telemetry ports of the Compose service', () => {
    const prometheus = readYaml(stackPaths.prometheusConfig) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((g) => g.targets));
    const exporterPort = listening.find((p) => p.component === 'prometheus')?.port;
    const telemetryPort = listening.find((p) => p.component === 'service.telemetry')?.port;
    expect(targets).toContain(`otel-collector:${exporterPort}`);
    expect(targets).toContain(`otel-collector:${telemetryPort}`);
    expect(Object.keys(compose.services)).toContain('otel-collector');
  });
});

describe('the structural checks catch broken configurations', () => {
  it('an undefined processor in a pipeline', () => {
    const broken = mutate((c) => c.service.pipelines.metrics.processors.push('filter/typo'));
    expect(wiringProblems(broken)).toContain('pipeline metrics uses processor filter/typo, which is not defined');
  });

  it('a defined but unused exporter, and an extension that is not enabled', () => {
    const broken = mutate((c) => {
      c.exporters.debug = {};
      c.service.extensions = [];
    });
    expect(wiringProblems(broken)).toEqual(
      expect.arrayContaining(['exporter debug is defined but used by no pipeline', 'extension health_check is defined but not listed in service.extensions']),
    );
  });

  it('a metrics pipeline without deltatocumulative, or with batch before it', () => {
    const missing = mutate((c) => (c.service.pipelines.metrics.processors = ['memory_limiter', 'batch']));
    expect(metricsPipelineProblems(missing).join('\n')).toMatch(/no deltatocumulative/);
    const order = mutate((c) => (c.service.pipelines.metrics.processors = ['memory_limiter', 'batch', 'deltatocumulative']));
    expect(metricsPipelineProblems(order).join('\n')).toMatch(/batch must come after deltatocumulative/);
  });

  it('expiry settings that differ from the pipeline block, or left implicit', () => {
    const pipeline = defaultConfig().pipeline;
    const stale = mutate((c) => (c.processors.deltatocumulative.max_stale = '14m'));
    expect(expiryProblems(stale, pipeline).join('\n')).toMatch(/max_stale is 14m but pipeline.seriesMemory says 65m: set max_stale to 1h4m/);
    const expiry = mutate((c) => (c.exporters.prometheus.metric_expiration = '15m'));
    expect(expiryProblems(expiry, pipeline).join('\n')).toMatch(/metric_expiration is 15m but pipeline.exporterExpiry says 5m/);
    const implicit = mutate((c) => delete c.exporters.prometheus.metric_expiration);
    expect(expiryProblems(implicit, pipeline).join('\n')).toMatch(/explicitly/);
  });
});
