/** "Claude Code overview": every row, filterable by user, model, terminal and team labels. */
import type { Config } from '../queries/config.js';
import type { QueryContext } from '../queries/context.js';
import { aboutRow } from '../panels/rows/about.js';
import { cacheRow } from '../panels/rows/cache.js';
import { costRow } from '../panels/rows/cost.js';
import { modelsRow } from '../panels/rows/models.js';
import { overviewRow } from '../panels/rows/overview.js';
import { platformRow } from '../panels/rows/platform.js';
import { productivityRow } from '../panels/rows/productivity.js';
import { sessionTableRow } from '../panels/rows/session-table.js';
import { sessionsRow } from '../panels/rows/sessions.js';
import { tokensRow } from '../panels/rows/tokens.js';
import { trendsRow } from '../panels/rows/trends.js';
import { usersRow } from '../panels/rows/users.js';
import { activityDashboardUid } from './activity.js';
import type { DashboardSpec } from './assemble.js';
import { eventsDashboardUid } from './events.js';
import { healthDashboardUid } from './health.js';
import { sessionDashboardUid } from './session.js';
import { userDashboardUid } from './user.js';
import { overviewVariables } from './variables.js';

/** uid of the overview dashboard. */
export function overviewDashboardUid(config: Config): string {
  return `${config.grafana.uidPrefix}-overview`;
}

/** The overview dashboard spec. */
export function overviewDashboard(config: Config): DashboardSpec {
  const variables = overviewVariables(config);
  const ctx: QueryContext = { config, filters: variables.filters };
  return {
    uid: overviewDashboardUid(config),
    title: 'Claude Code overview',
    description: 'Cost, tokens, cache, models, trends, users, sessions, productivity and platforms (OS, architecture, version) of Claude Code, counted exactly from its OpenTelemetry metrics. Needs the claude-code-dashboards recording rules in Prometheus.',
    tags: ['overview'],
    links: [
      { title: 'Claude Code activity', uid: activityDashboardUid(config) },
      { title: 'Claude Code events', uid: eventsDashboardUid(config) },
      { title: 'Claude Code session', uid: sessionDashboardUid(config) },
      { title: 'Claude Code telemetry health', uid: healthDashboardUid(config) },
    ],
    variables,
    rows: [
      overviewRow(ctx, { dailyBudgetUsd: config.thresholds.dailyBudgetUsd }),
      costRow(ctx),
      tokensRow(ctx),
      cacheRow(ctx),
      modelsRow(ctx, { collapsed: true }),
      trendsRow(ctx, { byUser: true }),
      usersRow(ctx, { userDashboardUid: userDashboardUid(config) }),
      sessionsRow(ctx),
      sessionTableRow(ctx, { sessionDashboardUid: sessionDashboardUid(config) }),
      productivityRow(ctx),
      platformRow(ctx),
      aboutRow(ctx),
    ],
  };
}
