/**
 * Turns one v2 dashboard element (a Panel or a LibraryPanel of `spec.elements`) into the classic panel
 * the rules read: `type` from the VizConfig, `options`/`fieldConfig`, `targets` from the query group
 * (the DataQuery's fields with `refId`, `datasource` and `hide`), the query options, and `gridPos` and
 * `repeat` from the layout item that places it. Both v2 spellings are read: v2alpha1 (the plugin or
 * datasource type is the `kind`, the datasource ref sits beside the query) and v2beta1 (`kind` is
 * `VizConfig`/`DataQuery`, the type is the `group`, the datasource uid is `datasource.name`).
 * Every field is recorded in the pointer map with its place in the file.
 */
import { asArray, asString, isObject, join } from '../model/json.js';
import type { JsonObject } from '../types.js';
import type { PointerMap } from './pointer-map.js';
import type { V2Placement } from './v2-layout.js';

/** The plugin or datasource type of a v2 Kind, and the pointer of the field that names it. */
export function kindType(node: JsonObject, at: string, wrapper: string): { type: string | undefined; pointer: string } {
  if (node.kind === wrapper) return { type: asString(node.group), pointer: join(at, 'group') };
  return { type: asString(node.kind), pointer: join(at, 'kind') };
}

/** A v2 query's datasource as a classic `{ type, uid }` reference, and where it is. */
export function queryDatasource(query: JsonObject, queryAt: string, beside: unknown, besideAt: string): { ref: JsonObject; pointer: string; uidPointer: string } {
  const { type, pointer: typeAt } = kindType(query, queryAt, 'DataQuery');
  if (isObject(beside)) {
    return { ref: { ...(type === undefined ? {} : { type }), ...beside }, pointer: besideAt, uidPointer: join(besideAt, 'uid') };
  }
  const named = isObject(query.datasource) ? asString(query.datasource.name) : undefined;
  const ref: JsonObject = { ...(type === undefined ? {} : { type }), ...(named === undefined ? {} : { uid: named }) };
  const pointer = named === undefined ? typeAt : join(queryAt, 'datasource');
  return { ref, pointer, uidPointer: join(queryAt, 'datasource', 'name') };
}

const QUERY_OPTIONS = ['interval', 'maxDataPoints', 'timeFrom', 'timeShift', 'hideTimeOverride', 'cacheTimeout', 'queryCachingTTL'];

function targetsOf(data: JsonObject, dataAt: string, viewAt: string, map: PointerMap): JsonObject[] {
  const queriesAt = join(dataAt, 'spec', 'queries');
  map.set(join(viewAt, 'targets'), queriesAt);
  const spec = isObject(data.spec) ? data.spec : {};
  return asArray(spec.queries).flatMap((q, j): JsonObject[] => {
    const qAt = join(queriesAt, j, 'spec');
    const qSpec = isObject(q) && isObject(q.spec) ? q.spec : undefined;
    const query = qSpec && isObject(qSpec.query) ? qSpec.query : undefined;
    if (!qSpec || !query) return [];
    const queryAt = join(qAt, 'query');
    const fields = isObject(query.spec) ? query.spec : {};
    const tAt = join(viewAt, 'targets', j);
    const ds = queryDatasource(query, queryAt, qSpec.datasource, join(qAt, 'datasource'));
    map.set(tAt, join(queryAt, 'spec'));
    map.set(join(tAt, 'refId'), join(qAt, 'refId'));
    map.set(join(tAt, 'hide'), join(qAt, 'hidden'));
    map.set(join(tAt, 'datasource'), ds.pointer);
    map.set(join(tAt, 'datasource', 'uid'), ds.uidPointer);
    const refId = asString(qSpec.refId);
    return [{ ...fields, ...(refId ? { refId } : {}), datasource: ds.ref, ...(qSpec.hidden === true ? { hide: true } : {}) }];
  });
}

/** The classic panel fields of a `Panel` element's spec (at `specAt`), recorded in `map` under `viewAt`. */
function panelFields(spec: JsonObject, specAt: string, viewAt: string, map: PointerMap): JsonObject {
  const viz = isObject(spec.vizConfig) ? spec.vizConfig : {};
  const vizAt = join(specAt, 'vizConfig');
  const vizSpec = isObject(viz.spec) ? viz.spec : {};
  const { type, pointer: typeAt } = kindType(viz, vizAt, 'VizConfig');
  map.set(join(viewAt, 'type'), typeAt);
  map.set(join(viewAt, 'options'), join(vizAt, 'spec', 'options'));
  map.set(join(viewAt, 'fieldConfig'), join(vizAt, 'spec', 'fieldConfig'));
  const data = isObject(spec.data) ? spec.data : {};
  const dataAt = join(specAt, 'data');
  const dataSpec = isObject(data.spec) ? data.spec : {};
  const queryOptions = isObject(dataSpec.queryOptions) ? dataSpec.queryOptions : {};
  map.setKeys(viewAt, join(dataAt, 'spec', 'queryOptions'), QUERY_OPTIONS);
  const transformations = asArray(dataSpec.transformations).map((t, k) => {
    map.set(join(viewAt, 'transformations', k), join(dataAt, 'spec', 'transformations', k, 'spec'));
    return isObject(t) && isObject(t.spec) ? t.spec : t;
  });
  map.set(join(viewAt, 'transformations'), join(dataAt, 'spec', 'transformations'));
  const copied = Object.fromEntries(QUERY_OPTIONS.filter((k) => k in queryOptions).map((k) => [k, queryOptions[k]]));
  return {
    ...(type === undefined ? {} : { type }),
    ...('options' in vizSpec ? { options: vizSpec.options } : {}),
    ...('fieldConfig' in vizSpec ? { fieldConfig: vizSpec.fieldConfig } : {}),
    targets: targetsOf(data, dataAt, viewAt, map),
    ...(transformations.length > 0 ? { transformations } : {}),
    ...copied,
  };
}

const SHARED_FIELDS = ['id', 'title', 'description', 'links', 'transparent'];

/**
 * The classic panel of one element, placed where `placement` puts it (`undefined` for an element no
 * layout item places). `viewAt` is the panel's pointer in the classic view.
 */
export function panelOf(name: string, element: unknown, elementAt: string, placement: V2Placement | undefined, viewAt: string, map: PointerMap): JsonObject {
  map.set(viewAt, elementAt);
  const spec = isObject(element) && isObject(element.spec) ? element.spec : {};
  const specAt = join(elementAt, 'spec');
  map.setKeys(viewAt, specAt, SHARED_FIELDS);
  const shared = Object.fromEntries(SHARED_FIELDS.filter((k) => k in spec).map((k) => [k, spec[k]]));
  let fields: JsonObject;
  if (isObject(element) && element.kind === 'LibraryPanel') {
    map.set(join(viewAt, 'libraryPanel'), join(specAt, 'libraryPanel'));
    fields = { libraryPanel: isObject(spec.libraryPanel) ? spec.libraryPanel : { name } };
  } else fields = panelFields(spec, specAt, viewAt, map);
  return { ...shared, ...fields, ...placed(placement, viewAt, map) };
}

const GRID_FIELDS: readonly (readonly [string, string])[] = [['x', 'x'], ['y', 'y'], ['w', 'width'], ['h', 'height']];

function placed(placement: V2Placement | undefined, viewAt: string, map: PointerMap): JsonObject {
  if (!placement) return {};
  const out: JsonObject = {};
  if (placement.rect) {
    const gridAt = join(viewAt, 'gridPos');
    map.set(gridAt, placement.pointer);
    for (const [view, file] of GRID_FIELDS) map.set(join(gridAt, view), join(placement.pointer, file));
    out.gridPos = placement.rect;
  }
  if (placement.repeat) {
    map.set(join(viewAt, 'repeat'), placement.repeat.pointer);
    out.repeat = placement.repeat.value;
    if (placement.repeat.direction) out.repeatDirection = placement.repeat.direction;
    if (placement.repeat.maxPerRow !== undefined) out.maxPerRow = placement.repeat.maxPerRow;
  }
  return out;
}
