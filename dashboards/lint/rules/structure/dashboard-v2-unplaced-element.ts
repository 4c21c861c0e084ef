/**
 * v2 elements that no layout item places: Grafana keeps them in the file but never shows them, so a
 * panel someone meant to add is missing from the dashboard (their queries are still linted).
 */
import type { Rule } from '../../types.js';

export const dashboardV2UnplacedElement: Rule = {
  id: 'dashboard-v2-unplaced-element',
  category: 'structure',
  severity: 'warning',
  description: 'Every element of a Grafana v2 dashboard is placed by a layout item (GridLayout, AutoGridLayout, in a row or tab).',
  why: 'An element no layout item names is kept in the file but never shown: the panel is missing from the dashboard without any error in Grafana.',
  advice: 'Place the element with a layout item ({ "kind": "ElementReference", "name": "<element>" }), or delete it.',
  fixable: false,
  check(ctx) {
    for (const { name, pointer } of ctx.dashboard.v2?.unplaced ?? []) {
      ctx.report({ pointer, inFile: true, message: `The element "${name}" is not placed by any layout item, so Grafana never shows it.` });
    }
  },
};
