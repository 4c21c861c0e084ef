/**
 * The configuration's extension points, kept beside the core schema (`config.ts`) so that it stays one
 * screen of fields: `dashboards` registers a user's own dashboard modules, built, validated, drift-checked
 * and linted like ours; `queries` replaces or adjusts a stock query (and the panels that show it) by id,
 * the way kubernetes-mixin's `_queries` does, instead of forking a panel or casting to `any`.
 */
import { z } from 'zod';
import type { Measure } from './library/definition.js';
import type { StockQueryId } from './library/index.js';
import { findSyntaxError } from './promql/parse.js';

/** Every measure a query can have (the runtime list of `Measure`). */
export const MEASURES = ['usd', 'usdPerHour', 'tokens', 'tokensPerHour', 'count', 'ratio', 'seconds', 'usdPerUnit', 'multiple'] as const satisfies readonly Measure[];

/** A query id: `<area>.<name>`, e.g. `cost.total`. */
export const QUERY_ID = /^[a-zA-Z][a-zA-Z0-9_-]*\.[a-zA-Z0-9_.-]+$/;

/** One registered dashboard module: a path relative to the configuration file, or a package specifier. */
export const dashboardEntrySchema = z
  .object({
    module: z.string().trim().min(1),
    /** The export that holds the factory; `default` when unset. */
    export: z.string().regex(/^[A-Za-z_$][\w$]*$/).optional(),
  })
  .strict();

const promqlText = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    const error = findSyntaxError(text);
    if (error) ctx.addIssue({ code: 'custom', message: `does not parse as PromQL at offset ${error.position}: ${error.message}` });
  });

/** Panel options applied to every query-driven panel (`queryStat`, `queryTimeSeries`, ...) showing the query. */
const panelOverrideSchema = z
  .object({
    title: z.string().trim().min(1),
    description: z.string().trim().min(1),
    unit: z.string().trim().min(1),
    decimals: z.number().int().min(0).max(10),
  })
  .partial()
  .strict();

/** What an override of one stock query may change; every field optional. */
export const queryOverrideSchema = z
  .object({
    /** The PromQL that replaces the query (Grafana macros and `$variables` allowed); parsed at load time. */
    expr: promqlText,
    /** `instant` (one value per series over the range) or `range` (a time series); the stock kind when unset. */
    kind: z.enum(['instant', 'range']),
    title: z.string().trim().min(1),
    description: z.string().trim().min(1),
    measure: z.enum(MEASURES),
    panel: panelOverrideSchema,
  })
  .partial()
  .strict();

/** The override of one query, as written in the configuration. */
export type QueryOverride = z.input<typeof queryOverrideSchema>;

/**
 * Overrides by stock query id. Typed by the library's ids, so a misspelt id does not compile; a
 * configuration file is checked at load time instead (see `checkQueryOverrides`).
 */
export type QueryOverrides = { readonly [Id in StockQueryId]?: QueryOverride };

/** The `queries` field: override objects keyed by query id. */
export const queryOverridesSchema = z.record(z.string().regex(QUERY_ID, 'is not a query id (<area>.<name>, e.g. cost.total)'), queryOverrideSchema);
