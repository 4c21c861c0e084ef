/**
 * Validates a classic Grafana dashboard against the JSON Schemas derived from the foundation SDK's types
 * (generated/, see scripts/generate-schema.ts). Used by the build on every emitted dashboard and by the
 * linter's schema rules, so it is compiled once and kept fast.
 *
 * Two things make the errors readable rather than a wall of ajv output:
 * - panels are dispatched on `type === 'row'` instead of through the schema's `Panel | RowPanel` union, so a
 *   bad panel gives its own errors, not both branches' errors plus an `anyOf` line;
 * - any other union that fails (value mappings, table cell options) is narrowed to the branch whose `const`
 *   properties (its `type`) match the data, and only that branch's errors are reported.
 * Panel `options` and `fieldConfig.defaults.custom` are validated against the panel plugin's own schema,
 * which the dashboard schema leaves open.
 *
 * Pass plain JSON: builder output must go through `JSON.parse(JSON.stringify(...))` first, as Grafana
 * would store it (properties set to `undefined` would otherwise be reported as wrong types).
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { closestMatch } from './closest-match.js';
import * as precompiled from './generated/validators.js';
import { AJV_OPTIONS, registerSchemas } from './schema-set.js';
import dashboardSchema from './generated/dashboard.json' with { type: 'json' };
import panelTypes from './generated/panel-types.json' with { type: 'json' };
import bargauge from './generated/bargauge.json' with { type: 'json' };
import gauge from './generated/gauge.json' with { type: 'json' };
import logs from './generated/logs.json' with { type: 'json' };
import piechart from './generated/piechart.json' with { type: 'json' };
import stat from './generated/stat.json' with { type: 'json' };
import statetimeline from './generated/statetimeline.json' with { type: 'json' };
import table from './generated/table.json' with { type: 'json' };
import text from './generated/text.json' with { type: 'json' };
import timeseries from './generated/timeseries.json' with { type: 'json' };

/** One schema violation. */
export interface SchemaIssue {
  /** JSON Pointer (RFC 6901) to the offending value, relative to the dashboard body. */
  readonly pointer: string;
  readonly message: string;
  /** The JSON Schema keyword that failed (`required`, `additionalProperties`, `type`, `enum`, ...). */
  readonly keyword: string;
  /** Which schema found it: `dashboard`, or the panel plugin (`timeseries.Options`, `table.FieldConfig`). */
  readonly schema: string;
}

type Json = { [key: string]: unknown };

/** Per-plugin schemas we generate, keyed by SDK module name. */
const PANEL_SCHEMAS: Readonly<Record<string, Json>> = {
  bargauge,
  gauge,
  logs,
  piechart,
  stat,
  statetimeline,
  table,
  text,
  timeseries,
};

/** Panel plugin id (`state-timeline`) → SDK module (`statetimeline`), for every panel the SDK knows. */
export const PANEL_TYPE_MODULES: Readonly<Record<string, string>> = panelTypes;

/** Panel plugin ids whose `options` (and custom field config) this validator checks. */
export const VALIDATED_PANEL_TYPES: readonly string[] = Object.keys(PANEL_TYPE_MODULES).filter(
  (type) => PANEL_TYPE_MODULES[type] !== undefined && PANEL_SCHEMAS[PANEL_TYPE_MODULES[type] as string] !== undefined,
);

/** A schema registered with ajv, with an index from each subschema object to its JSON Pointer. */
interface RegisteredSchema {
  readonly id: string;
  readonly root: Json;
  readonly pointers: Map<object, string>;
}

interface Validators {
  readonly ajv: Ajv;
  readonly schemas: Map<string, RegisteredSchema>;
  readonly dashboard: ValidateFunction;
  readonly panel: ValidateFunction;
  readonly row: ValidateFunction;
  readonly options: Map<string, { options: ValidateFunction; custom: ValidateFunction | undefined }>;
}

let cached: Validators | undefined;

function indexPointers(node: unknown, pointer: string, into: Map<object, string>): void {
  if (node === null || typeof node !== 'object') return;
  into.set(node, pointer);
  for (const [key, value] of Object.entries(node)) {
    indexPointers(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, into);
  }
}

function compile(): Validators {
  // ajv is loaded here rather than imported: valid dashboards never need it (the precompiled check
  // accepts them), and importing it cost every build's start-up ~70 modules (about 0.1 s under tsx).
  const ajvModule = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  // strict: our generated schemas must be clean draft-07 (no unknown keywords, no ignored formats).
  // Union types (`"type": ["boolean", "number"]`, TS `boolean | number`) are plain draft-07, so allowed.
  const ajv = new ajvModule.Ajv({ ...AJV_OPTIONS, allErrors: true, verbose: true });
  registerSchemas(ajv, dashboardSchema as Json, PANEL_SCHEMAS);
  const schemas = new Map<string, RegisteredSchema>();
  for (const id of ['dashboard', ...Object.keys(PANEL_SCHEMAS)]) {
    // The registered (possibly rewritten) schema object, so pointers index what ajv reports against.
    const root = ajv.getSchema(id)?.schema as Json;
    const pointers = new Map<object, string>();
    indexPointers(root, '', pointers);
    schemas.set(id, { id, root, pointers });
  }

  const get = (ref: string): ValidateFunction => {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`Schema ${ref} is missing.`);
    return fn;
  };
  const options = new Map<string, { options: ValidateFunction; custom: ValidateFunction | undefined }>();
  for (const [module, schema] of Object.entries(PANEL_SCHEMAS)) {
    const definitions = schema.definitions as Json;
    options.set(module, {
      options: get(`${module}#/definitions/Options`),
      custom: definitions.FieldConfig ? get(`${module}#/definitions/FieldConfig`) : undefined,
    });
  }
  return {
    ajv,
    schemas,
    dashboard: get('dashboard'),
    panel: get('dashboard#/definitions/Panel'),
    row: get('dashboard#/definitions/RowPanel'),
    options,
  };
}

/** The compiled validators (compiled on first use, then cached for the process). */
function validators(): Validators {
  cached ??= compile();
  return cached;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A readable message for one ajv error, with a "did you mean" where a name or value is close to a valid one. */
function describe(error: ErrorObject): { pointer: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { pointer: error.instancePath, message: `missing required property "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as Json | undefined) ?? {});
      const suggestion = closestMatch(name, known);
      return {
        pointer: `${error.instancePath}/${escapeSegment(name)}`,
        message: `unknown property "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      };
    }
    case 'type':
      return { pointer: error.instancePath, message: `must be ${String(params.type).replace(',', ' or ')} (got ${jsonType(error.data)})` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const suggestion = typeof error.data === 'string' ? closestMatch(error.data, allowed.map(String)) : undefined;
      return {
        pointer: error.instancePath,
        message: `must be one of ${allowed.map(show).join(', ')} (got ${show(error.data)})${suggestion ? `; did you mean ${show(suggestion)}?` : ''}`,
      };
    }
    case 'const':
      return { pointer: error.instancePath, message: `must be ${show(params.allowedValue)} (got ${show(error.data)})` };
    default:
      return { pointer: error.instancePath, message: `${error.message ?? 'is invalid'} (got ${show(error.data)})` };
  }
}

/** The `const` values a union branch requires, e.g. `{ type: "value" }` for a value mapping. */
function constProperties(branch: Json): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const properties = branch.properties;
  if (!isObject(properties)) return out;
  for (const [name, property] of Object.entries(properties)) {
    if (isObject(property) && 'const' in property) out.set(name, property.const);
  }
  return out;
}

/** Follows a local `$ref` within the schema the branch belongs to. */
function resolveBranch(branch: unknown, schema: RegisteredSchema): { node: Json; pointer: string } | undefined {
  if (!isObject(branch)) return undefined;
  if (typeof branch.$ref === 'string' && branch.$ref.startsWith('#')) {
    const pointer = branch.$ref.slice(1);
    let node: unknown = schema.root;
    for (const segment of pointer.split('/').slice(1)) {
      node = isObject(node) ? node[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return isObject(node) ? { node, pointer } : undefined;
  }
  const pointer = schema.pointers.get(branch);
  return pointer === undefined ? undefined : { node: branch, pointer };
}

/**
 * Turns ajv's errors into issues. A failed `anyOf` replaces the errors of all its branches: when the data
 * names a branch through its `const` properties, that branch's own errors are reported; otherwise one
 * message lists what was expected.
 */
function collect(
  validate: ValidateFunction,
  data: unknown,
  base: string,
  schema: RegisteredSchema,
  label: string,
  out: SchemaIssue[],
  depth = 0,
): void {
  if (validate(data)) return;
  const errors = validate.errors ?? [];
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const insideUnion = (e: ErrorObject) =>
    unions.some((u) => u !== e && (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`)));
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      reportUnion(error, base, schema, label, out, depth);
      continue;
    }
    if (insideUnion(error)) continue;
    const { pointer, message } = describe(error);
    out.push({ pointer: base + pointer, message, keyword: error.keyword, schema: label });
  }
}

function reportUnion(error: ErrorObject, base: string, schema: RegisteredSchema, label: string, out: SchemaIssue[], depth: number): void {
  const branches = ((error.schema as unknown[]) ?? []).map((b) => resolveBranch(b, schema)).filter((b) => b !== undefined);
  const data = error.data;
  if (isObject(data) && depth < 8) {
    const matching = branches.filter((b) => {
      const consts = constProperties(b.node);
      return consts.size > 0 && [...consts].every(([name, value]) => data[name] === value);
    });
    if (matching.length === 1) {
      const branch = matching[0] as { node: Json; pointer: string };
      const fn = validators().ajv.getSchema(`${schema.id}#${branch.pointer}`);
      if (fn) {
        collect(fn, data, base + error.instancePath, schema, label, out, depth + 1);
        return;
      }
    }
    const tags = branches
      .map((b) => [...constProperties(b.node)].map(([name, value]) => `${name}: ${show(value)}`).join(', '))
      .filter((t) => t.length > 0);
    if (tags.length > 0) {
      out.push({
        pointer: base + error.instancePath,
        message: `matches none of the allowed kinds (${tags.join(' | ')}); got ${show(data)}`,
        keyword: error.keyword,
        schema: label,
      });
      return;
    }
  }
  const types = branches.map((b) => (typeof b.node.type === 'string' ? b.node.type : 'object')).filter((t, i, all) => all.indexOf(t) === i);
  out.push({ pointer: base + error.instancePath, message: `must be ${types.join(' or ')} (got ${jsonType(data)})`, keyword: error.keyword, schema: label });
}

/** Validates one panel (not a row): the panel itself, then its options and custom field config. */
function validatePanel(panel: unknown, pointer: string, v: Validators, out: SchemaIssue[]): void {
  const dashboard = v.schemas.get('dashboard') as RegisteredSchema;
  collect(v.panel, panel, pointer, dashboard, 'dashboard', out);
  if (!isObject(panel) || typeof panel.type !== 'string') return;
  const module = PANEL_TYPE_MODULES[panel.type];
  const plugin = module === undefined ? undefined : v.options.get(module);
  if (!module || !plugin) return;
  const pluginSchema = v.schemas.get(module) as RegisteredSchema;
  if (panel.options !== undefined) {
    collect(plugin.options, panel.options, `${pointer}/options`, pluginSchema, `${module}.Options`, out);
  }
  const defaults = isObject(panel.fieldConfig) ? panel.fieldConfig.defaults : undefined;
  if (plugin.custom && isObject(defaults) && defaults.custom !== undefined) {
    collect(plugin.custom, defaults.custom, `${pointer}/fieldConfig/defaults/custom`, pluginSchema, `${module}.FieldConfig`, out);
  }
}

/**
 * Validates a classic dashboard body (not a manifest: pass `spec`) against the derived Grafana schema,
 * including each panel's `options` and `fieldConfig.defaults.custom` against its plugin's schema.
 * @returns the violations, in document order; empty when the dashboard is valid
 */
export function validateDashboard(json: unknown): SchemaIssue[] {
  if (isValidFast(json)) return [];
  const v = validators();
  const out: SchemaIssue[] = [];
  const dashboard = v.schemas.get('dashboard') as RegisteredSchema;
  collect(v.dashboard, json, '', dashboard, 'dashboard', out);
  if (!isObject(json) || !Array.isArray(json.panels)) return out;
  json.panels.forEach((panel: unknown, i: number) => {
    const pointer = `/panels/${i}`;
    if (isObject(panel) && panel.type === 'row') {
      collect(v.row, panel, pointer, dashboard, 'dashboard', out);
      if (Array.isArray(panel.panels)) {
        panel.panels.forEach((child: unknown, j: number) => validatePanel(child, `${pointer}/panels/${j}`, v, out));
      }
    } else {
      validatePanel(panel, pointer, v, out);
    }
  });
  return out;
}

type FastValidator = (data: unknown) => boolean;
const FAST = precompiled as unknown as Readonly<Record<string, FastValidator | undefined>>;

function panelIsValidFast(panel: unknown): boolean {
  if (!FAST.panel?.(panel)) return false;
  if (!isObject(panel) || typeof panel.type !== 'string') return true;
  const module = PANEL_TYPE_MODULES[panel.type];
  if (!module || !PANEL_SCHEMAS[module]) return true;
  if (panel.options !== undefined && !FAST[`${module}Options`]?.(panel.options)) return false;
  const defaults = isObject(panel.fieldConfig) ? panel.fieldConfig.defaults : undefined;
  const custom = FAST[`${module}FieldConfig`];
  return !(custom && isObject(defaults) && defaults.custom !== undefined && !custom(defaults.custom));
}

/**
 * The precompiled yes/no check (generated/validators.ts): the same schemas, checked without compiling
 * them. Valid dashboards, the common case, stop here; anything else goes through the full validator for
 * readable issues.
 */
function isValidFast(json: unknown): boolean {
  if (!FAST.dashboard?.(json) || !isObject(json) || !Array.isArray(json.panels)) return false;
  return json.panels.every((panel: unknown) => {
    if (isObject(panel) && panel.type === 'row') {
      return FAST.row?.(panel) === true && (!Array.isArray(panel.panels) || panel.panels.every(panelIsValidFast));
    }
    return panelIsValidFast(panel);
  });
}

/** Compiles the validators now (they compile lazily otherwise), e.g. before timing a run. */
export function warmUpValidator(): void {
  validators();
}
