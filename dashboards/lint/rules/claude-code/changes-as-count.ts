/**
 * B12: `changes()` on a Claude Code counter read as a number of requests or events. changes() counts the
 * samples whose value differs from the previous one, i.e. export intervals in which the counter moved,
 * whatever it moved by: ten API requests in one 60 s export are one "change".
 */
import type { Rule } from '../../types.js';
import { claudeMetricOf } from './claude-code-metrics.js';

export const changesAsCount: Rule = {
  id: 'claude-code-changes-as-count',
  category: 'claude-code',
  severity: 'error',
  description: '`changes()` is not used to count requests or events on a Claude Code counter.',
  why: 'changes() counts export intervals in which the running total moved, not how much it moved: every request of one export interval counts once, and idle scrapes of an unchanged value count zero.',
  advice: 'Count what was reported: increase() (or our reported_increments recording rules) on the counter, or count the api_request events in Loki.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const call = ctx.dashboard.promql(target).calls.find((c) => c.name === 'changes' && c.selectors.some((s) => claudeMetricOf(s)));
      if (!call) continue;
      const metric = call.selectors.find((s) => claudeMetricOf(s))?.metric;
      ctx.report({
        pointer: `${target.pointer}/expr`,
        message: `changes(${metric}[...]) counts the export intervals in which the counter moved, not requests or events: a burst of requests in one interval counts once.`,
      });
    }
  },
};
