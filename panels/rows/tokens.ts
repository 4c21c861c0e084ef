/** The token row: volume by type and by model. */
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import { tokensByModel, tokensByType } from '../../queries/library/index.js';
import { sortDesc } from '../../queries/promql/builders.js';
import { queryBarGauge, queryPieChart } from '../from-query.js';
import type { RowSpec } from '../layout.js';

/** Tokens by type (pie) and by model (bars). */
export function tokensRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Tokens',
    panels: [
      { panel: queryPieChart(ctx, tokensByType, { target: { legend: `{{${label(ctx, 'type')}}}` } }), w: 12, h: 8 },
      { panel: queryBarGauge(ctx, tokensByModel, { target: { legend: `{{${label(ctx, 'model')}}}`, transform: sortDesc } }), w: 12, h: 8 },
    ],
  };
}
