/** Metric names from a different naming scheme than the configured one. */
import { NAMING_SCHEME_DESCRIPTIONS } from '../../../../queries/naming.js';
import type { Rule } from '../../types.js';
import { claudeMetricOf, nameInScheme } from './claude-code-metrics.js';

export const namingScheme: Rule = {
  id: 'claude-code-naming-scheme',
  category: 'claude-code',
  severity: 'error',
  description: 'Claude Code metric names are spelled the way the configured ingestion path names them (`naming` in the lint config, default otel-collector).',
  why: 'Each path names the metrics differently (claude_code_cost_usage_USD_total via the Collector, claude_code_cost_usage_total from Claude Code\'s own :9464 endpoint); a name from another path matches no series.',
  advice: 'Use the name of your scheme, or set `naming` in the lint config to the scheme your pipeline really uses.',
  fixable: false,
  check(ctx) {
    const scheme = ctx.settings.naming;
    for (const target of ctx.dashboard.promqlTargets) {
      const seen = new Set<string>();
      for (const selector of ctx.dashboard.promql(target).selectors) {
        if (selector.metric === undefined || seen.has(selector.metric)) continue;
        seen.add(selector.metric);
        const identified = claudeMetricOf(selector);
        if (!identified || identified.schemes.includes(scheme)) continue;
        const expected = nameInScheme(identified.metric, ctx.settings);
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: `${selector.metric} is the ${identified.schemes.join('/')} spelling; with the ${scheme} naming (${NAMING_SCHEME_DESCRIPTIONS[scheme]}) the series is called ${expected}, so this query finds nothing.`,
          fix: `Write ${expected}, or set naming: ${identified.schemes[0]} in the lint config if that is what your pipeline exports.`,
        });
      }
    }
  },
};
