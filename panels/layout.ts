/**
 * Grid layout, panel ids and refIds.
 *
 * The foundation SDK's auto-layout can overflow the 24-column grid, gives every row id 0 and leaves
 * targets without refIds, so positions and ids are assigned here instead, deterministically:
 * panels flow left to right and wrap at 24 columns; ids count up in document order; refIds are A, B, C
 * per panel. Expanded rows are followed by their panels; collapsed rows carry them in `panels`, placed
 * where they will appear when the row is opened.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

/** Width of Grafana's dashboard grid. */
export const GRID_COLUMNS = 24;

/** A panel builder and its size on the grid. */
export interface PanelSpec {
  readonly panel: cog.Builder<dashboard.Panel>;
  /** Width in grid columns (1-24). */
  readonly w: number;
  /** Height in grid units (one unit is 30 px). */
  readonly h: number;
}

/** A row of panels. */
export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
  /** Collapsed rows load their panels only when opened: use for detail the user rarely needs. */
  readonly collapsed?: boolean;
}

/** A grid position. */
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A panel of the laid-out dashboard: built panel JSON with position and id. */
export type PanelJson = Record<string, unknown> & { id: number; gridPos: GridPos; type: string };

/** Letters for refIds: A..Z, then AA, AB, ... */
export function refIdFor(index: number): string {
  let n = index;
  let id = '';
  do {
    id = String.fromCharCode(65 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

/** Positions panels left to right from `y`, wrapping at the grid width; returns positions and the next free y. */
export function flow(specs: readonly PanelSpec[], y: number): { positions: GridPos[]; nextY: number } {
  const positions: GridPos[] = [];
  let x = 0;
  let lineY = y;
  let lineHeight = 0;
  for (const s of specs) {
    if (!Number.isInteger(s.w) || s.w < 1 || s.w > GRID_COLUMNS || !Number.isInteger(s.h) || s.h < 1) {
      throw new Error(`Panel size ${s.w}x${s.h} is outside the grid: width must be 1-${GRID_COLUMNS}, height at least 1.`);
    }
    if (x + s.w > GRID_COLUMNS) {
      lineY += lineHeight;
      x = 0;
      lineHeight = 0;
    }
    positions.push({ x, y: lineY, w: s.w, h: s.h });
    x += s.w;
    lineHeight = Math.max(lineHeight, s.h);
  }
  return { positions, nextY: lineY + lineHeight };
}

/**
 * Builds a panel to plain JSON (the SDK's build() returns its internal object; a JSON round trip both
 * detaches it and drops non-JSON members), assigning id, position and refIds.
 */
function panelJson(spec: PanelSpec, id: number, gridPos: GridPos, onTarget: (target: object, panel: PanelJson, refId: string) => void): PanelJson {
  const built = spec.panel.build() as unknown as Record<string, unknown>;
  const targets = Array.isArray(built['targets']) ? (built['targets'] as object[]) : [];
  const json = JSON.parse(JSON.stringify(built)) as PanelJson;
  json.id = id;
  json.gridPos = { ...gridPos };
  const jsonTargets = Array.isArray(json['targets']) ? (json['targets'] as Record<string, unknown>[]) : [];
  jsonTargets.forEach((t, i) => {
    // Keep a refId the caller set on purpose (tables refer to columns by refId); fill in the rest.
    const refId = typeof t['refId'] === 'string' && t['refId'] !== '' ? t['refId'] : refIdFor(i);
    t['refId'] = refId;
    const original = targets[i];
    if (original) onTarget(original, json, refId);
  });
  return json;
}

/** Callback receiving each built target (the SDK object, before JSON) with its panel and refId. */
export type TargetVisitor = (target: object, panel: PanelJson, refId: string) => void;

/**
 * Lays out rows into the classic dashboard `panels` array.
 * @param rows - rows in display order
 * @param visit - called for every target, e.g. to index targets by query
 */
export function layoutRows(rows: readonly RowSpec[], visit: TargetVisitor = () => {}): PanelJson[] {
  const out: PanelJson[] = [];
  let nextId = 1;
  let y = 0;
  for (const row of rows) {
    const rowId = nextId++;
    const rowY = y;
    const { positions, nextY } = flow(row.panels, rowY + 1);
    const children = row.panels.map((spec, i) => panelJson(spec, nextId++, positions[i] as GridPos, visit));
    const rowPanel: PanelJson = {
      type: 'row',
      id: rowId,
      title: row.title,
      collapsed: row.collapsed === true,
      gridPos: { x: 0, y: rowY, w: GRID_COLUMNS, h: 1 },
      panels: row.collapsed ? children : [],
    };
    out.push(rowPanel);
    if (row.collapsed) {
      y = rowY + 1;
    } else {
      out.push(...children);
      y = nextY;
    }
  }
  return out;
}
