/** V05: every variable reference in queries, titles, datasources, links and repeats is defined. */
import { closestMatch } from '../../../schema/closest-match.js';
import { variableUsages } from '../../model/variable-usage.js';
import { isBuiltinVariable } from '../../model/variable-refs.js';
import type { Rule } from '../../types.js';

export const variableUndefined: Rule = {
  id: 'variable-undefined',
  category: 'variables',
  severity: 'error',
  description: "Every `$var`, `${var}` or `[[var]]` in a query, title, datasource, link or repeat names a defined variable or one of Grafana's global variables.",
  why: 'Grafana leaves an undefined reference as literal text, so the query matches nothing (`user_email=~"$usr"`) or fails to parse.',
  advice: 'Define the variable, or correct the name.',
  fixable: false,
  check(ctx) {
    const defined = ctx.dashboard.variablesByName;
    const reported = new Set<string>();
    for (const usage of variableUsages(ctx.dashboard)) {
      if (usage.context === 'other' || isBuiltinVariable(usage.name) || defined.has(usage.name)) continue;
      const key = `${usage.pointer}\0${usage.name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const suggestion = closestMatch(usage.name, defined.keys());
      ctx.report({
        pointer: usage.pointer,
        message: `$${usage.name} is not a variable of this dashboard${suggestion ? ` (did you mean $${suggestion}?)` : ''}; Grafana leaves it as literal text.`,
        fix: suggestion ? `Write $${suggestion}, or define a variable named "${usage.name}".` : `Define a variable named "${usage.name}", or remove the reference.`,
      });
    }
  },
};
