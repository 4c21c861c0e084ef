/** The users row: a table with one row per user, linked to the per-user dashboard, and the top spenders. */
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { QueryContext } from '../../queries/context.js';
import { identityLabel } from '../../queries/context.js';
import {
  activeHoursByUser,
  commitsByUser,
  costByUser,
  linesAddedByUser,
  pullRequestsByUser,
  sessionsByUser,
  tokensByUser,
} from '../../queries/library/index.js';
import { sortDesc, topk } from '../../queries/promql/builders.js';
import { describe, queryTarget } from '../common.js';
import { tablePanel } from '../factories/table.js';
import { queryBarGauge } from '../from-query.js';
import type { RowSpec } from '../layout.js';

/** How many users the "top users" bar gauge shows. */
export const TOP_USERS = 10;

/** Options of the users row. */
export interface UsersRowOptions {
  /** uid of the per-user dashboard the user column links to. */
  readonly userDashboardUid: string;
}

/** A per-user table (cost, tokens, sessions, active time, lines, commits, PRs) and the top users by cost. */
export function usersRow(ctx: QueryContext, o: UsersRowOptions): RowSpec {
  const id = identityLabel(ctx);
  const columns = [
    { q: costByUser, header: 'Cost', unit: units.Dollars, decimals: 2 },
    { q: tokensByUser, header: 'Tokens', unit: units.Short },
    { q: sessionsByUser, header: 'Sessions', unit: units.Number, decimals: 0 },
    { q: activeHoursByUser, header: 'Active time', unit: units.Seconds },
    { q: linesAddedByUser, header: 'Lines added', unit: units.Number, decimals: 0 },
    { q: commitsByUser, header: 'Commits', unit: units.Number, decimals: 0 },
    { q: pullRequestsByUser, header: 'Pull requests', unit: units.Number, decimals: 0 },
  ];
  const refIds = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  const table = tablePanel({
    title: 'Users',
    description: describe(
      ctx,
      columns.map((c) => c.q),
      `One row per user within the selected range (${id}; users without it are listed by their fallback id). Click a user to open the per-user dashboard.`,
    ),
    keyLabel: id,
    keyHeader: 'User',
    targets: columns.map((c, i) => queryTarget(ctx, c.q, { format: 'table' }).refId(refIds[i] as string)),
    columns: columns.map((c, i) => ({ refId: refIds[i] as string, header: c.header, unit: c.unit, ...(c.decimals !== undefined ? { decimals: c.decimals } : {}) })),
    sortBy: 'Cost',
    keyLinks: [
      {
        title: 'Open the user dashboard',
        url: `/d/${o.userDashboardUid}?var-user=\${__value.raw}&\${__url_time_range}&var-datasource=\${datasource}`,
      },
    ],
  });
  return {
    title: 'Users',
    panels: [
      { panel: table, w: 24, h: 10 },
      {
        panel: queryBarGauge(ctx, costByUser, {
          title: `Top ${TOP_USERS} users by cost`,
          target: { legend: `{{${id}}}`, transform: (v) => sortDesc(topk(TOP_USERS, v)), topk: TOP_USERS },
        }),
        w: 24,
        h: 8,
      },
    ],
  };
}
