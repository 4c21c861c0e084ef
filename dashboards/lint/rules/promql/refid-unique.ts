/** Q07: every query of a panel has a unique refId. */
import { asArray, isObject } from '../../model/json.js';
import type { JsonEdit } from '../../edit/apply-edits.js';
import type { Rule } from '../../types.js';
import { refIdFor } from '../../../../panels/layout.js';

/** A, B, ..., Z, AA, AB, ...: the refIds Grafana assigns (the same sequence our panels get). */
export const refIdAt = refIdFor;

export const refidUnique: Rule = {
  id: 'refid-unique',
  category: 'promql',
  severity: 'error',
  description: 'The refIds of a panel\'s queries are unique within the panel (a query without one is fine: Grafana assigns the next free letter).',
  why: 'Expressions, transformations and overrides address queries by refId; with a repeated one they pick the wrong query.',
  advice: 'Give each query a distinct refId (A, B, C, ...); `--fix` does.',
  fixable: true,
  check(ctx) {
    const seen = new Map<string, Set<string>>();
    for (const target of ctx.dashboard.targets) {
      const inPanel = seen.get(target.panel.pointer) ?? new Set<string>();
      seen.set(target.panel.pointer, inPanel);
      const { refId } = target.target;
      // Grafana gives a query without a refId the next free letter when it loads the dashboard.
      if (typeof refId !== 'string' || refId === '') continue;
      if (inPanel.has(refId)) {
        ctx.report({ pointer: `${target.pointer}/refId`, message: `The refId ${JSON.stringify(refId)} is used twice in this panel.` });
      } else inPanel.add(refId);
    }
  },
  fix({ body }) {
    const edits: JsonEdit[] = [];
    const fixPanel = (panel: unknown, pointer: string) => {
      if (!isObject(panel)) return;
      const targets = asArray(panel.targets).filter(isObject);
      const used = new Set<string>();
      const needs = targets.filter((t) => {
        if (typeof t.refId === 'string' && t.refId !== '' && !used.has(t.refId)) {
          used.add(t.refId);
          return false;
        }
        return true;
      });
      let next = 0;
      for (const target of needs) {
        while (used.has(refIdAt(next))) next += 1;
        const refId = refIdAt(next);
        edits.push({ op: 'set', pointer: `${pointer}/targets/${asArray(panel.targets).indexOf(target)}/refId`, value: refId });
        used.add(refId);
      }
      asArray(panel.panels).forEach((child, i) => fixPanel(child, `${pointer}/panels/${i}`));
    };
    asArray(body.panels).forEach((panel, i) => fixPanel(panel, `/panels/${i}`));
    return edits;
  },
};
