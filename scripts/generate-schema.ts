/**
 * `npm run generate:schema`: derives the JSON Schemas that every dashboard is validated against from the
 * installed @grafana/grafana-foundation-sdk's TypeScript types, with ts-json-schema-generator, and writes
 * them to dashboards/schema/generated/ (committed; a test checks that regenerating gives the same bytes).
 *
 * - `dashboard.json`: the classic dashboard body (`dashboard.Dashboard`).
 * - `<panel>.json`: `definitions.Options` and, where the plugin has one, `definitions.FieldConfig`
 *   (the `fieldConfig.defaults.custom` object) for each panel plugin we validate.
 * - `panel-types.json`: every panel plugin id the SDK has a builder for, mapped to its SDK module.
 *
 * Run with `--check` to only compare with the committed files (exit 1 on drift).
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, fastValidatorRefs, registerSchemas } from '../dashboards/schema/schema-set.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { runIfMain, type CliIO } from './lib/cli-kit.js';
import {
  createFormatter,
  createParser,
  createProgram,
  DEFAULT_CONFIG,
  SchemaGenerator,
  type CompletedConfig,
  type Config,
} from 'ts-json-schema-generator';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the generated schemas are committed. */
export const GENERATED_DIR = path.join(REPO_ROOT, 'dashboards/schema/generated');

/** SDK modules whose panel `Options` (and `FieldConfig`, when exported) are generated, keyed by SDK module. */
export const PANEL_MODULES = [
  'stat',
  'timeseries',
  'bargauge',
  'piechart',
  'table',
  'gauge',
  'text',
  'logs',
  'statetimeline',
] as const;

type JsonObject = { [key: string]: unknown };

/** The installed SDK's dist folder (resolved through Node, so it follows the installed version). */
function sdkDist(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(path.dirname(require.resolve('@grafana/grafana-foundation-sdk/dashboard')));
}

/** Finds the exported interface or type alias `name` declared at the top level of `file`. */
function findDeclaration(program: ts.Program, file: string, name: string): ts.Node | undefined {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`The SDK file ${file} is not part of the program.`);
  return source.statements.find(
    (s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
      (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name,
  );
}

/** Sorts `definitions` by name so that the files diff well and never depend on traversal order. */
function sortDefinitions(schema: JsonObject): JsonObject {
  const definitions = (schema.definitions ?? {}) as JsonObject;
  const sorted: JsonObject = {};
  for (const key of Object.keys(definitions).sort()) sorted[key] = definitions[key];
  return { ...schema, definitions: sorted };
}

/**
 * The only hand edits, each fixing a documented mismatch between the SDK's TypeScript and what Grafana
 * accepts. Anything else that looks wrong must be fixed by changing how we generate, not here.
 */
function patchDashboardSchema(schema: JsonObject): JsonObject {
  const definitions = schema.definitions as Record<string, JsonObject>;
  const def = (name: string): JsonObject => {
    const found = definitions[name];
    if (!found) throw new Error(`The generated dashboard schema has no definition ${name}; the SDK changed, review the patches.`);
    return found;
  };
  const props = (name: string): Record<string, unknown> => def(name).properties as Record<string, unknown>;

  // cog's `Dataquery` is a marker interface whose only member is the method `_implementsDataqueryVariant`;
  // the generator drops the method and closes the object, which would reject every real target. Targets
  // are datasource-specific (Prometheus, Loki, ...), so the published SDK schemas leave them open too.
  definitions.Dataquery = {
    type: 'object',
    description: 'A panel query; its fields depend on the datasource plugin, so any object is accepted here.',
  };
  // A known quirk: `MatcherConfig.options` and `DynamicConfigValue.value` are `any` in the SDK
  // and Grafana accepts any JSON value there (a field name string, a number, an object). The published
  // schemas typed them as objects; make sure ours keeps them unconstrained whatever the generator does.
  props('MatcherConfig').options = {};
  props('DynamicConfigValue').value = {};
  return schema;
}

/** The panel plugin ids the SDK has builders for, from each module's `panelBuilder.gen.js`. */
function panelTypes(dist: string): Record<string, string> {
  const types: Record<string, string> = {};
  for (const module of readdirSync(dist).sort()) {
    const builder = path.join(dist, module, 'panelBuilder.gen.js');
    if (!existsSync(builder)) continue;
    const match = /this\.internal\.type = "([^"]+)"/.exec(readFileSync(builder, 'utf8'));
    if (match?.[1]) types[match[1]] = module;
  }
  return Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
}

/** Stable text of one schema file: two-space JSON and a final newline. */
function format(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Generates every schema file in memory.
 * @returns file name (relative to dashboards/schema/generated) → exact file contents
 */
export function generateSchemaFiles(): Record<string, string> {
  const dist = sdkDist();
  const fileOf = (module: string) => path.join(dist, module, 'types.gen.d.ts').split(path.sep).join('/');
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: `${path.join(dist, `{dashboard,${PANEL_MODULES.join(',')}}`, 'types.gen.d.ts').split(path.sep).join('/')}`,
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    sortProps: true,
    additionalProperties: false,
    // Methods (only cog's variant markers) are not data; leave them out of the schemas.
    functions: 'hide',
  } satisfies Config as CompletedConfig;
  // One TypeScript program for every module: building it is most of the cost.
  const program = createProgram(config);
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const generate = (module: string, names: readonly string[]): JsonObject => {
    const nodes = names.map((name) => {
      const node = findDeclaration(program, fileOf(module), name);
      if (!node) throw new Error(`The SDK module ${module} does not export ${name}.`);
      return node;
    });
    return generator.createSchemaFromNodes(nodes) as JsonObject;
  };

  const files: Record<string, string> = {};
  files['dashboard.json'] = format(sortDefinitions(patchDashboardSchema(generate('dashboard', ['Dashboard']))));
  for (const module of PANEL_MODULES) {
    const names = ['Options'];
    if (findDeclaration(program, fileOf(module), 'FieldConfig')) names.push('FieldConfig');
    // Consumers address `#/definitions/Options` and `#/definitions/FieldConfig`; a top-level `$ref`
    // (emitted only when there is a single root) would make the files inconsistent.
    const { $ref: _root, ...schema } = generate(module, names);
    files[`${module}.json`] = format(sortDefinitions(schema));
  }
  files['panel-types.json'] = format(panelTypes(dist));
  files['validators.ts'] = precompiledValidators(files);
  return files;
}

/**
 * The fast path of the validator: ajv's standalone code for the same schema set, stopping at the first
 * error. Loading it takes milliseconds where compiling the schemas takes a few hundred, which keeps a cold
 * `npm run build:dashboards` fast; on any error the validator compiles the full set for readable messages.
 */
function precompiledValidators(files: Readonly<Record<string, string>>): string {
  const parse = (name: string) => JSON.parse(files[name] as string) as JsonObject;
  const panels = Object.fromEntries(PANEL_MODULES.map((m) => [m, parse(`${m}.json`)]));
  const ajv = new Ajv({ ...AJV_OPTIONS, allErrors: false, code: { source: true, esm: true } });
  registerSchemas(ajv, parse('dashboard.json'), panels);
  // The package is CommonJS: under Node's ESM interop its default export is the module object.
  const standaloneCode = ((standalone as unknown as { default?: unknown }).default ?? standalone) as (ajv: Ajv, refs: Record<string, string>) => string;
  const code = standaloneCode(ajv, fastValidatorRefs(panels));
  return `// Generated by scripts/generate-schema.ts from the schemas beside it (ajv standalone code). Do not edit.\n// @ts-nocheck\n${code}\n`;
}

/** Writes the files, or with `check` only lists the ones that differ from what is committed. */
export function writeSchemaFiles(check: boolean): string[] {
  const files = generateSchemaFiles();
  const drifted: string[] = [];
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(GENERATED_DIR, name);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    drifted.push(name);
    if (!check) writeFileSync(target, text);
  }
  return drifted;
}

/** The generate:schema command (`--check` compares instead of writing); returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    io.stderr(`generate:schema: unknown argument ${unknown[0]}\nUsage: npm run generate:schema [-- --check]\n`);
    return 2;
  }
  const check = argv.includes('--check');
  const started = performance.now();
  const changed = writeSchemaFiles(check);
  const ms = Math.round(performance.now() - started);
  if (check && changed.length > 0) {
    io.stderr(`Schema drift: ${changed.join(', ')} differ from a fresh generation. Run npm run generate:schema.\n`);
    return 1;
  }
  const verb = check ? 'are up to date' : changed.length ? `written (${changed.join(', ')})` : 'unchanged';
  io.stdout(`Schemas in ${path.relative(io.cwd ?? process.cwd(), GENERATED_DIR) || '.'} ${verb} (${ms} ms).\n`);
  return 0;
}

runIfMain(import.meta.url, 'generate:schema', run);
