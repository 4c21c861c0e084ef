/** Q04: `rate`, `irate` and `increase` windows use `$__rate_interval` (or an allow-listed variable). */
import { identifyMetricName } from '../../../../queries/naming.js';
import type { Rule } from '../../types.js';
import { isClaudeCodeName } from '../claude-code/claude-code-metrics.js';

const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

export const rateInterval: Rule = {
  id: 'rate-interval',
  category: 'promql',
  severity: 'warning',
  description: '`rate`, `irate` and `increase` use `[$__rate_interval]` (or `[$__range]` for a total over the dashboard range, or a variable allow-listed in the config).',
  why: 'A fixed window ignores the scrape interval and the zoom level: too short and the graph has gaps, too long and it hides spikes; `$__interval` can be shorter than two scrapes.',
  advice: 'Write `[$__rate_interval]`.',
  fixable: false,
  check(ctx) {
    const allowed = ctx.settings.rateIntervals;
    for (const target of ctx.dashboard.promqlTargets) {
      for (const call of ctx.dashboard.promql(target).calls) {
        if (!RATE_FUNCTIONS.has(call.name) || !call.range || call.rangeIsSubquery) continue;
        const { variable, text } = call.range;
        if (variable !== undefined && allowed.has(variable)) continue;
        // A fixed window on a Claude Code total is reported by fixed-window with a better explanation.
        const claudeCode = call.selectors.some((s) => s.metric !== undefined && (isClaudeCodeName(s.metric) || identifyMetricName(s.metric).length > 0));
        if (variable === undefined && call.name === 'increase' && claudeCode) continue;
        const why =
          variable === '__interval'
            ? '$__interval can be shorter than two scrapes, which leaves gaps'
            : variable === undefined
              ? 'a fixed window ignores the scrape interval and the zoom level'
              : `$${variable} is not in the allowed rate windows (${[...allowed].map((v) => `$${v}`).join(', ')})`;
        ctx.report({ pointer: `${target.pointer}/expr`, message: `${call.name}(...[${text}]): ${why}.` });
      }
    }
  },
};
