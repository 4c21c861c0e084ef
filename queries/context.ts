/**
 * The context every named query is built in: the configuration and the dashboard filters in force.
 * `metricSelector` is the single place where a filter becomes a matcher, and it only adds a matcher
 * for a label the metric really carries (a `model` filter on session count would zero the panel).
 */
import { PER_SESSION_METRICS } from './counters.js';
import { metricHasAttribute, type MetricKey } from './catalog.js';
import { eventAttributesOf, eventMetricName, type EventMetricKey, type EventSeries } from './events.js';
import { IDENTITY_ATTRIBUTES, type Config } from './config.js';
import { parseMatcher } from './matchers.js';
import { labelName, metricName } from './naming.js';
import type { Matcher } from './promql/ast.js';
import { matchVariable, selector } from './promql/builders.js';
import type { TemplateVariable } from './promql/macros.js';
import type { VectorSelector } from './promql/types.js';

/** Dashboard variables that filter queries, by what they filter. */
export interface Filters {
  /** Filters the configured identity label (e.g. `user_email=~"$user"`). */
  readonly identity?: TemplateVariable;
  /**
   * Filters the identity as the dashboards show it: the identity label, or `<fallback>:<value>` for a
   * series without it (`withIdentity` in queries/library/common.ts), so that API-key users can be selected
   * too. The selector keeps the variable's values and every series without the identity label
   * (`user_email=~"$user|"`); the library's totals then keep only the series whose shown identity is
   * selected (`shownIdentityOnly`). The per-user dashboard filters this way.
   */
  readonly shownIdentity?: TemplateVariable;
  readonly model?: TemplateVariable;
  readonly terminal?: TemplateVariable;
  /** Team/resource attributes (OpenTelemetry keys, e.g. `team.id`) and their variables. */
  readonly team?: Readonly<Record<string, TemplateVariable>>;
  /** Filters `session_id` (metrics and events; every Claude Code series carries it by default). */
  readonly session?: TemplateVariable;
  /** Events only: filters `event_name`. */
  readonly eventName?: TemplateVariable;
  /** Events only: filters `tool_name`. */
  readonly tool?: TemplateVariable;
}

/** Configuration plus filters: the input of every named query. */
export interface QueryContext {
  readonly config: Config;
  readonly filters: Filters;
}

/** A context without filters. */
export function unfiltered(config: Config): QueryContext {
  return { config, filters: {} };
}

/** A matcher on an OpenTelemetry attribute, translated to the label name of the configured scheme. */
export interface AttributeMatcher {
  readonly attribute: string;
  readonly op: Matcher['op'];
  readonly value: string;
}

/** The Prometheus label name of an OpenTelemetry attribute under the context's naming scheme. */
export function label(ctx: QueryContext, attribute: string): string {
  return labelName(ctx.config.naming, attribute);
}

/** The Prometheus label name of the configured identity (e.g. `user_email`). */
export function identityLabel(ctx: QueryContext): string {
  return label(ctx, IDENTITY_ATTRIBUTES[ctx.config.identity]);
}

/** The filters that apply to `metric`, as attribute/variable pairs, in a fixed order. */
export function filtersFor(ctx: QueryContext, metric: MetricKey): { attribute: string; variable: TemplateVariable }[] {
  // The rules sum every metric but the session count over sessions (counters.ts): a session filter
  // cannot apply to them, and panels say so (ignoredFilters).
  const keepsSession = PER_SESSION_METRICS.includes(metric);
  return filtersWhere(ctx, (attribute) => metricHasAttribute(metric, attribute, ctx.config.teamLabels) && (attribute !== 'session.id' || keepsSession));
}

/** The filters whose attribute `has` accepts, in a fixed order. */
function filtersWhere(ctx: QueryContext, has: (attribute: string) => boolean): { attribute: string; variable: TemplateVariable }[] {
  const { filters, config } = ctx;
  const candidates: { attribute: string; variable: TemplateVariable | undefined }[] = [
    { attribute: IDENTITY_ATTRIBUTES[config.identity], variable: filters.identity ?? filters.shownIdentity },
    { attribute: 'model', variable: filters.model },
    { attribute: 'terminal.type', variable: filters.terminal },
    ...Object.entries(filters.team ?? {}).map(([attribute, variable]) => ({ attribute, variable })),
    { attribute: 'session.id', variable: filters.session },
  ];
  return candidates.filter(
    (c): c is { attribute: string; variable: TemplateVariable } => c.variable !== undefined && has(c.attribute),
  );
}

/** Filters in the context that do NOT apply to `metric` (used to say so in panel descriptions). */
export function ignoredFilters(ctx: QueryContext, metric: MetricKey): string[] {
  const applied = new Set(filtersFor(ctx, metric).map((f) => f.variable.name));
  const all = [ctx.filters.identity ?? ctx.filters.shownIdentity, ctx.filters.model, ctx.filters.terminal, ...Object.values(ctx.filters.team ?? {}), ctx.filters.session];
  return all.filter((v): v is TemplateVariable => v !== undefined && !applied.has(v.name)).map((v) => v.name);
}

/** The configuration's `extraMatchers` (e.g. `cluster="prod"`), which every library query carries. */
export function configMatchers(config: Config): Matcher[] {
  return config.extraMatchers.flatMap((text) => parseMatcher(text) ?? []);
}

/**
 * The matcher of one filter: `label=~"$variable"`; for the shown identity with a fallback configured
 * `label=~"$variable|"`, which also keeps the series without the label (their fallback identity is
 * checked after `withIdentity`, see `Filters.shownIdentity`).
 */
function filterMatcher(ctx: QueryContext, f: { attribute: string; variable: TemplateVariable }): Matcher {
  const m = matchVariable(label(ctx, f.attribute), f.variable);
  return widensIdentity(ctx, f.variable) ? { ...m, value: `${m.value}|` } : m;
}

/** Whether `variable` is the shown-identity filter of a configuration with a fallback (see `Filters.shownIdentity`). */
export function widensIdentity(ctx: QueryContext, variable: TemplateVariable | undefined): boolean {
  return variable !== undefined && variable === ctx.filters.shownIdentity && ctx.filters.identity === undefined && ctx.config.identityFallback !== null;
}

/**
 * The selector of a Claude Code metric under the configured naming scheme: the configuration's extra
 * matchers, any extra attribute matchers, and the dashboard filters that apply to it.
 */
export function metricSelector(ctx: QueryContext, metric: MetricKey, extra: readonly AttributeMatcher[] = []): VectorSelector {
  const matchers: Matcher[] = [
    ...configMatchers(ctx.config),
    ...extra.map((m) => ({ label: label(ctx, m.attribute), op: m.op, value: m.value })),
    ...filtersFor(ctx, metric).map((f) => filterMatcher(ctx, f)),
  ];
  return selector(metricName(ctx.config.naming, metric, ctx.config.metricPrefix), matchers);
}

/**
 * The selector of a metric the collector derives from events (events.ts): the same extra matchers, and
 * the dashboard filters whose attribute the derived metric keeps as a label (team labels included, which
 * the connector must be configured to keep; see docs/events-metrics.md).
 */
export function eventMetricSelector(ctx: QueryContext, metric: EventMetricKey, series: EventSeries = 'total', extra: readonly AttributeMatcher[] = []): VectorSelector {
  const matchers: Matcher[] = [
    ...configMatchers(ctx.config),
    ...extra.map((m) => ({ label: label(ctx, m.attribute), op: m.op, value: m.value })),
    ...eventFilters(ctx, metric).map((f) => matchVariable(label(ctx, f.attribute), f.variable)),
  ];
  return selector(eventMetricName(ctx.config.naming, metric, series, ctx.config.metricPrefix), matchers);
}

/** The filters that apply to a derived event metric. */
function eventFilters(ctx: QueryContext, metric: EventMetricKey): { attribute: string; variable: TemplateVariable }[] {
  const kept = new Set([...eventAttributesOf(metric), ...ctx.config.teamLabels]);
  // The shown identity needs the totals' second step (`shownIdentityOnly`), which event queries do not take.
  return filtersWhere(ctx, (a) => kept.has(a)).filter((f) => !widensIdentity(ctx, f.variable));
}

/** Filters in the context that do NOT apply to a derived event metric (e.g. `model` on tool results). */
export function ignoredEventFilters(ctx: QueryContext, metric: EventMetricKey): string[] {
  const applied = new Set(eventFilters(ctx, metric).map((f) => f.variable.name));
  const all = [ctx.filters.identity ?? ctx.filters.shownIdentity, ctx.filters.model, ctx.filters.terminal, ...Object.values(ctx.filters.team ?? {})];
  return all.filter((v): v is TemplateVariable => v !== undefined && !applied.has(v.name)).map((v) => v.name);
}
