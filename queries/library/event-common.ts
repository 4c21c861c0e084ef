/**
 * Building blocks of the event (LogQL) queries: what a named LogQL query is, the stream every query
 * reads, the dashboard filters as pipeline stages, and the fields a panel may show.
 *
 * Loki's OTLP ingestion indexes only `service_name` of Claude Code's resource attributes; every event
 * attribute is structured metadata (`session.id` → `session_id`), filtered with `| label op "value"`
 * after the selector. No `| json`: the line is only the record's body (`claude_code.api_request`).
 * What a panel shows is an allowlist (`| keep`): prompts and tool details appear only when the
 * configuration opts in (`events.showPrompts`, `events.showToolDetails`).
 */
import { IDENTITY_ATTRIBUTES } from '../config.js';
import type { QueryContext } from '../context.js';
import { lokiLabelName, SENSITIVE_ATTRIBUTES, type EventName } from '../event-catalog.js';
import { escapeRegex } from '../promql/escape.js';
import { anyLabel, labelFilter, labelFormat, matcher, pipe, stream, type LogQLQuery, type LogQuery } from '../logql/builders.js';
import type { Stage } from '../logql/ast.js';

/** What a LogQL query's value is; panels derive units from it. */
export type LogMeasure = 'logs' | 'count' | 'usd' | 'milliseconds' | 'tokens';

/** A named, documented LogQL query. */
export interface LogQueryDefinition {
  /** Stable id, `<area>.<name>`, e.g. `events.log`. */
  readonly id: string;
  readonly title: string;
  /** What the panel shows and how it is computed; becomes the panel description. */
  readonly description: string;
  readonly measure: LogMeasure;
  /** `logs`: log lines; `instant`: one value per series over the range; `range`: a time series. */
  readonly kind: 'logs' | 'instant' | 'range';
  /** The query under a context (configuration and filters). */
  build(ctx: QueryContext): LogQLQuery;
}

/** Defines a LogQL query (the identity function, typed: the place to hang checks later). */
export function defineLogQuery(spec: LogQueryDefinition): LogQueryDefinition {
  return spec;
}

/** Loki's name for an OpenTelemetry attribute: `session.id` → `session_id`. */
export const field = lokiLabelName;

/** The label a query makes that holds the configured identity with its fallback (as `withIdentity` on metrics). */
export const IDENTITY_FIELD = 'claude_code_identity';

/** `{service_name=~"claude-code|claude-code-desktop"}`: every Claude Code event stream, and nothing else. */
export function eventStream(ctx: QueryContext): LogQuery {
  return stream([matcher('service_name', '=~', ctx.config.events.serviceNames.map(escapeRegex).join('|'))]);
}

/** `| event_name="api_request"` (or `=~` over several). */
export function eventIs(...names: readonly EventName[]): Stage {
  return names.length === 1 ? labelFilter('event_name', '=', names[0] as string) : labelFilter('event_name', '=~', names.map(escapeRegex).join('|'));
}

/**
 * The identity stages: `label_format` computes the configured identity, or `<fallback>:<value>` when a
 * record lacks it (exactly the values the Prometheus user variable lists), then the user filter.
 */
function identityStages(ctx: QueryContext): Stage[] {
  const variable = ctx.filters.identity;
  if (!variable) return [];
  const id = field(IDENTITY_ATTRIBUTES[ctx.config.identity]);
  const fallback = ctx.config.identityFallback;
  if (fallback === null) return [labelFilter(id, '=~', variable.ref)];
  const fb = field(IDENTITY_ATTRIBUTES[fallback]);
  return [labelFormat(IDENTITY_FIELD, `{{ if .${id} }}{{ .${id} }}{{ else }}${fallback}:{{ .${fb} }}{{ end }}`), labelFilter(IDENTITY_FIELD, '=~', variable.ref)];
}

/** The dashboard filters in force as pipeline stages: user, session, event name, model, tool, team. */
export function filterStages(ctx: QueryContext): Stage[] {
  const f = ctx.filters;
  const stages: Stage[] = [...identityStages(ctx)];
  // Session ids are UUIDs: as a regex they match only themselves, single- or multi-value.
  if (f.session) stages.push(labelFilter('session_id', '=~', f.session.ref));
  if (f.eventName) stages.push(labelFilter('event_name', '=~', f.eventName.ref));
  if (f.model) stages.push(labelFilter('model', '=~', f.model.ref));
  if (f.tool) stages.push(labelFilter('tool_name', '=~', f.tool.ref));
  for (const [attribute, variable] of Object.entries(f.team ?? {})) stages.push(labelFilter(field(attribute), '=~', variable.ref));
  return stages;
}

/** The Claude Code event streams with the dashboard filters and `extra` stages applied. */
export function events(ctx: QueryContext, ...extra: readonly Stage[]): LogQuery {
  return pipe(eventStream(ctx), ...filterStages(ctx), ...extra);
}

/**
 * The streams with the filters that make sense for one event type (`eventIs(...)` in `extra`): the
 * event-name and tool filters are left out, so picking a tool does not empty the API panels.
 */
export function eventsOf(ctx: QueryContext, ...extra: readonly Stage[]): LogQuery {
  const { eventName: _eventName, tool: _tool, ...filters } = ctx.filters;
  return events({ ...ctx, filters }, ...extra);
}

/** `| status_code="429" or ...`: any of the values, exactly. */
export function fieldIn(name: string, values: readonly string[]): Stage {
  return anyLabel(...values.map((v) => matcher(name, '=', v)));
}

/** The identity field a query can group or show by: the computed one, or the raw label without fallback. */
export function identityField(ctx: QueryContext): string {
  return ctx.filters.identity && ctx.config.identityFallback !== null ? IDENTITY_FIELD : field(IDENTITY_ATTRIBUTES[ctx.config.identity]);
}

/** Fields every event panel may show: ids, names, numbers and outcomes, never free text a user or tool wrote. */
const SAFE_FIELDS = [
  'service_name',
  'event_name',
  'event_sequence',
  'event_timestamp',
  'session_id',
  'prompt_id',
  'user_id',
  'terminal_type',
  'app_version',
  'model',
  'query_source',
  'speed',
  'effort',
  'request_id',
  'duration_ms',
  'cost_usd',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_creation_tokens',
  'status_code',
  'attempt',
  'tool_name',
  'tool_source',
  'success',
  'error_type',
  'decision',
  'source',
  'decision_type',
  'decision_source',
  'prompt_length',
  'response_length',
  'agent_type',
  'status',
  'trigger',
];

/** The fields a panel may show under the configuration: the safe ones, the identity, and opted-in details. */
export function visibleFields(ctx: QueryContext): string[] {
  const identity = field(IDENTITY_ATTRIBUTES[ctx.config.identity]);
  return [
    ...SAFE_FIELDS,
    identity,
    ...(ctx.filters.identity && ctx.config.identityFallback !== null ? [IDENTITY_FIELD] : []),
    ...(ctx.config.events.showPrompts ? SENSITIVE_ATTRIBUTES.prompts : []),
    ...(ctx.config.events.showToolDetails ? SENSITIVE_ATTRIBUTES.toolDetails : []),
  ];
}
