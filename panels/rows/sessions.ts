/** The sessions & activity row: how Claude Code is used. */
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import { activeTimeByType, sessionsByStartType, sessionsByTerminal } from '../../queries/library/index.js';
import { sortDesc } from '../../queries/promql/builders.js';
import { queryBarGauge, queryPieChart, queryStat } from '../from-query.js';
import type { RowSpec } from '../layout.js';

/** Sessions by start type and by terminal, and active time by type (totals are in the overview row). */
export function sessionsRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Sessions & activity',
    panels: [
      { panel: queryPieChart(ctx, sessionsByStartType, { target: { legend: `{{${label(ctx, 'start_type')}}}` } }), w: 8, h: 8 },
      { panel: queryBarGauge(ctx, sessionsByTerminal, { target: { legend: `{{${label(ctx, 'terminal.type')}}}`, transform: sortDesc } }), w: 8, h: 8 },
      { panel: queryStat(ctx, activeTimeByType, { target: { legend: `{{${label(ctx, 'type')}}}` } }), w: 8, h: 8 },
    ],
  };
}
