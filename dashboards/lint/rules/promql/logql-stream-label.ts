/**
 * A Claude Code event attribute in a LogQL stream selector. Loki's OTLP ingestion makes index labels only
 * of a fixed list of resource attributes (by default service.name, service.namespace, deployment and k8s
 * names: LOKI_DEFAULT_INDEX_ATTRIBUTES in queries/event-catalog.ts; provisioning/loki/config.yaml keeps
 * that default); event attributes and the other resource attributes are structured metadata, which a
 * stream selector cannot match.
 */
import { LOKI_DEFAULT_INDEX_ATTRIBUTES, lokiLabelName, lokiStructuredMetadata } from '../../../../queries/event-catalog.js';
import type { Rule } from '../../types.js';
import { analyzeLogQL, readsClaudeCodeEvents } from '../../promql/logql-analyze.js';

const INDEX_LABELS: ReadonlySet<string> = new Set(LOKI_DEFAULT_INDEX_ATTRIBUTES.map(lokiLabelName));
const METADATA: ReadonlySet<string> = new Set(lokiStructuredMetadata());

export const logqlStreamLabel: Rule = {
  id: 'logql-stream-label',
  category: 'promql',
  severity: 'error',
  description: 'Stream selectors of Claude Code event queries use only labels Loki\'s OTLP ingestion indexes (service_name, ...); event attributes are filtered after the selector.',
  why: 'Loki stores OTLP event attributes (event_name, session_id, model, ...) as structured metadata, not as stream labels: {event_name="api_request"} selects no stream, so the panel is empty.',
  advice: 'Select the stream by service_name and filter the attribute in the pipeline: {service_name="claude-code"} | event_name="api_request". If your Loki indexes it (otlp_config), list it under extraLabels in the lint config.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.logqlTargets) {
      const analysis = analyzeLogQL(target.expr ?? '');
      if (!readsClaudeCodeEvents(analysis)) continue;
      const seen = new Set<string>();
      for (const m of analysis.stream) {
        if (seen.has(m.label) || INDEX_LABELS.has(m.label) || !METADATA.has(m.label) || ctx.settings.extraLabels.has(m.label)) continue;
        seen.add(m.label);
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: `${m.label} is structured metadata of Claude Code's OTLP events, not a Loki stream label, so {${m.label}${m.op}"${m.value}"} selects no stream.`,
          fix: `Move it after the selector: {service_name="claude-code"} | ${m.label}${m.op}"${m.value}".`,
        });
      }
    }
  },
};
