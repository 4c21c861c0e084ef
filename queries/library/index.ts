/**
 * The library of named queries: every number our dashboards show, each a documented function of the
 * configuration and filters. Import single queries (`costByModel.build(ctx)`) or look them up by id.
 */
import { ACTIVITY_QUERIES } from './activity.js';
import { ACTIVITY_TREND_QUERIES } from './activity-trends.js';
import { CACHE_QUERIES } from './cache.js';
import { HEALTH_QUERIES } from './health.js';
import { COST_QUERIES } from './cost.js';
import type { QueryDefinition } from './definition.js';
import { PLATFORM_QUERIES } from './platform.js';
import { PRODUCTIVITY_QUERIES } from './productivity.js';
import { SESSION_QUERIES } from './sessions.js';
import { SESSION_TABLE_QUERIES } from './session-table.js';
import { STATUS_QUERIES } from './status.js';
import { TOKEN_QUERIES } from './tokens.js';
import { TREND_QUERIES } from './trends.js';
import { USER_QUERIES } from './users.js';
import type { LogQueryDefinition } from './event-common.js';
import { EVENT_QUERIES } from './events.js';
import { SESSION_EVENT_QUERIES } from './session.js';

export * from './activity.js';
export * from './activity-trends.js';
export * from './cache.js';
export * from './health.js';
export * from './cost.js';
export * from './definition.js';
export * from './platform.js';
export * from './productivity.js';
export * from './sessions.js';
export * from './session-table.js';
export * from './status.js';
export * from './tokens.js';
export * from './trends.js';
export * from './users.js';
export * from './event-common.js';
export * from './events.js';
export * from './session.js';
export { withIdentity, withPriceModel, priceVector, PRICE_MODEL_LABEL } from './common.js';

/** The id of every stock query, as a union of literal types (`'cost.total' | 'cost.byModel' | ...`). */
export type StockQueryId = (
  | typeof COST_QUERIES
  | typeof TOKEN_QUERIES
  | typeof CACHE_QUERIES
  | typeof SESSION_QUERIES
  | typeof SESSION_TABLE_QUERIES
  | typeof USER_QUERIES
  | typeof ACTIVITY_QUERIES
  | typeof ACTIVITY_TREND_QUERIES
  | typeof PRODUCTIVITY_QUERIES
  | typeof PLATFORM_QUERIES
  | typeof TREND_QUERIES
  | typeof STATUS_QUERIES
  | typeof HEALTH_QUERIES
)[number]['id'];

/** Every named query, grouped by area in display order. */
export const QUERIES: readonly QueryDefinition[] = [
  ...COST_QUERIES,
  ...TOKEN_QUERIES,
  ...CACHE_QUERIES,
  ...SESSION_QUERIES,
  ...SESSION_TABLE_QUERIES,
  ...USER_QUERIES,
  ...ACTIVITY_QUERIES,
  ...ACTIVITY_TREND_QUERIES,
  ...PRODUCTIVITY_QUERIES,
  ...PLATFORM_QUERIES,
  ...TREND_QUERIES,
  ...STATUS_QUERIES,
  ...HEALTH_QUERIES,
];

/** Every named LogQL query (events in Loki), grouped by area in display order. */
export const LOG_QUERIES: readonly LogQueryDefinition[] = [...EVENT_QUERIES, ...SESSION_EVENT_QUERIES];

/** The query with this id; throws with the known ids when there is none. */
export function queryById(id: string): QueryDefinition {
  const q = QUERIES.find((x) => x.id === id);
  if (!q) throw new Error(`Unknown query id "${id}". Known ids: ${QUERIES.map((x) => x.id).join(', ')}`);
  return q;
}
