/** The cache row: how much of the prompt came from cache, and what that saved. */
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import { cacheHitRate, cacheHitRateByModel, cacheSavings } from '../../queries/library/index.js';
import { sortDesc } from '../../queries/promql/builders.js';
import { targetThresholds } from '../common.js';
import { queryBarGauge, queryGauge, queryStat } from '../from-query.js';
import type { RowSpec } from '../layout.js';

/** Hit rate against the configured target (gauge), savings in USD (stat), hit rate by model (bars). */
export function cacheRow(ctx: QueryContext): RowSpec {
  const target = ctx.config.thresholds.cacheHitTarget;
  return {
    title: 'Prompt cache',
    panels: [
      { panel: queryGauge(ctx, cacheHitRate, { thresholds: targetThresholds(target), min: 0, max: 1 }), w: 6, h: 8 },
      { panel: queryStat(ctx, cacheSavings), w: 6, h: 8 },
      {
        panel: queryBarGauge(ctx, cacheHitRateByModel, {
          target: { legend: `{{${label(ctx, 'model')}}}`, transform: sortDesc },
          thresholds: targetThresholds(target),
          min: 0,
          max: 1,
        }),
        w: 12,
        h: 8,
      },
    ],
  };
}
