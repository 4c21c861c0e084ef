/**
 * Worked example: a team's own dashboard composed from this package's panel factories and queries. It
 * imports only the package's public entry points (its package.json `exports`), so you can copy it into
 * your project unchanged; a test type-checks and builds it against the packed package.
 *
 * It is opt-in: the build provisions it only when the configuration registers it, e.g.
 *   dashboards:
 *     - module: ./dashboards/examples/team-budget.ts                  # in this repository
 *     - module: claude-code-dashboards/examples/team-budget           # from the installed package
 *
 * It shows a budget view: spend against the budget, the top spenders, cost per hour by model, and one
 * query of our own, written with the typed PromQL builders: spend split by query source per model.
 */
import { budgetThresholds, countingStatus, queryBarGauge, queryStat, queryTimeSeries } from 'claude-code-dashboards/panels';
import { costByUser, costPerDay, costRateByModel, costTotal, defineQuery, identityLabel, label, metricSelector, promql, type Config, type QueryContext } from 'claude-code-dashboards/queries';
import { defineDashboard, overviewVariables, type DashboardSpec } from 'claude-code-dashboards/dashboards';

const { by, sortDesc, sum, topk } = promql;

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

/** The module's dashboard factory, which the build calls when the configuration registers this file. */
export default defineDashboard(teamBudgetDashboard);
