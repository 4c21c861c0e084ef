/**
 * Applies the configuration's `queries` overrides: a stock query replaced by PromQL text, or its title,
 * description, measure, kind or panel options changed, wherever a panel shows it. The panels ask
 * `effectiveQuery` for every query they render, so one entry in the configuration changes every panel of
 * every dashboard that uses the query, with no fork and no cast.
 */
import { ConfigError, type Config } from './config.js';
import type { QueryOverride } from './config-extensions.js';
import type { QueryContext } from './context.js';
import { defineRawQuery, type QueryDefinition } from './library/definition.js';
import { QUERIES } from './library/index.js';

/** The panel options an override sets on every query-driven panel showing the query. */
export type PanelOverride = NonNullable<QueryOverride['panel']>;

/**
 * Checks that every overridden id names a stock query.
 * @param config - a validated configuration
 * @param source - where it came from (a file path), named in the error
 * @throws ConfigError naming the field `queries.<id>`, the closest ids and the fix
 */
export function checkQueryOverrides(config: Config, source = 'configuration'): void {
  const known = new Set(QUERIES.map((q) => q.id));
  const problems = Object.keys(config.queries)
    .filter((id) => !known.has(id))
    .map((id) => {
      const area = id.split('.')[0] ?? '';
      const sameArea = QUERIES.filter((q) => q.id.startsWith(`${area}.`)).map((q) => q.id);
      const hint = sameArea.length > 0 ? `ids in "${area}": ${sameArea.join(', ')}` : `areas: ${[...new Set(QUERIES.map((q) => q.id.split('.')[0]))].join(', ')}`;
      return `queries.${id}: got "${id}": is not a stock query id; fix: use one of the library's ids (${hint})`;
    });
  if (problems.length > 0) throw new ConfigError(source, problems);
}

/** The override the configuration holds for a query id, if any. */
export function overrideOf(ctx: QueryContext, id: string): QueryOverride | undefined {
  return ctx.config.queries[id];
}

/**
 * The query as the configuration wants it shown: the stock definition, or its override (PromQL text
 * replaces `build`; title, description, measure and kind replace the stock ones). Same id either way,
 * so the dashboards' target index still names the query.
 */
export function effectiveQuery<Id extends string>(ctx: QueryContext, query: QueryDefinition<Id>): QueryDefinition<Id> {
  const o = overrideOf(ctx, query.id);
  if (!o) return query;
  const { expr } = o;
  const base = expr === undefined ? query : defineRawQuery({ ...query, expr: () => expr });
  return {
    ...base,
    title: o.title ?? query.title,
    description: o.description ?? query.description,
    measure: o.measure ?? query.measure,
    kind: o.kind ?? query.kind,
  };
}

/** The panel options the configuration sets for every panel showing the query (empty when none). */
export function panelOverride(ctx: QueryContext, id: string): PanelOverride {
  return overrideOf(ctx, id)?.panel ?? {};
}
