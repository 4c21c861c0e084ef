/**
 * Loads the dashboards a user registers in the configuration (`dashboards: [{ module: './team.ts' }]`), so
 * that the build, its schema validation, the drift check (`--check`) and the linter treat them exactly like
 * ours. Every module is resolved, imported and its export checked before anything is built or written: a
 * wrong path or a module without a dashboard factory is a configuration error (exit 2) naming the file,
 * the field and the fix.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { specProblem, type DashboardSpec } from '../../dashboards/index.js';
import { ConfigError, type Config } from '../../queries/config.js';

/** One registered dashboard, built: its spec and the module it came from (for messages). */
export interface UserDashboard {
  readonly module: string;
  readonly spec: DashboardSpec;
}

type Entry = Config['dashboards'][number];

const isPath = (spec: string): boolean => spec.startsWith('.') || isAbsolute(spec);

/** The file a module entry names: relative paths from the configuration file's folder, packages from there too. */
function resolveModule(entry: Entry, field: string, base: string, source: string): string {
  if (isPath(entry.module)) {
    const file = resolve(base, entry.module);
    if (existsSync(file)) return file;
    throw new ConfigError(source, [
      `${field}: got "${entry.module}": no such file (${file}); fix: give the module's path relative to the folder of the configuration file (${base}), with its extension, e.g. "./my-dashboards/team.ts"`,
    ]);
  }
  try {
    return createRequire(join(base, 'package.json')).resolve(entry.module);
  } catch {
    throw new ConfigError(source, [
      `${field}: got "${entry.module}": no installed package exports it; fix: install the package, or write a path starting with "./" for a file of your own`,
    ]);
  }
}

/** Why a module failed to load, with the fix; TypeScript under plain Node gets its own hint. */
function loadProblem(entry: Entry, field: string, file: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const first = (err.message ?? String(e)).split('\n')[0];
  const fix =
    err.code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[cm]?ts$/.test(file)
      ? 'this Node cannot load TypeScript by itself: run the build under tsx (`node --import tsx node_modules/.bin/claude-code-dashboards build`), use Node 22.18 or later, or compile the module to .js'
      : 'make the module import cleanly (try `node --import tsx <module>`), then build again';
  return `${field}: got "${entry.module}": the module could not be loaded (${err.code ?? 'error'}: ${first}); fix: ${fix}`;
}

/** Imports one module and returns its factory; throws ConfigError when it has none. */
async function factoryOf(entry: Entry, field: string, base: string, source: string): Promise<(config: Config) => unknown> {
  const file = resolveModule(entry, field, base, source);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(source, [loadProblem(entry, field, file, e)]);
  }
  const name = entry.export ?? 'default';
  const factory = exports[name];
  if (typeof factory === 'function') return factory as (config: Config) => unknown;
  const names = Object.keys(exports).filter((k) => typeof exports[k] === 'function');
  const what = name === 'default' ? 'no default export that is a function' : `no export "${name}" that is a function`;
  throw new ConfigError(source, [
    `${field}: got "${entry.module}": the module has ${what}${names.length ? ` (its functions: ${names.join(', ')})` : ''}; fix: end it with \`export default defineDashboard((config) => ({ uid, title, description, variables, rows }))\`${names.length ? `, or set ${field.replace(/\.module$/, '')}.export to one of its functions` : ''}`,
  ]);
}

/**
 * Loads every registered dashboard module and calls its factory with the configuration.
 * @param config - the validated configuration
 * @param configPath - the configuration file (relative module paths start from its folder); the working
 *   directory stands in when the configuration came from code
 * @throws ConfigError for a path that does not resolve, a module that does not load, or an export that is
 *   not a dashboard factory (or returns something that is not a dashboard spec)
 */
export async function loadUserDashboards(config: Config, configPath: string | undefined, cwd = process.cwd()): Promise<UserDashboard[]> {
  const base = configPath ? dirname(configPath) : cwd;
  const source = configPath ?? 'configuration';
  const out: UserDashboard[] = [];
  for (const [i, entry] of config.dashboards.entries()) {
    const field = `dashboards.${i}.module`;
    const factory = await factoryOf(entry, field, base, source);
    let spec: unknown;
    try {
      spec = factory(config);
    } catch (e) {
      throw new Error(`${source}: ${field} "${entry.module}": its dashboard factory failed: ${(e as Error).message}`, { cause: e });
    }
    const problem = specProblem(spec);
    if (problem) {
      throw new ConfigError(source, [`${field}: got "${entry.module}": its factory ${problem}; fix: return a DashboardSpec (type the factory with defineDashboard from claude-code-dashboards/dashboards)`]);
    }
    out.push({ module: entry.module, spec: spec as DashboardSpec });
  }
  return out;
}
