/** D02: fields in the forms older Grafana versions wrote, which current ones migrate or ignore. */
import type { Rule } from '../../types.js';
import { isLegacyDatasource, leniency, LEGACY_FIELDS, unknownProperty } from './schema-leniency.js';
import { MAX_SCHEMA_FINDINGS, schemaIssues } from './schema-issues.js';

export const dashboardLegacyFields: Rule = {
  id: 'dashboard-legacy-fields',
  category: 'structure',
  severity: 'warning',
  description: 'No legacy fields (`style`, `time_options`, pre-5 `rows`, `span`, a datasource given by name) that Grafana only migrates or ignores.',
  why: 'Grafana still loads them, but what they set is gone or converted on load: the JSON in the repository says something the dashboard does not do, and the next save rewrites it.',
  advice: 'Re-export the dashboard from a current Grafana, or remove the field (give datasources as {"type", "uid"}).',
  fixable: false,
  notOnV2: 'Its legacy fields (`rows`, `span`, `style`, `time_options`) do not exist in v2.',
  check(ctx) {
    const body = ctx.dashboard.body;
    const legacy = schemaIssues(ctx.dashboard).filter((i) => i.schema === 'dashboard' && leniency(i, body) === 'legacy');
    for (const issue of legacy.slice(0, MAX_SCHEMA_FINDINGS)) {
      const property = unknownProperty(issue);
      if (property !== undefined) {
        ctx.report({ pointer: issue.pointer, message: `"${property}" is a legacy field: ${LEGACY_FIELDS[property]}.` });
      } else if (isLegacyDatasource(issue, body)) {
        ctx.report({
          pointer: issue.pointer,
          message: 'The datasource is given by name (or null for the default), the pre-8.3 form: Grafana looks it up by name on load, so renaming the datasource breaks the panel.',
          fix: 'Give it as {"type": "prometheus", "uid": "${datasource}"} (a datasource variable) or with the provisioned uid.',
        });
      }
    }
  },
};
