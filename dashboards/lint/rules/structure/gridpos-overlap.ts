/** P07: no two panels overlap. */
import type { PanelEntry } from '../../model/dashboard-model.js';
import type { Rule } from '../../types.js';
import { gridRect, type GridRect } from './grid-position.js';

function overlaps(a: GridRect, b: GridRect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

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
      if (entry.legacyRow) continue;
      const rect = gridRect(entry.panel);
      if (!rect || rect.w <= 0 || rect.h <= 0) continue;
      const group = groups.get(entry.layoutGroup) ?? [];
      group.push({ entry, rect });
      groups.set(entry.layoutGroup, group);
    }
    for (const group of groups.values()) {
      // Sweep by y: only panels whose vertical spans intersect are compared.
      group.sort((a, b) => a.rect.y - b.rect.y);
      for (let i = 0; i < group.length; i++) {
        const a = group[i] as { entry: PanelEntry; rect: GridRect };
        for (let j = i + 1; j < group.length; j++) {
          const b = group[j] as { entry: PanelEntry; rect: GridRect };
          if (b.rect.y >= a.rect.y + a.rect.h) break;
          if (overlaps(a.rect, b.rect)) {
            ctx.report({
              pointer: `${b.entry.pointer}/gridPos`,
              message: `The ${describe(b.entry)} overlaps the ${describe(a.entry)} at x=${b.rect.x}, y=${b.rect.y}.`,
            });
          }
        }
      }
    }
  },
};
