/** The session details row: the most expensive sessions of the range, each linked to the session dashboard. */
import type { QueryContext } from '../../queries/context.js';
import { identityLabel, label } from '../../queries/context.js';
import { SESSION_TABLE_QUERIES, TOP_SESSIONS } from '../../queries/library/index.js';
import { DATASOURCE_VARIABLE, decimalsFor, describe, queryTarget, unitFor } from '../common.js';
import { tablePanel } from '../factories/table.js';
import type { RowSpec } from '../layout.js';

/** Options of the session details row. */
export interface SessionTableRowOptions {
  /** uid of the session drill-down dashboard the session id column links to. */
  readonly sessionDashboardUid: string;
  readonly collapsed?: boolean;
}

/** Column headers, by query id. */
const HEADERS: Readonly<Record<string, string>> = {
  'sessionTable.start': 'First report',
  'sessionTable.duration': 'Duration',
  'sessionTable.models': 'Models',
  'sessionTable.cost': 'Cost',
  'sessionTable.tokens': 'Tokens',
  'sessionTable.lines': 'Lines',
  'sessionTable.commits': 'Commits',
};

/** One row per session (id, user, first report, duration, models, cost, tokens, lines, commits). */
export function sessionTableRow(ctx: QueryContext, o: SessionTableRowOptions): RowSpec {
  const refIds = SESSION_TABLE_QUERIES.map((_, i) => String.fromCharCode(65 + i));
  const columns = SESSION_TABLE_QUERIES.map((q, i) => {
    const decimals = decimalsFor(q.measure);
    return { refId: refIds[i] as string, header: HEADERS[q.id] ?? q.title, unit: unitFor(q.measure), ...(decimals !== undefined ? { decimals } : {}) };
  });
  const table = tablePanel({
    title: `Top ${TOP_SESSIONS} sessions by cost`,
    description: describe(
      ctx,
      SESSION_TABLE_QUERIES,
      `One row per session within the selected range (user: ${identityLabel(ctx)}, or the fallback id). Click a session id to open the session dashboard.`,
    ),
    keyLabel: label(ctx, 'session.id'),
    keyHeader: 'Session',
    extraKeys: [{ label: identityLabel(ctx), header: 'User' }],
    targets: SESSION_TABLE_QUERIES.map((q, i) =>
      queryTarget(ctx, q, { format: 'table', ...(q.id === 'sessionTable.cost' ? { topk: TOP_SESSIONS } : {}) }).refId(refIds[i] as string),
    ),
    columns,
    sortBy: 'Cost',
    keyLinks: [
      {
        title: 'Open the session dashboard',
        url: `/d/${o.sessionDashboardUid}?var-session=\${__value.raw}&\${__url_time_range}&var-${DATASOURCE_VARIABLE}=\${${DATASOURCE_VARIABLE}}`,
      },
    ],
  });
  return { title: 'Session details', ...(o.collapsed ? { collapsed: true } : {}), panels: [{ panel: table, w: 24, h: 12 }] };
}
