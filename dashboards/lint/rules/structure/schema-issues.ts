/** Schema validation of a dashboard, computed once and shared by the two schema rules. */
import { validateDashboard, type SchemaIssue } from '../../../schema/validate.js';
import type { DashboardModel } from '../../model/dashboard-model.js';

const cache = new WeakMap<DashboardModel, SchemaIssue[]>();

/** The schema issues of a dashboard (validated on first use). */
export function schemaIssues(dashboard: DashboardModel): SchemaIssue[] {
  let issues = cache.get(dashboard);
  if (!issues) {
    issues = validateDashboard(dashboard.body);
    cache.set(dashboard, issues);
  }
  return issues;
}

/** At most this many schema findings per dashboard and rule; the rest are summarised in one finding. */
export const MAX_SCHEMA_FINDINGS = 25;
