/** P08: panels sit inside a row only when the row is collapsed; rows do not nest. */
import { asArray, isObject } from '../../model/json.js';
import { SourceCopy, type JsonEdit } from '../../edit/apply-edits.js';
import type { Rule } from '../../types.js';

export const rowCollapse: Rule = {
  id: 'row-collapse',
  category: 'structure',
  severity: 'error',
  description: 'An expanded row has `panels: []` and is followed by its panels; only a collapsed row holds panels; rows are not nested.',
  why: 'Grafana ignores the panels inside an expanded row (they vanish until someone collapses and expands it) and cannot show a row inside a row.',
  advice: 'Move the panels of an expanded row after it at the top level (`--fix` does), or mark the row collapsed.',
  fixable: true,
  notOnV2: 'v2 rows hold their own layout (`RowsLayoutRow`), so there is no row/panel order to get wrong.',
  check(ctx) {
    for (const entry of ctx.dashboard.panels) {
      if (!entry.isRow) continue;
      if (entry.parentRow) {
        ctx.report({ pointer: entry.pointer, message: 'A row is nested inside another row; Grafana does not show nested rows.' });
        continue;
      }
      const nested = asArray(entry.panel.panels);
      if (entry.panel.collapsed !== true && nested.length > 0) {
        ctx.report({
          pointer: `${entry.pointer}/panels`,
          message: `The row is expanded (collapsed: ${JSON.stringify(entry.panel.collapsed ?? false)}) but holds ${nested.length} panel(s); Grafana does not show them.`,
        });
      }
    }
  },
  fix({ body }) {
    // Each expanded row's children move, as written, to the top level right after the row.
    const edits: JsonEdit[] = [];
    asArray(body.panels).forEach((panel, i) => {
      if (!(isObject(panel) && panel.type === 'row' && panel.collapsed !== true && Array.isArray(panel.panels) && panel.panels.length > 0)) return;
      edits.push(
        { op: 'insert', pointer: `/panels/${i + 1}`, values: panel.panels.map((_, j) => new SourceCopy(`/panels/${i}/panels/${j}`)) },
        { op: 'set', pointer: `/panels/${i}/panels`, value: [] },
      );
    });
    return edits;
  },
};
