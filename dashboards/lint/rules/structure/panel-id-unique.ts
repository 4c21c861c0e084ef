/** P05: every panel (and row) has a unique, non-zero numeric id. */
import { DashboardModel } from '../../model/dashboard-model.js';
import type { JsonEdit } from '../../edit/apply-edits.js';
import type { Rule } from '../../types.js';

export const panelIdUnique: Rule = {
  id: 'panel-id-unique',
  category: 'structure',
  severity: 'error',
  description: 'Every panel has a numeric id, not 0, unique in the dashboard (a row may have none).',
  why: 'Panel links, "view panel", alerts and library panels address panels by id; a missing, zero or repeated id opens the wrong panel or "Panel not found".',
  advice: 'Give each panel a distinct positive id; `--fix` numbers the missing and repeated ones after the highest id.',
  fixable: true,
  check(ctx) {
    const seen = new Map<number, string>();
    for (const entry of ctx.dashboard.panels) {
      const { id } = entry.panel;
      const what = entry.isRow ? 'row' : 'panel';
      if (id === undefined || id === null) {
        // Nothing addresses a row by id, and Grafana numbers it on load.
        if (!entry.isRow) ctx.report({ pointer: entry.pointer, message: `The ${what} has no id.` });
      } else if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) {
        ctx.report({ pointer: `${entry.pointer}/id`, message: `The ${what} id ${JSON.stringify(id)} is not a positive integer.` });
      } else if (seen.has(id)) {
        ctx.report({ pointer: `${entry.pointer}/id`, message: `The ${what} id ${id} is also used at ${seen.get(id)}.` });
      } else seen.set(id, entry.pointer);
    }
  },
  fix({ body }) {
    const panels = new DashboardModel('', body, undefined).panels;
    const valid = (id: unknown): id is number => typeof id === 'number' && Number.isInteger(id) && id > 0;
    let next = Math.max(0, ...panels.map((p) => (valid(p.panel.id) ? p.panel.id : 0))) + 1;
    const seen = new Set<number>();
    const edits: JsonEdit[] = [];
    for (const { panel, pointer } of panels) {
      if (valid(panel.id) && !seen.has(panel.id)) {
        seen.add(panel.id);
        continue;
      }
      edits.push({ op: 'set', pointer: `${pointer}/id`, value: next });
      seen.add(next);
      next += 1;
    }
    return edits;
  },
};
