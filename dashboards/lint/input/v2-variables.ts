/**
 * Turns v2 variables (`spec.variables`, and the variables a v2beta1 row or tab declares) and annotation
 * queries into the classic `templating.list` and `annotations.list` entries the rules read: the variable
 * kind becomes `type`, the enum spellings of `refresh` and `hide` become Grafana's numbers, a query
 * variable's DataQuery becomes `query` and `datasource`, a datasource variable's `pluginId` its `query`.
 * Every field is recorded in the pointer map with its place in the file.
 */
import { isObject, join } from '../model/json.js';
import type { JsonObject } from '../types.js';
import type { PointerMap } from './pointer-map.js';
import { queryDatasource } from './v2-elements.js';

/** v2 variable kinds and the classic `type` each stands for. */
export const V2_VARIABLE_TYPES: Readonly<Record<string, string>> = {
  QueryVariable: 'query',
  CustomVariable: 'custom',
  DatasourceVariable: 'datasource',
  IntervalVariable: 'interval',
  TextVariable: 'textbox',
  ConstantVariable: 'constant',
  GroupByVariable: 'groupby',
  AdhocVariable: 'adhoc',
  SwitchVariable: 'switch',
};

const REFRESH: Readonly<Record<string, number>> = { never: 0, onDashboardLoad: 1, onTimeRangeChanged: 2 };
const HIDE: Readonly<Record<string, number>> = { dontHide: 0, hideLabel: 1, hideVariable: 2, inControlsMenu: 3 };

function enumNumber(value: unknown, table: Readonly<Record<string, number>>): unknown {
  return typeof value === 'string' && value in table ? table[value] : value;
}

/** The classic variable of one v2 variable at `at`, recorded in `map` under `viewAt`. */
export function variableOf(variable: unknown, at: string, viewAt: string, map: PointerMap): JsonObject {
  const node = isObject(variable) ? variable : {};
  const spec = isObject(node.spec) ? node.spec : {};
  const specAt = join(at, 'spec');
  map.set(viewAt, specAt);
  map.set(join(viewAt, 'type'), join(at, 'kind'));
  const kind = typeof node.kind === 'string' ? node.kind : '';
  const out: JsonObject = { ...spec, type: V2_VARIABLE_TYPES[kind] ?? kind };
  if ('refresh' in spec) out.refresh = enumNumber(spec.refresh, REFRESH);
  if ('hide' in spec) out.hide = enumNumber(spec.hide, HIDE);
  if (kind === 'DatasourceVariable') {
    out.query = spec.pluginId;
    map.set(join(viewAt, 'query'), join(specAt, 'pluginId'));
  } else if (kind === 'QueryVariable' && isObject(spec.query)) {
    const queryAt = join(specAt, 'query');
    const fields = isObject(spec.query.spec) ? spec.query.spec : {};
    out.query = fields;
    map.set(join(viewAt, 'query'), join(queryAt, 'spec'));
    const ds = queryDatasource(spec.query, queryAt, spec.datasource, join(specAt, 'datasource'));
    out.datasource = ds.ref;
    map.set(join(viewAt, 'datasource'), ds.pointer);
    map.set(join(viewAt, 'datasource', 'uid'), ds.uidPointer);
  } else if (kind === 'GroupByVariable' || kind === 'AdhocVariable') {
    const ds = isObject(spec.datasource)
      ? { ref: spec.datasource, pointer: join(specAt, 'datasource') }
      : { ref: { type: node.group, ...(isObject(node.datasource) && typeof node.datasource.name === 'string' ? { uid: node.datasource.name } : {}) }, pointer: join(at, 'group') };
    out.datasource = ds.ref;
    map.set(join(viewAt, 'datasource'), ds.pointer);
  }
  return out;
}

/** The classic annotation of one v2 AnnotationQuery at `at`, recorded in `map` under `viewAt`. */
export function annotationOf(annotation: unknown, at: string, viewAt: string, map: PointerMap): JsonObject {
  const spec = isObject(annotation) && isObject(annotation.spec) ? annotation.spec : {};
  const specAt = join(at, 'spec');
  map.set(viewAt, specAt);
  const legacy = isObject(spec.legacyOptions) ? spec.legacyOptions : {};
  map.setKeys(viewAt, join(specAt, 'legacyOptions'), Object.keys(legacy));
  const { query: _query, legacyOptions: _legacy, datasource: _ds, ...own } = spec;
  const out: JsonObject = { ...legacy, ...own };
  if (isObject(spec.query)) {
    const queryAt = join(specAt, 'query');
    const fields = isObject(spec.query.spec) ? spec.query.spec : {};
    map.setKeys(viewAt, join(queryAt, 'spec'), Object.keys(fields));
    Object.assign(out, fields);
    const ds = queryDatasource(spec.query, queryAt, spec.datasource, join(specAt, 'datasource'));
    out.datasource = ds.ref;
    map.set(join(viewAt, 'datasource'), ds.pointer);
  } else if (isObject(spec.datasource)) {
    out.datasource = spec.datasource;
    map.set(join(viewAt, 'datasource'), join(specAt, 'datasource'));
  }
  if (typeof spec.builtIn === 'boolean') out.builtIn = spec.builtIn ? 1 : 0;
  return out;
}
