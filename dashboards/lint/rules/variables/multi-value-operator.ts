/** V09: multi-value and "All" variables are used with `=~`/`!~`, never `=`/`!=`. */
import { DashboardModel } from '../../model/dashboard-model.js';
import { findVariableReferences } from '../../model/variable-refs.js';
import type { LabelMatcher } from '../../promql/analyze.js';
import type { JsonEdit } from '../../edit/apply-edits.js';
import type { Rule } from '../../types.js';

/** Names of the variables that can hold several values. */
function multiValueVariables(dashboard: DashboardModel): Set<string> {
  const names = new Set<string>();
  for (const v of dashboard.variables) {
    if (v.name !== undefined && (v.variable.multi === true || v.variable.includeAll === true)) names.add(v.name);
  }
  return names;
}

/** The exact-match matchers of a target whose value uses a multi-value variable. */
function offendingMatchers(dashboard: DashboardModel, multi: Set<string>): { pointer: string; expr: string; matcher: LabelMatcher; variable: string }[] {
  if (multi.size === 0) return [];
  const out: { pointer: string; expr: string; matcher: LabelMatcher; variable: string }[] = [];
  for (const target of dashboard.promqlTargets) {
    for (const selector of dashboard.promql(target).selectors) {
      for (const matcher of selector.matchers) {
        if (matcher.op !== '=' && matcher.op !== '!=') continue;
        const variable = findVariableReferences(matcher.value).find((r) => multi.has(r.name));
        if (variable) out.push({ pointer: `${target.pointer}/expr`, expr: target.expr as string, matcher, variable: variable.name });
      }
    }
  }
  return out;
}

export const multiValueOperator: Rule = {
  id: 'multi-value-operator',
  category: 'variables',
  severity: 'error',
  description: 'A variable with `multi` or `includeAll` is matched with `=~` / `!~` in PromQL, not `=` / `!=`.',
  why: 'Grafana expands several selected values (or All) to a regex like `(a|b)`; with `=` that is compared literally, so the panel goes empty as soon as a second value is picked.',
  advice: 'Use `=~` instead of `=` (and `!~` instead of `!=`); `--fix` does.',
  fixable: true,
  check(ctx) {
    for (const { pointer, matcher, variable } of offendingMatchers(ctx.dashboard, multiValueVariables(ctx.dashboard))) {
      const regexOp = matcher.op === '=' ? '=~' : '!~';
      ctx.report({
        pointer,
        message: `${matcher.label}${matcher.op}"${matcher.value}" compares the multi-value variable $${variable} exactly; with two values selected (or All) it matches nothing.`,
        fix: `Write ${matcher.label}${regexOp}"${matcher.value}".`,
      });
    }
  },
  fix({ body }) {
    const dashboard = new DashboardModel('', body, undefined);
    const byTarget = new Map<string, { expr: string; matchers: LabelMatcher[] }>();
    for (const target of dashboard.promqlTargets) byTarget.set(`${target.pointer}/expr`, { expr: target.expr as string, matchers: [] });
    for (const { pointer, matcher } of offendingMatchers(dashboard, multiValueVariables(dashboard))) byTarget.get(pointer)?.matchers.push(matcher);
    const edits: JsonEdit[] = [];
    for (const [pointer, { expr, matchers }] of byTarget) {
      if (matchers.length === 0) continue;
      let text = expr;
      for (const m of [...matchers].sort((a, b) => b.opFrom - a.opFrom)) {
        text = text.slice(0, m.opFrom) + (m.op === '=' ? '=~' : '!~') + text.slice(m.opTo);
      }
      edits.push({ op: 'set', pointer, value: text });
    }
    return edits;
  },
};
