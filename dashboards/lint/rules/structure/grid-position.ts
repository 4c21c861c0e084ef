/** Reading a panel's gridPos defensively. */
import { isObject } from '../../model/json.js';
import type { JsonObject } from '../../types.js';

/** A panel's rectangle on Grafana's 24-column grid. */
export interface GridRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The panel's gridPos when all four values are finite numbers, else `undefined`. */
export function gridRect(panel: JsonObject): GridRect | undefined {
  const pos = panel.gridPos;
  if (!isObject(pos)) return undefined;
  const { x, y, w, h } = pos;
  if ([x, y, w, h].every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return { x: x as number, y: y as number, w: w as number, h: h as number };
  }
  return undefined;
}

/** Grafana's grid width. */
export const GRID_COLUMNS = 24;
