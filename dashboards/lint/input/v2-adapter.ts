/**
 * Adapts a Grafana v2 dashboard (what Grafana 12/13 write with dynamic dashboards:
 * `dashboard.grafana.app/v2alpha1` … `v2beta1`, `spec.elements` keyed by name, `spec.layout`, `spec.variables`)
 * into the classic view every rule already walks: panels in display order (rows and tabs as row
 * entries, each element where a layout item places it, then elements no item places), variables,
 * annotations, links, time settings. A pointer map keeps the file location of each part, so findings
 * point into the v2 file. The view is for reading only: `--fix` does not edit v2 files.
 */
import { asArray, asString, isObject, join } from '../model/json.js';
import type { JsonObject } from '../types.js';
import { PointerMap } from './pointer-map.js';
import { panelOf } from './v2-elements.js';
import { walkLayout, type V2Placement, type V2Problem, type V2Section } from './v2-layout.js';
import { annotationOf, variableOf } from './v2-variables.js';

/** A v2 dashboard seen as a classic one. */
export interface V2View {
  /** The classic view the rules read. */
  readonly body: JsonObject;
  /** View pointer → file pointer. */
  readonly pointers: PointerMap;
  /** Per panel of `body.panels`: the grid it is positioned in, or `undefined` (a row or tab, an AutoGridLayout item, an unplaced element). */
  readonly grids: readonly (number | undefined)[];
  /** The v2 `spec` and its pointer in the file. */
  readonly spec: JsonObject;
  readonly specPointer: string;
  /** Shape problems of the layout (items naming no element or a missing one, unknown layout kinds). */
  readonly problems: readonly V2Problem[];
  /** Elements no layout item places (Grafana never shows them), with their pointers. */
  readonly unplaced: readonly { readonly name: string; readonly pointer: string }[];
}

const CURSOR_SYNC: Readonly<Record<string, number>> = { Off: 0, Crosshair: 1, Tooltip: 2 };
const TOP_LEVEL = ['title', 'description', 'tags', 'editable', 'links', 'liveNow'];
const TIME_FIELDS: readonly (readonly [string, string])[] = [
  ['timezone', 'timezone'],
  ['refresh', 'autoRefresh'],
  ['weekStart', 'weekStart'],
  ['fiscalYearStartMonth', 'fiscalYearStartMonth'],
];

/**
 * Adapts one v2 spec.
 * @param spec - the v2 dashboard spec
 * @param specPointer - where it is in the file (`/spec` in a manifest)
 * @param uid - the dashboard's name (a manifest's `metadata.name`) and its pointer in the file
 */
export function adaptV2(spec: JsonObject, specPointer: string, uid?: { value: string; pointer: string }): V2View {
  const map = new PointerMap();
  map.set('', specPointer);
  const body: JsonObject = Object.fromEntries(TOP_LEVEL.filter((k) => k in spec).map((k) => [k, spec[k]]));
  if (uid) {
    body.uid = uid.value;
    map.set('/uid', uid.pointer);
  }
  Object.assign(body, timeFields(spec, specPointer, map));
  if (typeof spec.cursorSync === 'string' && spec.cursorSync in CURSOR_SYNC) {
    body.graphTooltip = CURSOR_SYNC[spec.cursorSync];
    map.set('/graphTooltip', join(specPointer, 'cursorSync'));
  }
  const layout = walkLayout(spec.layout, join(specPointer, 'layout'));
  const variables = asArray(spec.variables).map((variable, i) => ({ variable, pointer: join(specPointer, 'variables', i) }));
  for (const entry of layout.entries) if (entry.kind === 'section') variables.push(...entry.variables);
  body.templating = { list: variables.map((v, k) => variableOf(v.variable, v.pointer, join('/templating/list', k), map)) };
  map.set('/templating', join(specPointer, 'variables'));
  map.set('/templating/list', join(specPointer, 'variables'));
  body.annotations = { list: asArray(spec.annotations).map((a, i) => annotationOf(a, join(specPointer, 'annotations', i), join('/annotations/list', i), map)) };
  map.set('/annotations', join(specPointer, 'annotations'));
  map.set('/annotations/list', join(specPointer, 'annotations'));
  const { panels, grids, problems, unplaced } = panelsOf(spec, specPointer, layout.entries, map);
  body.panels = panels;
  map.set('/panels', join(specPointer, 'layout'));
  return { body, pointers: map, grids, spec, specPointer, problems: [...layout.problems, ...problems], unplaced };
}

function timeFields(spec: JsonObject, specPointer: string, map: PointerMap): JsonObject {
  if (!isObject(spec.timeSettings)) return {};
  const settings = spec.timeSettings;
  const at = join(specPointer, 'timeSettings');
  const out: JsonObject = {};
  map.set('/time', at);
  if ('from' in settings || 'to' in settings) out.time = { from: settings.from, to: settings.to };
  for (const [view, file] of TIME_FIELDS) {
    if (!(file in settings)) continue;
    out[view] = settings[file];
    map.set(join('', view), join(at, file));
  }
  return out;
}

function sectionPanel(section: V2Section, viewAt: string, map: PointerMap): JsonObject {
  map.set(viewAt, section.pointer);
  const panel: JsonObject = { type: 'row', collapsed: section.collapse, panels: [] };
  if (section.title !== undefined) panel.title = section.title;
  if (section.repeat) {
    panel.repeat = section.repeat.value;
    map.set(join(viewAt, 'repeat'), section.repeat.pointer);
  }
  return panel;
}

function panelsOf(spec: JsonObject, specPointer: string, entries: readonly (V2Section | V2Placement)[], map: PointerMap) {
  const elements = isObject(spec.elements) ? spec.elements : {};
  const elementsAt = join(specPointer, 'elements');
  const panels: JsonObject[] = [];
  const grids: (number | undefined)[] = [];
  const problems: V2Problem[] = [];
  const placed = new Set<string>();
  for (const entry of entries) {
    const viewAt = join('/panels', panels.length);
    if (entry.kind === 'section') {
      panels.push(sectionPanel(entry, viewAt, map));
      grids.push(undefined);
    } else if (Object.hasOwn(elements, entry.element)) {
      placed.add(entry.element);
      panels.push(panelOf(entry.element, elements[entry.element], join(elementsAt, entry.element), entry, viewAt, map));
      grids.push(entry.grid);
    } else {
      problems.push({
        pointer: join(entry.pointer, 'element', 'name'),
        message: `The layout item places the element "${entry.element}", which "elements" does not define, so Grafana shows nothing there.`,
        fix: `Add the element "${entry.element}" to "elements", or point the item at an existing one.`,
      });
    }
  }
  const unplaced = Object.keys(elements)
    .filter((name) => !placed.has(name))
    .map((name) => ({ name, pointer: join(elementsAt, name) }));
  for (const { name, pointer } of unplaced) {
    panels.push(panelOf(name, elements[name], pointer, undefined, join('/panels', panels.length), map));
    grids.push(undefined);
  }
  return { panels, grids, problems, unplaced };
}

/** True for a v2 dashboard body: elements and a layout (a v2 manifest's spec, or a bare v2 spec). */
export function isV2Spec(value: JsonObject): boolean {
  return 'elements' in value && 'layout' in value;
}

/** The `metadata.name` of a manifest, with its pointer. */
export function manifestUid(root: JsonObject): { value: string; pointer: string } | undefined {
  const name = isObject(root.metadata) ? asString(root.metadata.name) : undefined;
  return name === undefined ? undefined : { value: name, pointer: '/metadata/name' };
}
