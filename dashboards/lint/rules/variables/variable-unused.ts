/** V06: every variable is used somewhere. */
import { variableUsages } from '../../model/variable-usage.js';
import type { Rule } from '../../types.js';

export const variableUnused: Rule = {
  id: 'variable-unused',
  category: 'variables',
  severity: 'warning',
  description: 'Every variable (other than ad hoc filters) is referenced by a query, title, link, repeat or another variable.',
  why: 'An unused variable is a filter that filters nothing: users pick a value and the panels ignore it.',
  advice: 'Use the variable in the queries it should filter, or remove it.',
  fixable: false,
  check(ctx) {
    const usages = variableUsages(ctx.dashboard);
    for (const v of ctx.dashboard.variables) {
      if (v.name === undefined || v.type === 'adhoc') continue;
      const used = usages.some((u) => u.name === v.name && !u.pointer.startsWith(`${v.pointer}/`));
      if (!used) ctx.report({ pointer: v.pointer, message: `The variable "${v.name}" is not used by any panel, query or link.` });
    }
  },
};
