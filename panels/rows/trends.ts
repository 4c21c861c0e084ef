/** The trends row: cost, tokens and lines per hour over the selected range. */
import type { QueryContext } from '../../queries/context.js';
import { identityLabel, label } from '../../queries/context.js';
import { costRateByModel, costRateByUser, linesRateByType, tokenRateByType } from '../../queries/library/index.js';
import { queryTimeSeries } from '../from-query.js';
import type { RowSpec } from '../layout.js';

/** Options of the trends row. */
export interface TrendsRowOptions {
  /** Include cost per hour by user (overview yes, single-user dashboard no). */
  readonly byUser?: boolean;
}

/** $/hour by model (stacked), tokens/hour by type, lines/hour, and optionally $/hour by user. */
export function trendsRow(ctx: QueryContext, o: TrendsRowOptions = {}): RowSpec {
  const panels = [
    { panel: queryTimeSeries(ctx, costRateByModel, { stacked: true, target: { legend: `{{${label(ctx, 'model')}}}` } }), w: 12, h: 8 },
    { panel: queryTimeSeries(ctx, tokenRateByType, { stacked: true, target: { legend: `{{${label(ctx, 'type')}}}` } }), w: 12, h: 8 },
    { panel: queryTimeSeries(ctx, linesRateByType, { target: { legend: `{{${label(ctx, 'type')}}}` } }), w: 12, h: 8 },
  ];
  if (o.byUser) {
    panels.push({ panel: queryTimeSeries(ctx, costRateByUser, { target: { legend: `{{${identityLabel(ctx)}}}` } }), w: 12, h: 8 });
  }
  return { title: 'Trends', panels };
}
