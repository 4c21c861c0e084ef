/** The headline row: the numbers a team lead looks at first. */
import type { QueryContext } from '../../queries/context.js';
import { activeUsers, cacheHitRate, commitsTotal, costPerDay, costTotal, pullRequestsTotal, sessionsCount, tokensTotal } from '../../queries/library/index.js';
import { budgetThresholds, targetThresholds } from '../common.js';
import { queryStat } from '../from-query.js';
import type { RowSpec } from '../layout.js';
import { countingStatus } from './status.js';

/** Options of the overview row. */
export interface OverviewRowOptions {
  /** Daily budget in USD for the average-cost-per-day stat (team or per user). */
  readonly dailyBudgetUsd: number;
}

/** The counting status line, then eight stats: cost, cost per day against the budget, tokens, cache hit rate, sessions, users, commits, pull requests. */
export function overviewRow(ctx: QueryContext, o: OverviewRowOptions): RowSpec {
  const stat = (p: ReturnType<typeof queryStat>) => ({ panel: p, w: 3, h: 4 });
  return {
    title: 'Overview',
    panels: [
      countingStatus(ctx),
      stat(queryStat(ctx, costTotal)),
      stat(queryStat(ctx, costPerDay, { thresholds: budgetThresholds(o.dailyBudgetUsd), background: true })),
      stat(queryStat(ctx, tokensTotal)),
      stat(queryStat(ctx, cacheHitRate, { thresholds: targetThresholds(ctx.config.thresholds.cacheHitTarget), background: true })),
      stat(queryStat(ctx, sessionsCount)),
      stat(queryStat(ctx, activeUsers)),
      stat(queryStat(ctx, commitsTotal)),
      stat(queryStat(ctx, pullRequestsTotal)),
    ],
  };
}
