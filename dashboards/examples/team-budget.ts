/**
 * Worked example: a team's own dashboard composed from this package's panel factories and queries.
 * Copy this file into your project (importing from 'claude-code-dashboards/panels' and '/queries')
 * and change it; `npm run build:dashboards` builds it like ours.
 *
 * It shows a budget view: spend against the budget, the top spenders, cost per hour by model, and one
 * query of our own, written with the typed PromQL builders: spend split by query source per model.
 */
import type { Config } from '../../queries/config.js';
import { identityLabel, label, metricSelector, type QueryContext } from '../../queries/context.js';
import { costByUser, costPerDay, costRateByModel, costTotal, defineQuery } from '../../queries/library/index.js';
import { by, sortDesc, sum, topk } from '../../queries/promql/builders.js';
import { budgetThresholds } from '../../panels/common.js';
import { queryBarGauge, queryStat, queryTimeSeries } from '../../panels/from-query.js';
import { countingStatus } from '../../panels/rows/status.js';
import type { DashboardSpec } from '../assemble.js';
import { overviewVariables } from '../variables.js';

/** A query of our own: cost by model and query source (main conversation vs subagents vs auxiliary). */
export const costByModelAndSource = defineQuery({
  id: 'example.costByModelAndSource',
  title: 'Cost by model and query source',
  measure: 'usd',
  description: 'Estimated cost within the range per model and query source (main, subagent, auxiliary), counted exactly per session.',
  groupBy: (ctx) => [label(ctx, 'model'), label(ctx, 'query_source')],
  query: (ctx, counters) => sum(counters.total(metricSelector(ctx, 'cost')), by(label(ctx, 'model'), label(ctx, 'query_source'))),
});

/** uid of the example dashboard. */
export function exampleDashboardUid(config: Config): string {
  return `${config.grafana.uidPrefix}-example`;
}

/** The example "team budget" dashboard spec. */
export function teamBudgetDashboard(config: Config): DashboardSpec {
  const variables = overviewVariables(config);
  const ctx: QueryContext = { config, filters: variables.filters };
  const budget = config.thresholds.dailyBudgetUsd;
  return {
    uid: exampleDashboardUid(config),
    title: 'Claude Code team budget (example)',
    description: 'Example of a dashboard composed from claude-code-dashboards panels and queries: spend against the daily budget.',
    tags: ['example'],
    from: 'now-30d',
    variables,
    rows: [
      {
        title: 'Budget',
        panels: [
          countingStatus(ctx),
          { panel: queryStat(ctx, costTotal, { title: 'Spend in range' }), w: 6, h: 5 },
          { panel: queryStat(ctx, costPerDay, { thresholds: budgetThresholds(budget), background: true }), w: 6, h: 5 },
          {
            panel: queryBarGauge(ctx, costByUser, {
              title: 'Top 5 spenders',
              target: { legend: `{{${identityLabel(ctx)}}}`, transform: (v) => sortDesc(topk(5, v)), topk: 5 },
            }),
            w: 12,
            h: 5,
          },
          {
            panel: queryBarGauge(ctx, costByModelAndSource, {
              target: { legend: `{{${label(ctx, 'model')}}} / {{${label(ctx, 'query_source')}}}`, transform: sortDesc },
            }),
            w: 12,
            h: 8,
          },
          { panel: queryTimeSeries(ctx, costRateByModel, { stacked: true, target: { legend: `{{${label(ctx, 'model')}}}` } }), w: 12, h: 8 },
        ],
      },
    ],
  };
}
