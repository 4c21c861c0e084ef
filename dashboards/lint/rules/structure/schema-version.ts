/** D08: `schemaVersion` is present and recent. */
import type { Rule } from '../../types.js';

export const schemaVersion: Rule = {
  id: 'schema-version',
  category: 'structure',
  severity: 'warning',
  description: '`schemaVersion` is set and at least the configured minimum (37 by default).',
  why: 'A missing schemaVersion counts as 0, so Grafana runs every migration on load; below 37 the backend does not migrate at all and Grafana re-saves with churn.',
  advice: 'Export the dashboard again from a current Grafana, or set the schemaVersion your generator targets.',
  fixable: false,
  notOnV2: 'v2 dashboards have no `schemaVersion`: the apiVersion is their version.',
  check(ctx) {
    const value = ctx.dashboard.body.schemaVersion;
    const min = ctx.settings.minSchemaVersion;
    if (value === undefined) {
      ctx.report({ pointer: '', message: 'The dashboard has no schemaVersion, so Grafana treats it as 0 and runs every migration on it.' });
    } else if (typeof value === 'number' && value < min) {
      ctx.report({ pointer: '/schemaVersion', message: `schemaVersion ${value} is below ${min}: Grafana migrates it on every load and re-saves it differently.` });
    }
  },
};
