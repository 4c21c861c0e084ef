/** V04: query variables refresh when the time range changes. */
import { asArray, isObject } from '../../model/json.js';
import type { JsonEdit } from '../../edit/apply-edits.js';
import type { Rule } from '../../types.js';

/** Grafana's `refresh` value "On time range change". */
const ON_TIME_RANGE_CHANGE = 2;

export const variableRefresh: Rule = {
  id: 'variable-refresh',
  category: 'variables',
  severity: 'warning',
  description: 'Query variables refresh on time range change (`refresh: 2`).',
  why: 'Otherwise the value list is loaded once per dashboard load: users, models or teams that appear in the selected range are missing from the picker.',
  advice: 'Set "refresh": 2; `--fix` does.',
  fixable: true,
  check(ctx) {
    for (const v of ctx.dashboard.variables) {
      if (v.type !== 'query' || v.variable.refresh === ON_TIME_RANGE_CHANGE) continue;
      ctx.report({
        pointer: 'refresh' in v.variable ? `${v.pointer}/refresh` : v.pointer,
        message: `The query variable "${v.name ?? '?'}" does not refresh on time range change (refresh: ${JSON.stringify(v.variable.refresh ?? null)}), so its values go stale.`,
      });
    }
  },
  fix({ body }) {
    return asArray(isObject(body.templating) ? body.templating.list : undefined).flatMap((v, i): JsonEdit[] =>
      isObject(v) && v.type === 'query' && v.refresh !== ON_TIME_RANGE_CHANGE ? [{ op: 'set', pointer: `/templating/list/${i}/refresh`, value: ON_TIME_RANGE_CHANGE }] : [],
    );
  },
};
