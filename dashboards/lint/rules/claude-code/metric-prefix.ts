/**
 * Metric names behind a collector exporter `namespace` (`myns_claude_code_*`, or the doubled
 * `claude_code_claude_code_*` of `namespace: claude_code`). The Claude Code rules read such names as the
 * metric they prefix; this rule says once per file when the prefix differs from the declared one
 * (`metricPrefix` in the build or lint config), instead of one error per query. The metrics the collector
 * derives from events (`claude_code_event_*`, queries/events.ts) count like the eight metrics.
 */
import type { Rule, RuleContext } from '../../types.js';
import { claudeMetricOf, eventMetricPrefix } from './claude-code-metrics.js';

interface PrefixUse {
  /** Prefix ('' for none) → the distinct names that carry it. */
  readonly names: Map<string, Set<string>>;
  /** Where the first name of each prefix is. */
  readonly first: Map<string, string>;
}

function prefixUse(ctx: RuleContext): PrefixUse {
  const names = new Map<string, Set<string>>();
  const first = new Map<string, string>();
  for (const target of ctx.dashboard.promqlTargets) {
    for (const selector of ctx.dashboard.promql(target).selectors) {
      // Recording-rule names (`claude_code:...`) carry no prefix of their own.
      if (selector.metric === undefined || selector.metric.includes(':')) continue;
      // The metrics the collector derives from events (`claude_code_event_*`) carry the exporter's prefix too.
      const identified = claudeMetricOf(selector);
      const prefix = identified ? (identified.prefix ?? '') : eventMetricPrefix(selector.metric);
      if (prefix === undefined) continue;
      if (!names.has(prefix)) names.set(prefix, new Set());
      names.get(prefix)?.add(selector.metric);
      if (!first.has(prefix)) first.set(prefix, `${target.pointer}/expr`);
    }
  }
  return { names, first };
}

function sample(names: ReadonlySet<string>): string {
  const list = [...names].sort();
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} and ${list.length - 2} more` : list.join(', ');
}

export const metricPrefix: Rule = {
  id: 'claude-code-metric-prefix',
  category: 'claude-code',
  severity: 'warning',
  description: 'Claude Code metric names carry the declared metric prefix (`metricPrefix`, the collector exporter\'s `namespace`), reported once per file.',
  why: 'A collector exporter with `namespace: x` renames every metric to x_claude_code_*; a dashboard written for another prefix (or none) finds no series at all. Declaring the prefix lets every other Claude Code rule check the prefixed names.',
  advice: 'Set metricPrefix in the build config (or the lint config) to the namespace of your collector\'s Prometheus exporter, or write the names your pipeline exports.',
  fixable: false,
  check(ctx) {
    const declared = ctx.settings.metricPrefix ?? '';
    const { names, first } = prefixUse(ctx);
    const other = [...names.keys()].filter((p) => p !== declared).sort();
    const wrong = other[0];
    if (wrong === undefined) return;
    const list = other.map((p) => `${p === '' ? 'no prefix' : `"${p}_"`} (${sample(names.get(p) ?? new Set())})`).join('; ');
    const expected = declared === '' ? 'no prefix' : `the prefix "${declared}_"`;
    ctx.report({
      pointer: first.get(wrong) ?? '',
      message: `Claude Code metric names here carry ${list}, but the configuration declares ${expected}; on that pipeline these queries find no series.`,
      fix:
        wrong === ''
          ? `Write the names with the "${declared}_" prefix, or set metricPrefix to "" if your exporter has no namespace.`
          : `If your collector exporter really has namespace: ${wrong}, set metricPrefix: ${wrong} in the build config (or the lint config); otherwise write the unprefixed names.`,
    });
  },
};
