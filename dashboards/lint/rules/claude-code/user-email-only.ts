/**
 * B7: `user_email` as the only identity of a per-user panel or user variable. Only OAuth logins carry
 * user.email; API-key, Bedrock and Vertex sessions have user.id alone, so grouping by user_email with no
 * fallback files their cost under an empty user, and a user variable whose "All" is the list of emails
 * leaves them out of every panel.
 */
import { labelName } from '../../../../queries/naming.js';
import type { VariableEntry } from '../../model/dashboard-model.js';
import { asString } from '../../model/json.js';
import type { PromQLAnalysis } from '../../promql/analyze.js';
import type { RuleContext, Rule } from '../../types.js';
import { claudeMetricOf, identifyClaudeMetric } from './claude-code-metrics.js';

/** Identity attributes that can stand in for a missing email (queries/config.ts IDENTITY_LABELS). */
const FALLBACK_ATTRIBUTES = ['user.id', 'user.account_uuid', 'user.account_id'];
/** Functions that can write the email label from another label (our withIdentity in queries/library/common.ts). */
const RELABELLING = new Set(['label_replace', 'label_join']);

/** True when the query gives sessions without an email another identity (relabelling, or a second id kept). */
function hasFallback(analysis: PromQLAnalysis, fallbacks: readonly string[]): boolean {
  if (analysis.calls.some((c) => RELABELLING.has(c.name))) return true;
  return analysis.aggregations.some((a) => a.by?.some((l) => fallbacks.includes(l)));
}

function checkTargets(ctx: RuleContext, email: string, fallbacks: readonly string[]): void {
  for (const target of ctx.dashboard.promqlTargets) {
    const analysis = ctx.dashboard.promql(target);
    const grouping = analysis.aggregations.find((a) => a.by?.includes(email) && a.selectors.some((s) => claudeMetricOf(s)));
    if (!grouping || hasFallback(analysis, fallbacks)) continue;
    ctx.report({
      pointer: `${target.pointer}/expr`,
      message: `${grouping.op} by (${grouping.by?.join(', ')}) takes ${email} as the only identity, but only OAuth logins have it: API-key, Bedrock and Vertex users fall into one empty "user" or vanish.`,
    });
  }
}

/** The label a `label_values(metric, label)` variable lists, when it lists a Claude Code metric's label. */
function listedLabel(v: VariableEntry): string | undefined {
  const query = v.variable.query;
  const text = typeof query === 'string' ? query : asString((query as { query?: unknown } | null)?.query);
  const match = text === undefined ? null : /^\s*label_values\(\s*([a-zA-Z_:][\w:]*)[^,]*,\s*([\w.]+)\s*\)\s*$/.exec(text);
  return match?.[1] !== undefined && identifyClaudeMetric(match[1]) ? match[2] : undefined;
}

/** True when the variable's "All" lets series without the label through (an all value that matches ""). */
function allKeepsUnlabelled(v: VariableEntry): boolean {
  const allValue = asString(v.variable.allValue);
  if (allValue === undefined || allValue === '') return false;
  try {
    return new RegExp(`^(?:${allValue})$`).test('');
  } catch {
    return true;
  }
}

function checkVariables(ctx: RuleContext, email: string): void {
  for (const v of ctx.dashboard.variables) {
    // A variable without "All" is a drill-down to one chosen person; only "All" claims to be everyone.
    if (v.type !== 'query' || v.variable.includeAll !== true || listedLabel(v) !== email || allKeepsUnlabelled(v)) continue;
    ctx.report({
      pointer: v.variable.allValue === undefined ? v.pointer : `${v.pointer}/allValue`,
      message: `The variable "${v.name}" lists ${email} values, and its "All" matches only those emails, so every panel filtered by it drops the API-key, Bedrock and Vertex users (they have no ${email}).`,
      fix: 'Set allValue to ".*" so that "All" also keeps series without an email, and say so in the variable description.',
    });
  }
}

export const userEmailOnly: Rule = {
  id: 'claude-code-user-email-only',
  category: 'claude-code',
  severity: 'warning',
  description: 'Per-user panels do not group by `user_email` alone, and a `user_email` variable\'s "All" keeps the users that have none.',
  why: 'user.email exists only for OAuth logins; API-key, Bedrock and Vertex sessions carry user.id alone, so their cost lands on an empty user or disappears when the user filter is "All".',
  advice:
    'Give sessions without an email a fallback identity: label_join(x, "identity", ";", "user_email", "user_id"), then label_replace(that, "user_email", "user_id:$1", "identity", ";(.+)"); or group by user_email and user_id together.',
  fixable: false,
  check(ctx) {
    const email = labelName(ctx.settings.naming, 'user.email');
    checkTargets(ctx, email, FALLBACK_ATTRIBUTES.map((a) => labelName(ctx.settings.naming, a)));
    checkVariables(ctx, email);
  },
};
