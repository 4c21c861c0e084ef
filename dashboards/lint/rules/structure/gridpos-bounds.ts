/** P06: panels fit the 24-column grid. */
import type { Rule } from '../../types.js';
import { GRID_COLUMNS, gridRect } from './grid-position.js';

export const gridposBounds: Rule = {
  id: 'gridpos-bounds',
  category: 'structure',
  severity: 'error',
  description: 'Every panel has a gridPos with 0 ≤ x, 1 ≤ w, x + w ≤ 24, 0 ≤ y and h ≥ 1.',
  why: 'Grafana squeezes or moves panels that do not fit, so the layout you wrote is not the one users see (the SDK auto-layout can emit x=18, w=12).',
  advice: 'Keep x + w within 24 columns and give every panel a positive width and height.',
  fixable: false,
  check(ctx) {
    for (const entry of ctx.dashboard.panels) {
      // A pre-5 row panel has a `span`, not a gridPos: Grafana lays it out when it converts the rows;
      // a v2 AutoGridLayout item has no position at all.
      if (entry.legacyRow || entry.autoLayout) continue;
      const rect = gridRect(entry.panel);
      if (!rect) {
        ctx.report({ pointer: 'gridPos' in entry.panel ? `${entry.pointer}/gridPos` : entry.pointer, message: 'The panel has no complete gridPos (x, y, w, h).' });
        continue;
      }
      const { x, y, w, h } = rect;
      const problems: string[] = [];
      if (x < 0) problems.push(`x is ${x}`);
      if (y < 0) problems.push(`y is ${y}`);
      if (w < 1) problems.push(`w is ${w}`);
      if (h < 1) problems.push(`h is ${h}`);
      if (x + w > GRID_COLUMNS) problems.push(`x + w is ${x + w}, past the ${GRID_COLUMNS} columns`);
      if (![x, y, w, h].every(Number.isInteger)) problems.push('positions must be whole grid cells');
      if (problems.length > 0) ctx.report({ pointer: `${entry.pointer}/gridPos`, message: `The panel does not fit the grid: ${problems.join(', ')}.` });
    }
  },
};
