/** D06: `id` is null or absent. */
import type { Rule } from '../../types.js';

export const dashboardIdNull: Rule = {
  id: 'dashboard-id-null',
  category: 'structure',
  severity: 'error',
  description: 'The dashboard `id` is null or absent.',
  why: 'The id is a database key of the Grafana the dashboard was exported from; provisioning or importing it elsewhere fails with "Dashboard not found".',
  advice: 'Set "id" to null (or remove it); the uid identifies the dashboard.',
  fixable: true,
  notOnV2: 'v2 dashboards have no database `id`.',
  check(ctx) {
    const { id } = ctx.dashboard.body;
    if (id !== undefined && id !== null) {
      ctx.report({ pointer: '/id', message: `The dashboard id is ${JSON.stringify(id)}, a database key of another Grafana.` });
    }
  },
  fix({ body }) {
    return body.id === undefined || body.id === null ? [] : [{ op: 'set', pointer: '/id', value: null }];
  },
};
