/** D01: the dashboard body against the Grafana schema derived from the foundation SDK. */
import type { SchemaIssue } from '../../../schema/validate.js';
import type { Rule } from '../../types.js';
import { MAX_SCHEMA_FINDINGS, schemaIssues } from './schema-issues.js';
import { leniency } from './schema-leniency.js';

/** Export leftovers have their own rule (no-export-artifacts) with a fix; don't report them twice. */
const EXPORT_KEYS = /^\/(__inputs|__requires|__elements)(\/|$)/;
/** A panel or row without an id is reported (and fixed) by panel-id-unique. */
const PANEL = /^\/panels\/\d+(\/panels\/\d+)?$/;

function reportedElsewhere(issue: SchemaIssue): boolean {
  return EXPORT_KEYS.test(issue.pointer) || (issue.keyword === 'required' && PANEL.test(issue.pointer) && issue.message === 'missing required property "id"');
}

export const dashboardSchema: Rule = {
  id: 'dashboard-schema',
  category: 'structure',
  severity: 'error',
  description: "The dashboard body has no value Grafana rejects or misreads: a wrong type or value against Grafana's dashboard schema (derived from the foundation SDK types). Missing fields (Grafana fills them in), fields it does not know (newer Grafana versions add some) and the types Grafana itself writes (`refresh: false`, a numeric `gnetId`) are fine; legacy forms are dashboard-legacy-fields.",
  why: 'A value of the wrong type or outside its allowed values is dropped or misread when Grafana loads the dashboard, so the panel silently does something else than the JSON says.',
  advice: 'Correct the field named in the message (see dashboards/schema/generated/dashboard.json).',
  fixable: false,
  notOnV2: 'It validates against the classic dashboard schema; v2 dashboards are checked by `dashboard-v2-structure`.',
  check(ctx) {
    const body = ctx.dashboard.body;
    const issues = schemaIssues(ctx.dashboard).filter((i) => i.schema === 'dashboard' && !reportedElsewhere(i) && leniency(i, body) === 'error');
    // One finding per value: a wrong type and the allowed values it then misses are one problem.
    const byPointer = new Map<string, string[]>();
    for (const issue of issues) byPointer.set(issue.pointer, [...(byPointer.get(issue.pointer) ?? []), issue.message]);
    for (const [pointer, messages] of [...byPointer].slice(0, MAX_SCHEMA_FINDINGS)) {
      ctx.report({ pointer, message: `Schema: ${messages.join('; ')}.` });
    }
    if (byPointer.size > MAX_SCHEMA_FINDINGS) {
      ctx.report({
        pointer: '',
        message: `${byPointer.size - MAX_SCHEMA_FINDINGS} more schema problems not listed (${byPointer.size} in total).`,
        fix: 'Fix the listed problems first; an old export may be easier to re-export from a current Grafana.',
      });
    }
  },
};
