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
  /** Whether to show the active-users stat (default true; one user's dashboard leaves it out: it is always 1). */
  readonly activeUsers?: boolean;
}

/** Grid widths of `n` stats filling 24 columns: 3 each, the columns left over go to the first ones. */
export function statWidths(n: number): number[] {
  const base = Math.floor(24 / n);
  const extra = 24 - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * The counting status line, then the stats: cost, cost per day against the budget, tokens, cache hit rate,
 * sessions, active users (unless `activeUsers: false`), commits, pull requests.
 */
export function overviewRow(ctx: QueryContext, o: OverviewRowOptions): RowSpec {
  const stats = [
    queryStat(ctx, costTotal),
    queryStat(ctx, costPerDay, { thresholds: budgetThresholds(o.dailyBudgetUsd), background: true }),
    queryStat(ctx, tokensTotal),
    queryStat(ctx, cacheHitRate, { thresholds: targetThresholds(ctx.config.thresholds.cacheHitTarget), background: true }),
    queryStat(ctx, sessionsCount),
    ...(o.activeUsers === false ? [] : [queryStat(ctx, activeUsers)]),
    queryStat(ctx, commitsTotal),
    queryStat(ctx, pullRequestsTotal),
  ];
  const widths = statWidths(stats.length);
  return { title: 'Overview', panels: [countingStatus(ctx), ...stats.map((panel, i) => ({ panel, w: widths[i] ?? 3, h: 4 }))] };
}
