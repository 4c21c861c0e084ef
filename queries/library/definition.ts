/**
 * What a named query is: an id, a title, a description of what the number means and how it is
 * computed, the kind of value it returns, and a builder from the query context.
 *
 * Each builder is written once against a `Counters` strategy. Ours counts exactly what Claude Code
 * reported (`reportedIncrease`); the naive strategy is the `increase()`/`rate()` formulation public
 * dashboards use, kept only so the accuracy report can show both side by side.
 */
import type { Config } from '../config.js';
import type { QueryContext } from '../context.js';
import { rawInRange, rawIncrease, rawPerHour } from '../fallback.js';
import { naiveIncrease, reportedInRange, reportedIncrease, reportedPerHour } from '../counters.js';
import { at, countOverTime, mul, num, or, range, rate } from '../promql/builders.js';
import { rawPromQL } from '../promql/raw.js';
import { grafana } from '../promql/macros.js';
import type { InstantVector, VectorSelector } from '../promql/types.js';

/** What a query's value measures; panels derive units and decimals from it. */
export type Measure =
  | 'usd'
  | 'usdPerHour'
  | 'tokens'
  | 'tokensPerHour'
  | 'count'
  | 'ratio'
  | 'seconds'
  | 'usdPerUnit'
  /** A dimensionless multiple, e.g. CLI time per unit of user time. */
  | 'multiple'
  /** A duration in milliseconds, e.g. an API request's latency. */
  | 'milliseconds'
  /** Events per minute, e.g. API requests per minute. */
  | 'perMinute'
  /** A point in time, in milliseconds since the epoch (e.g. a session's first report). */
  | 'timestamp';

/** How counters are read: totals over the dashboard range, and per-hour rates per graph step. */
export interface Counters {
  /** Per series: what was reported within the dashboard time range. */
  total(series: VectorSelector): InstantVector;
  /** Per series: the rate per hour at each graph step (sum it by any labels). */
  perHour(series: VectorSelector): InstantVector;
  /** Per series with data in the dashboard range: 0, so that a trend shows 0 at steps without reports. */
  inRange(series: VectorSelector): InstantVector;
}

/**
 * Exact counter reading from the recording rules (see `counters.ts`), or, where the rules are not
 * loaded, the raw approximation that the dashboards' fallback switch turns on (see `fallback.ts`).
 */
export function reportedCounters(config: Config): Counters {
  return {
    total: (series) => or(reportedIncrease(series), rawIncrease(series, config)),
    perHour: (series) => or(reportedPerHour(series), rawPerHour(series, config)),
    inRange: (series) => or(reportedInRange(series), rawInRange(series)),
  };
}

/** The formulation of most public dashboards: `increase(x[$__range])` and `rate(x[$__rate_interval]) * 3600`. */
export const NAIVE: Counters = {
  total: (series) => naiveIncrease(series),
  perHour: (series) => mul(rate(range(series, grafana.rateInterval)), num(3600)),
  inRange: (series) => mul(countOverTime(at(range(series, grafana.range), 'end')), num(0)),
};

/** A named, documented query of the library; `Id` is its id as a literal type (`cost.total`). */
export interface QueryDefinition<Id extends string = string> {
  /** Stable id, `<area>.<name>`, e.g. `cost.byModel`. */
  readonly id: Id;
  readonly title: string;
  /** What the number means and how it is computed; becomes the panel description. */
  readonly description: string;
  readonly measure: Measure;
  /** `instant` for one value per series over the range; `range` for a time series. */
  readonly kind: 'instant' | 'range';
  /** Labels of the result (for legends and table columns), as functions of the context. */
  readonly groupBy: (ctx: QueryContext) => readonly string[];
  /** The query with our exact counter semantics. */
  build(ctx: QueryContext): InstantVector;
  /** The same query with the naive counter formulation (accuracy report only). */
  naive(ctx: QueryContext): InstantVector;
  /** The same query with any counter reading: `build` and `naive` are this with the stock ones. */
  withCounters(ctx: QueryContext, counters: Counters): InstantVector;
}

/** The parts of a query definition a library module writes; `build`/`naive` come from one function. */
export interface QuerySpec<Id extends string = string> {
  readonly id: Id;
  readonly title: string;
  readonly description: string;
  readonly measure: Measure;
  readonly kind?: 'instant' | 'range';
  readonly groupBy?: (ctx: QueryContext) => readonly string[];
  readonly query: (ctx: QueryContext, counters: Counters) => InstantVector;
}

/** The descriptive fields every definition shares, with their defaults (written once). */
function describedBy<Id extends string>(spec: Omit<QuerySpec<Id>, 'query'>): Pick<QueryDefinition<Id>, 'id' | 'title' | 'description' | 'measure' | 'kind' | 'groupBy'> {
  return { id: spec.id, title: spec.title, description: spec.description, measure: spec.measure, kind: spec.kind ?? 'instant', groupBy: spec.groupBy ?? (() => []) };
}

/** Turns a spec into a definition with both counter strategies. */
export function defineQuery<const Id extends string>(spec: QuerySpec<Id>): QueryDefinition<Id> {
  return {
    ...describedBy(spec),
    build: (ctx) => spec.query(ctx, reportedCounters(ctx.config)),
    naive: (ctx) => spec.query(ctx, NAIVE),
    withCounters: (ctx, counters) => spec.query(ctx, counters),
  };
}

/** A query of your own written as PromQL text (for metrics the builders do not cover). */
export interface RawQuerySpec<Id extends string = string> extends Omit<QuerySpec<Id>, 'query'> {
  /** The PromQL; Grafana macros and dashboard variables are allowed. Parsed when a panel is built. */
  readonly expr: (ctx: QueryContext) => string;
}

/**
 * The typed escape hatch: a named query from PromQL text, usable by every panel factory and accepted by
 * `assemble()` like the library's own (it has no naive variant: it is the same text either way).
 */
export function defineRawQuery<const Id extends string>(spec: RawQuerySpec<Id>): QueryDefinition<Id> {
  const build = (ctx: QueryContext): InstantVector => rawPromQL(spec.expr(ctx), `Query "${spec.id}"`);
  return {
    ...describedBy(spec),
    build,
    naive: build,
    withCounters: (ctx) => build(ctx),
  };
}
