/**
 * Per-session recording rules: what the session details table needs and the summed rules (counters.ts)
 * sum away. The summed rules stay as they are (their exactness and cost are unchanged); these rules run
 * the same per-series comparison (`incrementsExpr`) and sum only over the attributes that split one
 * session into several series (token type, query source, effort, ...), so each session keeps one series
 * per metric (cost: one per model) with the session's own labels (user, terminal, team), and the
 * dashboard filters still apply. Like every increments rule they record a sample only when a counter
 * changed. One more rule records, for each cost report, the time of the scrape that showed it (the rule
 * reads `evaluationDelay` behind, so `time() − delay`): the table's first and last report times are its
 * min and max over the range, with no subquery.
 *
 * Series cost: per session, one series for tokens, lines, commits and report times, and one per model
 * for cost; docs/session-details.md gives the measured numbers.
 */
import type { MetricKey } from './catalog.js';
import { METRICS } from './catalog.js';
import { countingTiming, type Config } from './config.js';
import { incrementsExpr, incrementsTiming } from './counters.js';
import { parseDuration } from './duration.js';
import { labelName, metricName } from './naming.js';
import { add, max, mul, num, selector, sub, sum, time, without } from './promql/builders.js';
import type { InstantVector } from './promql/types.js';

/** The metrics the session details table reads per session. */
export type SessionMetricKey = Extract<MetricKey, 'cost' | 'tokens' | 'linesOfCode' | 'commits'>;

/** The per-session metrics, in rule order. */
export const SESSION_METRIC_KEYS: readonly SessionMetricKey[] = ['cost', 'tokens', 'linesOfCode', 'commits'];

/** Rule names: `claude_code:<metric>:session_increments`. */
const SESSION_RULE_NAMES: Readonly<Record<SessionMetricKey, string>> = {
  cost: 'claude_code:cost_usd:session_increments',
  tokens: 'claude_code:tokens:session_increments',
  linesOfCode: 'claude_code:lines_of_code:session_increments',
  commits: 'claude_code:commits:session_increments',
};

/** The rule recording the scrape time (ms since the epoch) of each cost report, per session. */
export const SESSION_REPORTED_AT_RULE = 'claude_code:session:cost_reported_at_ms';

/** The per-session rule of `metric`. */
export function sessionRuleName(metric: SessionMetricKey): string {
  return SESSION_RULE_NAMES[metric];
}

/** Every per-session rule name (linters accept them as known metrics). */
export const SESSION_RULE_NAMES_LIST: readonly string[] = [...Object.values(SESSION_RULE_NAMES), SESSION_REPORTED_AT_RULE];

/** The attributes a per-session rule sums over: the metric's own ones, except `model` on cost. */
export function summedAttributes(metric: SessionMetricKey): readonly string[] {
  return METRICS[metric].attributes.filter((a) => !(metric === 'cost' && a === 'model'));
}

function summed(config: Config, metric: SessionMetricKey, v: InstantVector): InstantVector {
  const labels = summedAttributes(metric).map((a) => labelName(config.naming, a));
  return labels.length ? sum(v, without(...labels)) : v;
}

/** The per-session rules of a configuration, in order. */
export function sessionRules(config: Config): { record: string; expr: InstantVector }[] {
  const timing = incrementsTiming(config);
  const raw = (metric: MetricKey): ReturnType<typeof selector> => selector(metricName(config.naming, metric, config.metricPrefix));
  const rules = SESSION_METRIC_KEYS.map((metric) => ({ record: sessionRuleName(metric), expr: summed(config, metric, incrementsExpr(raw(metric), timing)) }));
  // `x * 0 + …` keeps the series' labels and drops the metric name; `max` over the cost attributes (all equal).
  const delaySeconds = parseDuration(countingTiming(config).delay) / 1000;
  const scrapeTimeMs = mul(sub(time(), num(delaySeconds)), num(1000));
  const allCostLabels = METRICS.cost.attributes.map((a) => labelName(config.naming, a));
  const reportedAt = max(add(mul(incrementsExpr(raw('cost'), timing), num(0)), scrapeTimeMs), without(...allCostLabels));
  return [...rules, { record: SESSION_REPORTED_AT_RULE, expr: reportedAt }];
}
