/** `user_id` is a hashed install id, not a person. */
import { labelName } from '../../../../queries/naming.js';
import { findVariableReferences } from '../../model/variable-refs.js';
import type { Rule } from '../../types.js';
import { claudeMetricOf } from './claude-code-metrics.js';

export const userIdAsPerson: Rule = {
  id: 'claude-code-user-id-as-person',
  category: 'claude-code',
  severity: 'warning',
  description: 'Per-user panels and user filters do not use `user_id` as the person.',
  why: "user_id is a random id per Claude Code installation (~/.claude.json): one person on two laptops, or after a reinstall, counts as several users, and the ids mean nothing to a reader.",
  advice: 'Group and filter by user_email (OAuth logins) or user_account_uuid, with user_id only as a labelled fallback for API-key users.',
  fixable: false,
  check(ctx) {
    const userId = labelName(ctx.settings.naming, 'user.id');
    for (const target of ctx.dashboard.promqlTargets) {
      const analysis = ctx.dashboard.promql(target);
      let reported = false;
      for (const aggregation of analysis.aggregations) {
        if (reported || !aggregation.by?.includes(userId) || !aggregation.selectors.some((s) => claudeMetricOf(s))) continue;
        reported = true;
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: `${aggregation.op} by (${aggregation.by.join(', ')}) treats ${userId} as a person, but it is a per-installation id: people with two machines or a reinstall count several times${aggregation.op === 'count' ? ', so "active users" is really installations' : ''}.`,
        });
      }
      for (const selector of analysis.selectors) {
        if (reported || !claudeMetricOf(selector)) continue;
        const filter = selector.matchers.find((m) => m.label === userId && findVariableReferences(m.value).length > 0);
        if (!filter) continue;
        reported = true;
        ctx.report({
          pointer: `${target.pointer}/expr`,
          message: `The user filter ${filter.label}${filter.op}"${filter.value}" picks installations, not people: a person's other machines are left out.`,
        });
      }
    }
  },
};
