/** The cost row: where the money goes, by model, query source, effort and terminal, and unit costs. */
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import {
  costByEffort,
  costByModel,
  costByQuerySource,
  costByTerminal,
  costPerActiveHour,
  costPerThousandOutputTokens,
} from '../../queries/library/index.js';
import { sortDesc } from '../../queries/promql/builders.js';
import { queryBarGauge, queryPieChart, queryStat } from '../from-query.js';
import type { RowSpec } from '../layout.js';

/** Cost by model, query source and effort (pies), by terminal (bars), and cost per active hour / 1k output tokens. */
export function costRow(ctx: QueryContext): RowSpec {
  const legend = (attribute: string) => ({ target: { legend: `{{${label(ctx, attribute)}}}` } });
  return {
    title: 'Cost',
    panels: [
      { panel: queryPieChart(ctx, costByModel, legend('model')), w: 8, h: 8 },
      { panel: queryPieChart(ctx, costByQuerySource, legend('query_source')), w: 8, h: 8 },
      { panel: queryPieChart(ctx, costByEffort, legend('effort')), w: 8, h: 8 },
      {
        panel: queryBarGauge(ctx, costByTerminal, { target: { legend: `{{${label(ctx, 'terminal.type')}}}`, transform: sortDesc } }),
        w: 12,
        h: 6,
      },
      { panel: queryStat(ctx, costPerActiveHour), w: 6, h: 6 },
      { panel: queryStat(ctx, costPerThousandOutputTokens), w: 6, h: 6 },
    ],
  };
}
