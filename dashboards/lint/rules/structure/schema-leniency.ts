/**
 * What Grafana does with a deviation from the published dashboard schema, per kind. The schema is what
 * Grafana writes today (a target), not what it loads: Grafana fills in every missing field when it loads
 * a dashboard, keeps fields it does not know (a newer Grafana writes fields like `regexApplyTo` that the
 * SDK's schema lacks), and migrates the legacy forms older versions wrote. Only what Grafana rejects or
 * misreads is an error; a legacy form is a warning (dashboard-legacy-fields); the rest is nothing.
 */
import type { SchemaIssue } from '../../../schema/validate.js';
import { valueAt } from '../../model/json.js';

/** How a schema issue is reported. */
export type Leniency = 'error' | 'legacy' | 'fine';

/** Fields older Grafana versions wrote that current ones ignore or migrate, by property name. */
export const LEGACY_FIELDS: Readonly<Record<string, string>> = {
  style: 'the dark/light dashboard style (Grafana 7 and older); the theme is a user preference now',
  time_options: 'the time picker\'s quick ranges list, removed in Grafana 8',
  rows: 'pre-5 rows (`rows[].panels`); Grafana converts them to a flat `panels` list with row panels',
  sharedCrosshair: 'replaced by `graphTooltip`',
  hideControls: 'the old "hide controls" switch, removed in Grafana 5',
  span: 'the pre-5 row width of a panel, replaced by `gridPos`',
};

/** Types Grafana writes or accepts where the schema names one, by JSON Pointer pattern. */
const ACCEPTED_TYPES: readonly { readonly pointer: RegExp; readonly accepts: (value: unknown) => boolean }[] = [
  // grafana.com dashboards carry their numeric id; a saved dashboard may have null.
  { pointer: /^\/gnetId$/, accepts: (v) => v === null || typeof v === 'number' },
  // `refresh: false` is how Grafana writes "no auto-refresh".
  { pointer: /^\/refresh$/, accepts: (v) => v === false },
];

const UNKNOWN_PROPERTY = /unknown property "([^"]+)"/;

/** The property an `additionalProperties` issue names. */
export function unknownProperty(issue: SchemaIssue): string | undefined {
  return issue.keyword === 'additionalProperties' ? UNKNOWN_PROPERTY.exec(issue.message)?.[1] : undefined;
}

/** True for a datasource given the pre-8.3 way: by name (a string) or as null (the default datasource). */
export function isLegacyDatasource(issue: SchemaIssue, body: unknown): boolean {
  if (issue.keyword !== 'type' || !/\/datasource$/.test(issue.pointer)) return false;
  const value = valueAt(body, issue.pointer);
  return typeof value === 'string' || value === null;
}

/** How Grafana treats the deviation `issue` of `body` (see the header). */
export function leniency(issue: SchemaIssue, body: unknown): Leniency {
  if (issue.keyword === 'required') return 'fine';
  const property = unknownProperty(issue);
  if (property !== undefined) return property in LEGACY_FIELDS ? 'legacy' : 'fine';
  if (issue.keyword === 'type') {
    if (isLegacyDatasource(issue, body)) return 'legacy';
    const value = valueAt(body, issue.pointer);
    if (ACCEPTED_TYPES.some((a) => a.pointer.test(issue.pointer) && a.accepts(value))) return 'fine';
  }
  return 'error';
}
