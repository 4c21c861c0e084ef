/** "Claude Code user": one user's cost, tokens, sessions, models, productivity and trends. */
import type { Config } from '../queries/config.js';
import type { QueryContext } from '../queries/context.js';
import { aboutRow } from '../panels/rows/about.js';
import { modelsRow } from '../panels/rows/models.js';
import { overviewRow } from '../panels/rows/overview.js';
import { productivityRow } from '../panels/rows/productivity.js';
import { sessionsRow } from '../panels/rows/sessions.js';
import { trendsRow } from '../panels/rows/trends.js';
import type { DashboardSpec } from './assemble.js';
import { userVariables } from './variables.js';

/** uid of the per-user dashboard (the overview's users table links to it). */
export function userDashboardUid(config: Config): string {
  return `${config.grafana.uidPrefix}-user`;
}

/** The per-user drill-down dashboard spec. */
export function userDashboard(config: Config): DashboardSpec {
  const variables = userVariables(config);
  const ctx: QueryContext = { config, filters: variables.filters };
  return {
    uid: userDashboardUid(config),
    title: 'Claude Code user',
    description: 'One user of Claude Code: cost against the per-user daily budget, tokens, models, sessions, productivity and trends. Users are selected by the identity label; needs the claude-code-dashboards recording rules.',
    tags: ['user'],
    variables,
    rows: [
      overviewRow(ctx, { dailyBudgetUsd: config.thresholds.userDailyBudgetUsd, activeUsers: false }),
      modelsRow(ctx),
      trendsRow(ctx),
      sessionsRow(ctx),
      productivityRow(ctx),
      aboutRow(ctx),
    ],
  };
}
