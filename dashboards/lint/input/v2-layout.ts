/**
 * Walks the layout tree of a Grafana v2 dashboard (`spec.layout`: GridLayout, RowsLayout, TabsLayout,
 * AutoGridLayout, nested in any order) into a flat list in display order: the sections (rows and tabs)
 * and the element placements, each with its pointer in the file. Each GridLayout is its own grid (its
 * items' x/y/width/height are relative to it); AutoGridLayout items have no position (Grafana places
 * them). Field names follow the v2 schema (grafana/grafana apps/dashboard/kinds/v2alpha1 and v2beta1
 * `dashboard_spec.cue`). Shape problems are collected for the `dashboard-v2-structure` rule, never thrown.
 */
import { asArray, asNumber, asString, isObject, join } from '../model/json.js';
import type { JsonObject } from '../types.js';

/** A repeat by variable, and where its `value` is. */
export interface V2Repeat {
  readonly value: string;
  readonly pointer: string;
  readonly direction?: string;
  readonly maxPerRow?: number;
}

/** A row (RowsLayoutRow) or tab (TabsLayoutTab). */
export interface V2Section {
  readonly kind: 'section';
  /** The pointer of the row's or tab's `spec`. */
  readonly pointer: string;
  readonly title: string | undefined;
  readonly collapse: boolean;
  readonly repeat: V2Repeat | undefined;
  /** Variables a v2beta1 row or tab declares for its own contents. */
  readonly variables: readonly { readonly variable: unknown; readonly pointer: string }[];
}

/** One element placed by a layout item. */
export interface V2Placement {
  readonly kind: 'placement';
  readonly element: string;
  /** The pointer of the layout item's `spec`. */
  readonly pointer: string;
  /** The grid this item is positioned in (one per GridLayout); `undefined` for an AutoGridLayout item. */
  readonly grid: number | undefined;
  readonly rect: { readonly x: unknown; readonly y: unknown; readonly w: unknown; readonly h: unknown } | undefined;
  readonly repeat: V2Repeat | undefined;
}

/** A shape problem of the layout tree. */
export interface V2Problem {
  readonly pointer: string;
  readonly message: string;
  readonly fix: string;
}

/** The walked layout. */
export interface V2Layout {
  readonly entries: readonly (V2Section | V2Placement)[];
  readonly problems: readonly V2Problem[];
}

const CHILD_LAYOUTS = ['GridLayout', 'RowsLayout', 'TabsLayout', 'AutoGridLayout'];

/** Walks `layout` (found at `pointer`) depth first. */
export function walkLayout(layout: unknown, pointer: string): V2Layout {
  const entries: (V2Section | V2Placement)[] = [];
  const problems: V2Problem[] = [];
  let grids = 0;
  const visit = (node: unknown, at: string, depth: number): void => {
    if (depth > 32) return;
    if (!isObject(node) || !CHILD_LAYOUTS.includes(asString(node.kind) ?? '')) {
      problems.push({
        pointer: isObject(node) && 'kind' in node ? join(at, 'kind') : at,
        message: `The layout is ${isObject(node) ? `of kind ${JSON.stringify(node.kind ?? null)}` : 'not an object'}; Grafana knows ${CHILD_LAYOUTS.join(', ')} only, so nothing in it is shown.`,
        fix: 'Give the layout one of the four kinds with its "spec", or export the dashboard again from Grafana.',
      });
      return;
    }
    const spec = isObject(node.spec) ? node.spec : {};
    const specAt = join(at, 'spec');
    if (node.kind === 'GridLayout' || node.kind === 'AutoGridLayout') {
      const grid = node.kind === 'GridLayout' ? grids++ : undefined;
      asArray(spec.items).forEach((item, i) => placeItem(item, join(specAt, 'items', i), grid, entries, problems));
      return;
    }
    const rows = node.kind === 'RowsLayout';
    asArray(rows ? spec.rows : spec.tabs).forEach((child, i) => {
      const childAt = join(specAt, rows ? 'rows' : 'tabs', i);
      const childSpec = isObject(child) && isObject(child.spec) ? child.spec : {};
      const sectionAt = join(childAt, 'spec');
      entries.push({
        kind: 'section',
        pointer: sectionAt,
        title: asString(childSpec.title),
        collapse: childSpec.collapse === true,
        repeat: repeatOf(childSpec.repeat, join(sectionAt, 'repeat')),
        variables: asArray(childSpec.variables).map((variable, j) => ({ variable, pointer: join(sectionAt, 'variables', j) })),
      });
      visit(childSpec.layout, join(sectionAt, 'layout'), depth + 1);
    });
  };
  visit(layout, pointer, 0);
  return { entries, problems };
}

function placeItem(item: unknown, at: string, grid: number | undefined, entries: (V2Section | V2Placement)[], problems: V2Problem[]): void {
  const spec = isObject(item) && isObject(item.spec) ? item.spec : undefined;
  const specAt = join(at, 'spec');
  const element = spec && isObject(spec.element) ? asString(spec.element.name) : undefined;
  if (!spec || element === undefined) {
    problems.push({
      pointer: spec ? join(specAt, 'element') : at,
      message: 'The layout item names no element ("spec.element.name"), so it shows nothing.',
      fix: 'Point the item at a key of "elements" with { "kind": "ElementReference", "name": "<key>" }.',
    });
    return;
  }
  const rect = grid === undefined ? undefined : { x: spec.x, y: spec.y, w: spec.width, h: spec.height };
  entries.push({ kind: 'placement', element, pointer: specAt, grid, rect, repeat: repeatOf(spec.repeat, join(specAt, 'repeat')) });
}

function repeatOf(value: unknown, pointer: string): V2Repeat | undefined {
  if (!isObject(value)) return undefined;
  const variable = asString(value.value);
  if (variable === undefined || variable === '') return undefined;
  return { value: variable, pointer: join(pointer, 'value'), direction: asString(value.direction), maxPerRow: asNumber(value.maxPerRow) };
}

/** The element spec of a v2 element, when it has one. */
export function elementSpec(element: unknown): JsonObject | undefined {
  return isObject(element) && isObject(element.spec) ? element.spec : undefined;
}
