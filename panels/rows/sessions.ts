/** The sessions & activity row: how Claude Code is used. */
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import { activeTimeByType, cliTimePerUserTime, sessionsByStartType, sessionsByTerminal } from '../../queries/library/index.js';
import { sortDesc } from '../../queries/promql/builders.js';
import { queryBarGauge, queryPieChart, queryStat } from '../from-query.js';
import type { RowSpec } from '../layout.js';

/** Sessions by start type and by terminal, active time by type and the CLI-to-user time ratio (totals are in the overview row). */
export function sessionsRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Sessions & activity',
    panels: [
      { panel: queryPieChart(ctx, sessionsByStartType, { target: { legend: `{{${label(ctx, 'start_type')}}}` } }), w: 7, h: 8 },
      { panel: queryBarGauge(ctx, sessionsByTerminal, { target: { legend: `{{${label(ctx, 'terminal.type')}}}`, transform: sortDesc } }), w: 7, h: 8 },
      { panel: queryStat(ctx, activeTimeByType, { target: { legend: `{{${label(ctx, 'type')}}}` } }), w: 6, h: 8 },
      { panel: queryStat(ctx, cliTimePerUserTime), w: 4, h: 8 },
    ],
  };
}
