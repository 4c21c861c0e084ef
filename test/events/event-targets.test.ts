/**
 * Every LogQL target of the built dashboards: parses with Grafana's LogQL grammar, matches its golden
 * text, and uses only labels that Loki's OTLP ingestion produces from what the collector sends (checked
 * against provisioning/loki/config.yaml, provisioning/otel-collector/config.yaml and the Loki version
 * docker-compose.yml pins). Also the privacy rules: no prompt or tool detail is read unless the
 * configuration opts in, and the user.email mode covers events exactly as it covers metrics.
 */
import { describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/index.js';
import { eventsVariables, sessionVariables } from '../../dashboards/event-variables.js';
import { resolveConfig, type Config, type ConfigInput } from '../../queries/config.js';
import type { QueryContext } from '../../queries/context.js';
import { LOKI_DEFAULT_INDEX_ATTRIBUTES, lokiIndexLabels, lokiStructuredMetadata, SENSITIVE_ATTRIBUTES } from '../../queries/event-catalog.js';
import { LOG_QUERIES } from '../../queries/library/index.js';
import { IDENTITY_FIELD } from '../../queries/library/event-common.js';
import { findLogQLSyntaxError } from '../../queries/logql/parse.js';
import { renderLogQL } from '../../queries/logql/render.js';
import { labelUse } from '../../queries/logql/walk.js';
import { stackPaths } from '../../scripts/stack/paths.js';
import { composeWithDefaults, readYaml } from '../stack/helpers/stack-files.js';

const CONFIGS: Record<string, ConfigInput> = {
  default: {},
  'opted-in': { events: { showPrompts: true, showToolDetails: true } },
  'user-id, no fallback, teams': { identity: 'user_id', teamLabels: ['team.id'] },
};

/** Every LogQL query under each context a dashboard builds it in. */
function contexts(config: Config): { name: string; ctx: QueryContext }[] {
  return [
    { name: 'events', ctx: { config, filters: eventsVariables(config).filters } },
    { name: 'session', ctx: { config, filters: sessionVariables(config).filters } },
  ];
}

describe('every LogQL target of the built dashboards', () => {
  for (const [name, input] of Object.entries(CONFIGS)) {
    it(`parses with @grafana/lezer-logql and matches its golden text (${name})`, async () => {
      const dashboards = buildDashboards(resolveConfig(input));
      const lines: string[] = [];
      for (const d of dashboards) {
        for (const t of d.logTargets) {
          expect(findLogQLSyntaxError(t.expr), `${d.uid}/${t.panelTitle}/${t.refId}`).toBeUndefined();
          lines.push(`# ${d.uid} · ${t.panelTitle} · ${t.refId} · ${t.queryId}`, t.expr, '');
        }
      }
      expect(lines.length).toBeGreaterThan(0);
      await expect(lines.join('\n')).toMatchFileSnapshot(`golden/logql-targets.${name.replace(/[^a-z]+/g, '-')}.logql`);
    });
  }

  it('is a query of the LogQL library (no hand-written LogQL reaches a dashboard)', () => {
    const config = resolveConfig({});
    const rendered = new Set(contexts(config).flatMap(({ ctx }) => LOG_QUERIES.map((q) => renderLogQL(q.build(ctx)))));
    for (const d of buildDashboards(config)) for (const t of d.logTargets) expect(rendered.has(t.expr), t.queryId).toBe(true);
  });
});

describe('labels: only what Loki makes of what the collector sends', () => {
  const loki = readYaml(stackPaths.lokiConfig) as Record<string, Record<string, unknown> | undefined>;
  const collector = readYaml(stackPaths.collectorConfig) as {
    processors?: Record<string, { log_statements?: unknown; metric_statements?: unknown }>;
    exporters?: Record<string, { endpoint?: string }>;
    service?: { pipelines?: Record<string, { processors?: string[]; exporters?: string[] }> };
  };

  it('the Loki pinned in docker-compose.yml is the version the mapping was read from (3.7.6)', () => {
    // queries/event-catalog.ts copies Loki v3.7.6's default index attributes; re-read them when this changes.
    expect(composeWithDefaults().services['loki']?.image).toBe('grafana/loki:3.7.6');
    expect(LOKI_DEFAULT_INDEX_ATTRIBUTES).toContain('service.name');
  });

  it('keeps Loki’s OTLP defaults: no otlp_config, structured metadata allowed on a v13 tsdb schema', () => {
    expect(loki['limits_config']?.['otlp_config']).toBeUndefined();
    expect(loki['distributor']).toBeUndefined();
    expect(loki['limits_config']?.['allow_structured_metadata']).toBe(true);
    expect(loki['limits_config']?.['discover_service_name']).toBeUndefined();
    const schemas = (loki['schema_config']?.['configs'] ?? []) as { store?: string; schema?: string }[];
    expect(schemas.at(-1)).toMatchObject({ store: 'tsdb', schema: 'v13' });
  });

  it('the logs pipeline sends records to Loki’s OTLP endpoint unchanged but for the email mode', () => {
    const logs = collector.service?.pipelines?.['logs'];
    expect(logs?.exporters).toContain('otlphttp/loki');
    expect(new URL(collector.exporters?.['otlphttp/loki']?.endpoint ?? '').pathname).toBe('/otlp');
    // A processor that renames, adds or moves attributes would change the labels below: none may be added unseen.
    for (const p of logs?.processors ?? []) expect(['memory_limiter', 'transform/user_email', 'batch'], p).toContain(p);
  });

  for (const [name, input] of Object.entries(CONFIGS)) {
    it(`every stream label is an index label, every other label structured metadata or made by the query (${name})`, () => {
      const config = resolveConfig(input);
      const index = lokiIndexLabels();
      expect(index).toEqual(['service_name']);
      const metadata = new Set([...lokiStructuredMetadata(config.teamLabels), ...index]);
      for (const { name: where, ctx } of contexts(config)) {
        for (const q of LOG_QUERIES) {
          const use = labelUse(q.build(ctx).node);
          for (const l of use.stream) expect(index, `${where}/${q.id}: {${l}}`).toContain(l);
          for (const l of use.fields) expect(metadata.has(l), `${where}/${q.id}: ${l}`).toBe(true);
          for (const l of use.created) expect(l).toBe(IDENTITY_FIELD);
        }
      }
    });
  }
});

describe('privacy', () => {
  const sensitive: string[] = [...SENSITIVE_ATTRIBUTES.prompts, ...SENSITIVE_ATTRIBUTES.toolDetails];
  /** API error messages are the API's, not the user's: the error panels read `error` of api_error events only. */
  const API_ERROR_QUERIES = new Set(['events.apiErrors', 'events.apiErrorLog']);

  it('by default no query reads a prompt, response, tool parameter, tool input or tool error', () => {
    const config = resolveConfig({});
    for (const { ctx } of contexts(config)) {
      for (const q of LOG_QUERIES) {
        const read = labelUse(q.build(ctx).node).fields.filter((f) => sensitive.includes(f));
        expect(read, q.id).toEqual(API_ERROR_QUERIES.has(q.id) ? ['error'] : []);
      }
      for (const q of LOG_QUERIES.filter((x) => API_ERROR_QUERIES.has(x.id))) expect(renderLogQL(q.build(ctx))).toMatch(/event_name=(~"api_error\|api_retries_exhausted"|"api_error")/);
    }
  });

  it('the event log shows them only when the configuration opts in, each switch on its own', () => {
    const fieldsOf = (input: ConfigInput) => {
      const config = resolveConfig(input);
      return labelUse(LOG_QUERIES.find((q) => q.id === 'events.log')!.build(contexts(config)[0]!.ctx).node).fields;
    };
    expect(fieldsOf({ events: { showPrompts: true } })).toEqual(expect.arrayContaining(['prompt', 'response']));
    expect(fieldsOf({ events: { showPrompts: true } })).not.toContain('tool_input');
    expect(fieldsOf({ events: { showToolDetails: true } })).toEqual(expect.arrayContaining(['tool_parameters', 'tool_input', 'error']));
    expect(fieldsOf({ events: { showToolDetails: true } })).not.toContain('prompt');
  });

  it('the user.email keep/hash/drop processor covers the logs pipeline with the same statements as the metrics', () => {
    const collector = readYaml(stackPaths.collectorConfig) as {
      processors?: Record<string, { metric_statements?: { statements: string[] }[]; log_statements?: { context: string; statements: string[] }[] }>;
      service?: { pipelines?: Record<string, { processors?: string[] }> };
    };
    const t = collector.processors?.['transform/user_email'];
    const metric = t?.metric_statements?.flatMap((s) => s.statements) ?? [];
    const log = t?.log_statements ?? [];
    expect(metric.length).toBeGreaterThan(0);
    // Claude Code puts user.email on each record (not the resource): the log context is the one to rewrite.
    expect(log.map((s) => s.context)).toEqual(['log']);
    expect(log.flatMap((s) => s.statements)).toEqual(metric);
    for (const pipeline of ['metrics', 'logs']) {
      const processors = collector.service?.pipelines?.[pipeline]?.processors ?? [];
      expect(processors, pipeline).toContain('transform/user_email');
      expect(processors.indexOf('transform/user_email'), pipeline).toBeLessThan(processors.indexOf('batch'));
    }
  });
});
