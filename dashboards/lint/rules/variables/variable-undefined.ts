/** V05: every variable reference in queries, titles, datasources, links and repeats is defined. */
import { closestMatch } from '../../../schema/closest-match.js';
import { variableUsages } from '../../model/variable-usage.js';
import { isBuiltinVariable } from '../../model/variable-refs.js';
import type { Rule } from '../../types.js';
import { asArray, asString, isObject } from '../../model/json.js';
import type { JsonObject } from '../../types.js';

/** The names of the dashboard's `__inputs` (an "export for sharing" file). */
function importInputs(body: JsonObject): Set<string> {
  return new Set(asArray(body.__inputs).filter(isObject).flatMap((i) => asString(i.name) ?? []));
}

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
    const inputs = importInputs(ctx.dashboard.body);
    // One finding per undefined name, at its first use: one root cause, however many panels repeat it.
    const uses = new Map<string, string[]>();
    for (const usage of variableUsages(ctx.dashboard)) {
      if (usage.context === 'other' || isBuiltinVariable(usage.name) || defined.has(usage.name)) continue;
      // `${DS_*}` import inputs are no-export-artifacts' finding (with a fix), not a missing variable.
      if (inputs.has(usage.name)) continue;
      const pointers = uses.get(usage.name) ?? [];
      if (!pointers.includes(usage.pointer)) pointers.push(usage.pointer);
      uses.set(usage.name, pointers);
    }
    for (const [name, pointers] of uses) {
      const suggestion = closestMatch(name, defined.keys());
      const more = pointers.length > 1 ? ` It is used in ${pointers.length} places; this is the first.` : '';
      ctx.report({
        pointer: pointers[0] as string,
        message: `$${name} is not a variable of this dashboard${suggestion ? ` (did you mean $${suggestion}?)` : ''}; Grafana leaves it as literal text.${more}`,
        fix: suggestion ? `Write $${suggestion}, or define a variable named "${name}".` : `Define a variable named "${name}", or remove the reference.`,
      });
    }
  },
};
