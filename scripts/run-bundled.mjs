// @ts-check
/**
 * `node scripts/run-bundled.mjs <entry.ts> [args...]`: runs one of this repository's TypeScript entry
 * scripts the way `node --import tsx <entry.ts>` does, but from a cached single-file bundle, so that
 * `npm run build:dashboards` starts fast without a separate compile step.
 *
 * Why: under `node --import tsx` most of a cold build was start-up, not work: tsx's own start (~0.2 s)
 * and its module hooks, which cost a round trip to the hooks' worker thread for each of the ~500 modules
 * the build imports (the SDK's builders alone are 250 files). Here the entry and everything it imports
 * are bundled once with esbuild (the copy tsx itself depends on) into one CommonJS file under
 * node_modules/.cache/claude-code-dashboards/, and loaded with V8's code cache, so a later run parses
 * and compiles almost nothing. The bundle records every input file's size and times and is rebuilt as
 * soon as one changes (an edit, a checkout, `npm ci`); it is the same code, so the output is the same.
 *
 * Plain JavaScript because it must run before any TypeScript loader exists. It falls back to tsx when
 * bundling is not possible (no esbuild, or a construct the bundle could not express faithfully, which
 * esbuild reports as a warning), and always when CCD_TSX=1 (e.g. to debug with source positions).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const REPO = resolve(import.meta.dirname, '..');
const CACHE_DIR = join(REPO, 'node_modules', '.cache', 'claude-code-dashboards');
/** Bump when the bundle options or the manifest change, so old bundles are rebuilt. */
const FORMAT = 1;
/** Files that change what a bundle would be without being bundled themselves. */
const EXTRA_INPUTS = ['package.json', 'tsconfig.json', 'scripts/run-bundled.mjs'];

/**
 * @typedef {[path: string, size: number, mtimeMs: number, ctimeMs: number]} InputStamp
 * @typedef {{ format: number, id: string, inputs: InputStamp[] }} Manifest
 * @typedef {{ code: string, file: string, codeCache: string }} Bundle
 */

/** A file's size and times (ctime too: no tool sets it back); size -1 for a missing file. @param {string} path @returns {InputStamp} */
function stamp(path) {
  try {
    const s = statSync(resolve(REPO, path));
    return [path, s.size, s.mtimeMs, s.ctimeMs];
  } catch {
    return [path, -1, 0, 0];
  }
}

/** Whether every input the bundle was made from is still exactly as it was. @param {Manifest} manifest */
function isFresh(manifest) {
  if (manifest.format !== FORMAT) return false;
  return manifest.inputs.every((input) => {
    const now = stamp(input[0]);
    return now[1] === input[1] && now[2] === input[2] && now[3] === input[3];
  });
}

/** Where an entry's bundle lives. @param {string} entry */
function bundleFile(entry) {
  return join(CACHE_DIR, `${relative(REPO, entry).replace(/[\\/]/g, '__').replace(/\.[cm]?ts$/, '')}.cjs`);
}

/** The V8 code cache of one bundle build (named by its id, so it never pairs with another bundle). */
function codeCacheFile(/** @type {string} */ file, /** @type {string} */ id) {
  return `${file.slice(0, -'.cjs'.length)}.${id}.v8cache`;
}

/** Writes through a temporary file and a rename, so a concurrent run never reads half a file. */
function writeAtomic(/** @type {string} */ path, /** @type {string | Uint8Array} */ content) {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

/** The cached bundle of `entry` when it is up to date. @param {string} entry @returns {Bundle | undefined} */
function cachedBundle(entry) {
  const file = bundleFile(entry);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // The manifest is the first line (a comment), so bundle and manifest are written in one rename.
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(text.slice(2, text.indexOf('\n')));
  } catch {
    return undefined;
  }
  return isFresh(manifest) ? { code: text, file, codeCache: codeCacheFile(file, manifest.id) } : undefined;
}

/**
 * The repository's own sources, as esbuild loads them. Each is stamped before it is read, so an edit
 * made while bundling leaves a stale stamp and the next run bundles again. esbuild keeps `import.meta`
 * only in ESM output, so each TypeScript source gets its own URL, directory and file name written in as
 * literals: paths relative to a module resolve as they do under tsx.
 * @param {Map<string, InputStamp>} stamps filled with the stamp of every source loaded
 * @returns {import('esbuild').Plugin}
 */
function repositorySources(stamps) {
  return {
    name: 'repository-sources',
    setup(build) {
      build.onLoad({ filter: /.*/ }, (args) => {
        if (args.path.split(sep).includes('node_modules')) return undefined;
        const path = relative(REPO, args.path);
        stamps.set(path, stamp(path));
        if (!/\.[cm]?ts$/.test(args.path)) return undefined;
        const values = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path };
        const source = readFileSync(args.path, 'utf8');
        const contents = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => JSON.stringify(values[/** @type {'url'} */ (key)]));
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** Bundles `entry` with the esbuild tsx installs and caches the result. @param {string} entry @returns {Promise<Bundle>} */
async function buildBundle(entry) {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  /** @type {typeof import('esbuild')} */
  const esbuild = fromTsx('esbuild');
  const file = bundleFile(entry);
  /** @type {Map<string, InputStamp>} */
  const stamps = new Map();
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: REPO,
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Resolve packages exactly as Node does (esbuild would also try `module` entry points).
    conditions: [],
    mainFields: ['main'],
    // Names as in the sources (`.name` of functions and classes), comments and layout dropped.
    keepNames: true,
    minifyWhitespace: true,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [repositorySources(stamps)],
  });
  // A warning (e.g. an `import.meta` the bundle cannot keep) means it might not behave as under tsx.
  if (result.warnings.length > 0) throw new Error(result.warnings.map((w) => w.text).join('\n'));
  const inputs = [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS, relative(REPO, fromTsx.resolve('esbuild/package.json'))];
  /** @type {Manifest} */
  const manifest = { format: FORMAT, id: `${Date.now().toString(36)}${process.pid.toString(36)}`, inputs: inputs.map((path) => stamps.get(path) ?? stamp(path)) };
  const code = `//${JSON.stringify(manifest)}\n${result.outputFiles[0]?.text ?? ''}`;
  removeCodeCaches(file);
  try {
    writeAtomic(file, code);
  } catch {
    // Not cached (e.g. a read-only node_modules): this run still uses it, the next one bundles again.
  }
  return { code, file, codeCache: codeCacheFile(file, manifest.id) };
}

/** Removes the code caches of earlier bundles of the same entry. @param {string} file */
function removeCodeCaches(file) {
  const prefix = `${file.slice(CACHE_DIR.length + 1, -'.cjs'.length)}.`;
  for (const name of readdirSafe(CACHE_DIR)) {
    if (name.startsWith(prefix) && name.endsWith('.v8cache')) rmSync(join(CACHE_DIR, name), { force: true });
  }
}

function readdirSafe(/** @type {string} */ dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Runs a bundle as a CommonJS module, with V8's code cache when there is one. Without one (or when V8
 * rejects it, e.g. after a Node upgrade) the cache is written at exit, so it also holds the functions
 * the run compiled, not only the top level.
 * @param {Bundle} bundle
 */
function runBundle(bundle) {
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = readFileSync(bundle.codeCache);
  } catch {
    cachedData = undefined;
  }
  // Strict, as the ES modules it was made from are; on one line, so stack positions match the file.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {"use strict";${bundle.code}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle.file, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        writeAtomic(bundle.codeCache, script.createCachedData());
      } catch {
        // A cache that cannot be written only makes the next run slower.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle.file), module, bundle.file, dirname(bundle.file));
}

async function main() {
  const [entryArg, ...args] = process.argv.slice(2);
  if (!entryArg) throw new Error('Usage: node scripts/run-bundled.mjs <entry.ts> [args...]');
  const entry = resolve(entryArg);
  // The entry sees itself as the main script, as under `node --import tsx <entry.ts>`.
  process.argv = [process.argv[0] ?? process.execPath, entry, ...args];
  /** @type {Bundle | undefined} */
  let bundle;
  if (process.env.CCD_TSX !== '1') {
    try {
      bundle = cachedBundle(entry) ?? (await buildBundle(entry));
    } catch {
      bundle = undefined;
    }
  }
  if (bundle) return runBundle(bundle);
  // @ts-expect-error tsx's loader entry has no types; importing it registers tsx as `--import tsx` does.
  await import('tsx');
  await import(pathToFileURL(entry).href);
  return undefined;
}

await main();
