/** D01: the dashboard body against the Grafana schema derived from the foundation SDK. */
import type { SchemaIssue } from '../../../schema/validate.js';
import type { Rule } from '../../types.js';
import { MAX_SCHEMA_FINDINGS, schemaIssues } from './schema-issues.js';

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
  description: "The dashboard body validates against Grafana's dashboard schema (derived from the foundation SDK types).",
  why: 'Grafana drops or misreads fields it does not know, so a typo or a wrong type silently changes the dashboard.',
  advice: 'Correct the field named in the message (see dashboards/schema/generated/dashboard.json).',
  fixable: false,
  check(ctx) {
    const issues = schemaIssues(ctx.dashboard).filter((i) => i.schema === 'dashboard' && !reportedElsewhere(i));
    for (const issue of issues.slice(0, MAX_SCHEMA_FINDINGS)) {
      ctx.report({ pointer: issue.pointer, message: `Schema: ${issue.message}.` });
    }
    if (issues.length > MAX_SCHEMA_FINDINGS) {
      ctx.report({
        pointer: '',
        message: `${issues.length - MAX_SCHEMA_FINDINGS} more schema problems not listed (${issues.length} in total).`,
        fix: 'Fix the listed problems first; an old export may be easier to re-export from a current Grafana.',
      });
    }
  },
};
