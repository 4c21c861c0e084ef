/** The models row: one table row per model with cost, tokens by type and cache hit rate. */
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import { cacheHitRateByModel, costByModel, tokensByModelAndType } from '../../queries/library/index.js';
import { describe, queryTarget } from '../common.js';
import { tablePanel } from '../factories/table.js';
import type { RowSpec } from '../layout.js';

/** A per-model table: cost, tokens, cache hit rate. */
export function modelsRow(ctx: QueryContext, o: { collapsed?: boolean } = {}): RowSpec {
  const model = label(ctx, 'model');
  const table = tablePanel({
    title: 'Models',
    description: describe(ctx, [costByModel, cacheHitRateByModel], 'One row per model id within the selected range.'),
    keyLabel: model,
    keyHeader: 'Model',
    targets: [
      queryTarget(ctx, costByModel, { format: 'table' }).refId('A'),
      queryTarget(ctx, cacheHitRateByModel, { format: 'table' }).refId('B'),
    ],
    columns: [
      { refId: 'A', header: 'Cost', unit: units.Dollars, decimals: 2 },
      { refId: 'B', header: 'Cache hit rate', unit: units.PercentUnit, decimals: 1 },
    ],
    sortBy: 'Cost',
  });
  return {
    title: 'Models',
    collapsed: o.collapsed ?? false,
    panels: [
      { panel: table, w: 12, h: 8 },
      {
        panel: tablePanel({
          title: 'Tokens by model and type',
          description: describe(ctx, [tokensByModelAndType]),
          keyLabel: model,
          keyHeader: 'Model',
          targets: [queryTarget(ctx, tokensByModelAndType, { format: 'table' }).refId('A')],
          columns: [{ refId: 'A', header: 'Tokens', unit: units.Short }],
          sortBy: 'Tokens',
        }),
        w: 12,
        h: 8,
      },
    ],
  };
}
