/** A panel that shows Claude Code's cost has a currency unit, and one that shows counts has none. */
import type { MetricKey } from '../../../../queries/catalog.js';
import { asArray, isObject, join } from '../../model/json.js';
import type { Selector } from '../../promql/analyze.js';
import type { Rule } from '../../types.js';
import { claudeMetricOf } from './claude-code-metrics.js';

/** Metrics whose values are counts of things (tokens, lines, sessions...), never money. */
const COUNT_METRICS: ReadonlySet<MetricKey> = new Set(['tokens', 'linesOfCode', 'commits', 'pullRequests', 'sessionCount', 'editDecisions']);

/** Aggregations and functions whose result counts series or samples, whatever the metric measures. */
const COUNTING_AGGREGATIONS: ReadonlySet<string> = new Set(['count', 'count_values', 'group']);
const COUNTING_FUNCTIONS: ReadonlySet<string> = new Set(['count_over_time', 'changes', 'resets', 'absent', 'absent_over_time', 'present_over_time', 'timestamp']);

/** What a selector contributes to the panel's value. */
type Contribution = MetricKey | 'count' | 'unknown';

function contribution(selector: Selector): Contribution {
  const identified = claudeMetricOf(selector);
  if (!identified) return 'unknown';
  // Multiplied or divided (prices, ratios, per-hour scaling) or compared: the unit is no longer the metric's.
  if (selector.frames.some((f) => f.kind === 'binary' && !['+', '-', 'or', 'and', 'unless'].includes(f.op))) return 'unknown';
  const counted = selector.frames.some(
    (f) => (f.kind === 'aggregation' && COUNTING_AGGREGATIONS.has(f.op)) || (f.kind === 'call' && COUNTING_FUNCTIONS.has(f.name)),
  );
  return counted ? 'count' : identified.metric;
}

/** True when an override sets a unit: the panel shows several kinds of values, which this rule does not model. */
function overridesUnit(fieldConfig: Record<string, unknown>): boolean {
  return asArray(fieldConfig.overrides).some((o) => isObject(o) && asArray(o.properties).some((p) => isObject(p) && p.id === 'unit'));
}

export const valueUnit: Rule = {
  id: 'claude-code-value-unit',
  category: 'claude-code',
  severity: 'warning',
  description: 'A panel that only reads Claude Code cost has a currency unit; one that only reads counts (tokens, lines, sessions, commits, PRs, edit decisions) has no currency unit.',
  why: 'The unit is how a reader knows what a number is: USD under `short` reads as a count ("1.2K"), tokens under `currencyUSD` read as dollars.',
  advice: 'Set fieldConfig.defaults.unit: currencyUSD for cost, short (or none) for counts; ratios such as cost per token are not checked.',
  fixable: false,
  check(ctx) {
    for (const panel of ctx.dashboard.dataPanels) {
      const fieldConfig = isObject(panel.panel.fieldConfig) ? panel.panel.fieldConfig : {};
      if (overridesUnit(fieldConfig)) continue;
      const targets = ctx.dashboard.promqlTargets.filter((t) => t.panel === panel && t.target.hide !== true);
      if (targets.length === 0) continue;
      const kinds = new Set<Contribution>(targets.flatMap((t) => ctx.dashboard.promql(t).selectors.map(contribution)));
      if (kinds.size === 0 || kinds.has('unknown')) continue;
      const defaults = isObject(fieldConfig.defaults) ? fieldConfig.defaults : {};
      const unit = typeof defaults.unit === 'string' ? defaults.unit : '';
      const isCurrency = unit.startsWith('currency');
      const pointer = isObject(fieldConfig.defaults) ? join(panel.pointer, 'fieldConfig', 'defaults', 'unit') : join(panel.pointer, 'fieldConfig');
      if (kinds.size === 1 && kinds.has('cost') && !isCurrency) {
        ctx.report({
          pointer,
          message: `The panel shows Claude Code cost (USD) with ${unit ? `unit "${unit}"` : 'no unit'}, so it reads as a plain number.`,
          fix: 'Set the unit to currencyUSD (Claude Code reports cost in US dollars).',
        });
      } else if ([...kinds].every((k) => k === 'count' || COUNT_METRICS.has(k as MetricKey)) && isCurrency) {
        ctx.report({
          pointer,
          message: `The panel shows counts (${[...kinds].join(', ')}) with the currency unit "${unit}", so they read as money.`,
          fix: 'Set the unit to short (or none) for counts.',
        });
      }
    }
  },
};
