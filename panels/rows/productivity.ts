/** The productivity row: what Claude Code produced, and what it cost per unit. */
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import { costPerCommit, costPerPullRequest, editAcceptRate, editDecisionsByTool, linesByType } from '../../queries/library/index.js';
import { targetThresholds } from '../common.js';
import { queryBarGauge, queryGauge, queryStat } from '../from-query.js';
import type { RowSpec } from '../layout.js';

/** Lines added/removed, cost per commit and per PR, edit accept rate, decisions by tool (commit and PR totals are in the overview row). */
export function productivityRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Productivity',
    panels: [
      { panel: queryStat(ctx, linesByType, { target: { legend: `{{${label(ctx, 'type')}}}` } }), w: 6, h: 6 },
      { panel: queryStat(ctx, costPerCommit), w: 6, h: 6 },
      { panel: queryStat(ctx, costPerPullRequest), w: 6, h: 6 },
      { panel: queryGauge(ctx, editAcceptRate, { thresholds: targetThresholds(ctx.config.thresholds.editAcceptTarget), min: 0, max: 1 }), w: 6, h: 6 },
      {
        panel: queryBarGauge(ctx, editDecisionsByTool, {
          target: { legend: `{{${label(ctx, 'tool_name')}}} {{${label(ctx, 'decision')}}}` },
        }),
        w: 24,
        h: 6,
      },
    ],
  };
}
