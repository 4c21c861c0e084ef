/** P07: no two panels overlap; each panel overlapping one placed above it is reported once. */
import type { PanelEntry } from '../../model/dashboard-model.js';
import type { Rule } from '../../types.js';
import { gridRect, type GridRect } from './grid-position.js';
import { firstOverlaps } from './overlap-sweep.js';

function describe(entry: PanelEntry): string {
  const title = typeof entry.panel.title === 'string' && entry.panel.title !== '' ? ` "${entry.panel.title}"` : '';
  return `${entry.isRow ? 'row' : 'panel'}${title} (${entry.pointer})`;
}

export const gridposOverlap: Rule = {
  id: 'gridpos-overlap',
  category: 'structure',
  severity: 'error',
  description: 'No two panels of the same grid (the dashboard, or one row) overlap.',
  why: 'Grafana pushes one of two overlapping panels down, so the layout differs from the file and panels meant side by side end up stacked.',
  advice: 'Move or resize one of the panels.',
  fixable: false,
  check(ctx) {
    const groups = new Map<number, { entry: PanelEntry; rect: GridRect }[]>();
    for (const entry of ctx.dashboard.panels) {
      if (entry.legacyRow || entry.autoLayout) continue;
      const rect = gridRect(entry.panel);
      if (!rect || rect.w <= 0 || rect.h <= 0) continue;
      const group = groups.get(entry.layoutGroup) ?? [];
      group.push({ entry, rect });
      groups.set(entry.layoutGroup, group);
    }
    for (const group of groups.values()) {
      // One finding per panel that overlaps one placed above it (not one per pair), in O(n log n).
      const partners = firstOverlaps(group.map((g) => g.rect));
      group.forEach((b, i) => {
        const a = group[partners[i] as number];
        if (!a) return;
        ctx.report({
          pointer: `${b.entry.pointer}/gridPos`,
          message: `The ${describe(b.entry)} overlaps the ${describe(a.entry)} at x=${b.rect.x}, y=${b.rect.y}.`,
        });
      });
    }
  },
};
