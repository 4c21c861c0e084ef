/**
 * Status queries: whether the numbers on a dashboard are exact. They are when our recording rules ran in
 * the selected range (their heartbeat, `claude_code:rules:loaded`, has samples there); otherwise every
 * panel falls back to the raw-counter approximation of `fallback.ts`.
 */
import { rulesLoadedExpr } from '../fallback.js';
import { defineQuery } from './definition.js';

export const rulesLoaded = defineQuery({
  id: 'status.rulesLoaded',
  title: 'Counting',
  measure: 'count',
  description:
    '1 when the claude-code-dashboards recording rules ran in the selected range (every number is exact), 0 when they did not (every number is the raw-counter approximation). Load claude-code-dashboards.rules.yml into the Prometheus that scrapes Claude Code, or into your ruler, and reload it.',
  query: () => rulesLoadedExpr(),
});

/** All status queries. */
export const STATUS_QUERIES = [rulesLoaded];
