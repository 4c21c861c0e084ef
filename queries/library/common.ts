/**
 * Building blocks shared by the query modules: totals of a metric, the identity label with its fallback,
 * and the per-model price vectors.
 */
import type { MetricKey } from '../catalog.js';
import { IDENTITY_ATTRIBUTES } from '../config.js';
import { identityLabel, label, metricSelector, widensIdentity, type AttributeMatcher, type QueryContext } from '../context.js';
import { escapeRegex } from '../promql/escape.js';
import { and, by, labelJoin, labelReplace, num, on, or, orZero, sum, vector } from '../promql/builders.js';
import type { InstantVector } from '../promql/types.js';
import type { ModelPrice } from '../prices.js';
import type { Counters } from './definition.js';

/** A matcher `attribute="value"` on an OpenTelemetry attribute. */
export function attr(attribute: string, value: string): AttributeMatcher {
  return { attribute, op: '=', value };
}

/** A matcher `attribute=~"a|b"` matching each value literally. */
export function attrIn(attribute: string, values: readonly string[]): AttributeMatcher {
  return { attribute, op: '=~', value: values.map(escapeRegex).join('|') };
}

/** Per-series totals of `metric` over the dashboard range, filtered by the context and `extra`. */
export function totals(ctx: QueryContext, counters: Counters, metric: MetricKey, extra: readonly AttributeMatcher[] = []): InstantVector {
  return shownIdentityOnly(ctx, counters.total(metricSelector(ctx, metric, extra)));
}

/** Marks the series whose shown identity is selected; a label no Claude Code series has. */
const SHOWN_LABEL = 'ccd_shown';

/**
 * The second step of the shown-identity filter (`Filters.shownIdentity` in queries/context.ts): the
 * selector kept the selected identities and every series without one; here each series gets its shown
 * identity (`withIdentity`) and only those whose shown identity the variable selects are kept. The
 * variable's regex (anchored, as every PromQL regex) marks them with `ccd_shown="1"` in `label_replace`,
 * and `and on (ccd_shown)` a one-series vector `{ccd_shown="1"}` keeps the marked ones only (written with
 * `and`, not `unless ... vector(1)`: MetricsQL does not tell `vector(1)` from the number 1). So `user_id:<id>` selects that install id's sessions without an email, and
 * an email never selects a session without one. Without the filter, `v` is unchanged.
 */
export function shownIdentityOnly(ctx: QueryContext, v: InstantVector): InstantVector {
  const variable = ctx.filters.shownIdentity;
  if (!variable || !widensIdentity(ctx, variable)) return v;
  const marked = labelReplace(withIdentity(ctx, v), SHOWN_LABEL, '1', identityLabel(ctx), variable.ref);
  return and(marked, labelReplace(vector(1), SHOWN_LABEL, '1', '', ''), on(SHOWN_LABEL));
}

/** `sum by (attributes) (totals)`, with attribute names translated to label names. */
export function sumTotals(
  ctx: QueryContext,
  counters: Counters,
  metric: MetricKey,
  options: { extra?: readonly AttributeMatcher[]; by?: readonly string[] } = {},
): InstantVector {
  const series = totals(ctx, counters, metric, options.extra ?? []);
  return options.by?.length ? sum(series, by(...options.by.map((a) => label(ctx, a)))) : sum(series);
}

/** `sum(totals) or vector(0)`: a single number that reads 0, not "No data", when nothing was reported. */
export function grandTotal(ctx: QueryContext, counters: Counters, metric: MetricKey, extra: readonly AttributeMatcher[] = []): InstantVector {
  return orZero(sumTotals(ctx, counters, metric, { extra }));
}

/** Temporary label that carries "identity;fallback" while the identity is resolved. */
const IDENTITY_SOURCE = 'claude_code_identity_source';

/**
 * Makes the configured identity label (e.g. `user_email`) present on every series: series that lack it
 * (API-key, Bedrock and Vertex users have no email) get `<fallback label>:<fallback value>` instead, so
 * they are counted as separate users rather than vanishing or merging into one blank user.
 */
export function withIdentity(ctx: QueryContext, v: InstantVector): InstantVector {
  const id = identityLabel(ctx);
  const fallback = ctx.config.identityFallback;
  if (fallback === null) return v;
  const fallbackLabel = label(ctx, IDENTITY_ATTRIBUTES[fallback]);
  const joined = labelJoin(v, IDENTITY_SOURCE, ';', id, fallbackLabel);
  // Only a value that starts with ";" had an empty identity; RE2 anchors the regex at both ends.
  return labelReplace(joined, id, `${fallback}:$1`, IDENTITY_SOURCE, ';(.+)');
}

/** `sum by (identity) (...)` of per-series values, with the identity fallback applied. */
export function sumByIdentity(ctx: QueryContext, v: InstantVector, extraLabels: readonly string[] = []): InstantVector {
  return sum(withIdentity(ctx, v), by(identityLabel(ctx), ...extraLabels));
}

/** Label carrying the price-table key of a series' model. */
export const PRICE_MODEL_LABEL = 'price_model';

/** Price-table keys, longest first, so RE2's leftmost-first alternation picks the longest prefix. */
function priceKeys(ctx: QueryContext): string[] {
  return Object.keys(ctx.config.prices).sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** Adds `price_model` = the longest price-table prefix of the series' `model`; series without a match are unchanged. */
export function withPriceModel(ctx: QueryContext, v: InstantVector): InstantVector {
  const alternatives = priceKeys(ctx).map(escapeRegex).join('|');
  return labelReplace(v, PRICE_MODEL_LABEL, '$1', label(ctx, 'model'), `(${alternatives}).*`);
}

/** USD per million tokens → USD per token, rounded to 12 significant digits so no float noise reaches the query. */
function perToken(perMillion: number): number {
  return Number((perMillion / 1_000_000).toPrecision(12));
}

/**
 * A vector with one series per price-table key, `{price_model="<key>"}`, valued `value(price)` in USD per
 * token. Built from `vector()` and `label_replace()`, so it needs no recording rule or extra exporter.
 */
export function priceVector(ctx: QueryContext, value: (p: ModelPrice) => number): InstantVector {
  const entries = priceKeys(ctx)
    .sort((a, b) => a.localeCompare(b))
    .map((key) => labelReplace(vector(num(perToken(value(ctx.config.prices[key] as ModelPrice)))), PRICE_MODEL_LABEL, key, '', ''));
  const [first, ...rest] = entries;
  if (!first) throw new Error('The price table is empty: configure at least one model price to compute cache savings.');
  return rest.reduce((acc, e) => or(acc, e), first);
}
