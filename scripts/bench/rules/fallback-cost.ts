/**
 * What the import-only fallback (queries/fallback.ts) costs a dashboard where the rules are loaded: every
 * counter query is `rules or raw`, and the hidden `ccd_fallback` variable is `none` then, so the raw part's
 * selectors match no series. Measured, not argued: a few stock queries, as the dashboards send them over
 * a 1 h range, timed by the engine (`stats=all`) three ways: the rules alone (what the query would be
 * without a fallback), the shipped query with the switch off (`none`, rules loaded), and with the switch
 * on (`.*`: what an import without the rules pays).
 */
import { resolveConfig } from '../../../queries/config.js';
import { unfiltered } from '../../../queries/context.js';
import { reportedIncrease, reportedInRange, reportedPerHour } from '../../../queries/counters.js';
import { FALLBACK_VARIABLE } from '../../../queries/fallback.js';
import { costByModel, costTotal } from '../../../queries/library/cost.js';
import type { Counters, QueryDefinition } from '../../../queries/library/definition.js';
import { tokensByType } from '../../../queries/library/tokens.js';
import { render } from '../../../queries/promql/render.js';
import { interpolateExpression, type GrafanaIntervals } from '../../accuracy/grafana-macros.js';
import { timeQuery, type Timed } from './measure.js';

const RULES_ONLY: Counters = { total: reportedIncrease, perHour: reportedPerHour, inRange: reportedInRange };
const QUERIES: readonly QueryDefinition[] = [costTotal, costByModel, tokensByType];
const RANGE_MS = 3_600_000;
const INTERVALS: GrafanaIntervals = { frontendIntervalMs: 15_000, stepMs: 15_000, rateIntervalMs: 60_000, rangeMs: RANGE_MS };

/** One query's three timings. */
export interface FallbackCost {
  readonly id: string;
  readonly rulesOnly: Timed;
  readonly switchedOff: Timed;
  readonly switchedOn: Timed;
}

/** The PromQL a dashboard sends for `q` with the switch at `value` (Grafana's macros filled in). */
function sent(expr: string, value: string): string {
  return interpolateExpression(expr, INTERVALS, { [FALLBACK_VARIABLE]: { single: value } });
}

/** Times every query three ways, at the same instant, on a server that holds the rules' output. */
export async function fallbackCost(baseUrl: string): Promise<FallbackCost[]> {
  const ctx = unfiltered(resolveConfig({}));
  const out: FallbackCost[] = [];
  for (const q of QUERIES) {
    if (q.kind !== 'instant') throw new Error(`${q.id} is not an instant query`);
    const shipped = render(q.build(ctx));
    const rulesOnly = render(q.withCounters(ctx, RULES_ONLY));
    out.push({
      id: q.id,
      rulesOnly: await timeQuery(baseUrl, 'rules only', sent(rulesOnly, 'none')),
      switchedOff: await timeQuery(baseUrl, 'shipped, switch off', sent(shipped, 'none')),
      switchedOn: await timeQuery(baseUrl, 'shipped, switch on', sent(shipped, '.*')),
    });
  }
  return out;
}

/** The markdown table of the measurement. */
export function fallbackMarkdown(engine: string, costs: readonly FallbackCost[]): string[] {
  const cell = (t: Timed): string => `${(t.seconds * 1000).toFixed(1)} ms, ${t.samples.toLocaleString('en-US')} samples`;
  return [
    `What the fallback costs (Prometheus ${engine}, largest size, 1 h range, \`stats=all\`, median of 3): a stock query read from the rules alone, as shipped with the rules loaded (\`${FALLBACK_VARIABLE}\` = \`none\`), and as shipped without them (\`.*\`, the raw formula):`,
    '',
    '| query | rules only | shipped, rules loaded | shipped, no rules (fallback on) |',
    '|---|---:|---:|---:|',
    ...costs.map((c) => `| \`${c.id}\` | ${cell(c.rulesOnly)} | ${cell(c.switchedOff)} | ${cell(c.switchedOn)} |`),
  ];
}
