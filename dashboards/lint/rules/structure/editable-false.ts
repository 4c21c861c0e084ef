/** D09: provisioned dashboards are not editable in the UI. */
import type { Rule } from '../../types.js';

export const editableFalse: Rule = {
  id: 'editable-false',
  category: 'structure',
  severity: 'warning',
  description: 'Dashboards kept in git set `editable: false`.',
  why: 'Edits made in the UI to a provisioned dashboard are lost on the next file update (or refused with "Cannot save provisioned dashboard"); the file is the source of truth.',
  advice: 'Set "editable": false and change the dashboard in code.',
  fixable: true,
  check(ctx) {
    const { editable } = ctx.dashboard.body;
    if (editable !== false) {
      ctx.report({
        pointer: editable === undefined ? '' : '/editable',
        message: editable === undefined ? 'editable is not set, so the dashboard is editable in the UI (the default).' : `editable is ${JSON.stringify(editable)}.`,
      });
    }
  },
  fix({ body }) {
    return body.editable === false ? [] : [{ op: 'set', pointer: '/editable', value: false }];
  },
};
