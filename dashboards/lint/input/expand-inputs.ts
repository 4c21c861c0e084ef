/**
 * Expands command-line inputs (files, directories, globs) into a sorted list of files. Node 20 has no
 * `fs.glob`, so globs are matched with a small matcher: `*`, `**`, `?`, `[abc]` and `{a,b}`.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What an input expanded to. */
export interface ExpandedInputs {
  readonly files: string[];
  /** Inputs that name nothing (a missing path, a glob without matches): a usage error. */
  readonly missing: string[];
  /** Files found by walking a directory or matching a glob, not named one by one. */
  readonly discovered: ReadonlySet<string>;
}

const GLOB_CHARS = /[*?[{]/;
/** Directories never searched: dependencies and tool/VCS folders. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** File types picked up from directories (explicitly named files may have any extension). */
const DASHBOARD_FILE = /\.json$/i;

/** Converts a glob to an anchored regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      braces += 1;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces -= 1;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^$()|\\]/g, '\\$&');
    i += 1;
  }
  return new RegExp(`^${out}$`);
}

/** Every file under `dir` (recursively), skipping dependency and hidden folders and symlinked folders. */
function walk(dir: string, accept: (file: string) => boolean, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) walk(full, accept, out);
    } else if (entry.isFile() || (entry.isSymbolicLink() && isFile(full))) {
      if (accept(full)) out.push(full);
    }
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Expands inputs relative to `cwd`. Files keep the spelling they were given (relative stays relative).
 * @param inputs - file paths, directories (searched recursively for *.json) and globs
 */
export function expandInputs(inputs: readonly string[], cwd: string = process.cwd()): ExpandedInputs {
  const files: string[] = [];
  const missing: string[] = [];
  const discovered = new Set<string>();
  const seen = new Set<string>();
  const add = (file: string, found = true) => {
    const key = path.resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
    if (found) discovered.add(file);
  };
  for (const input of inputs) {
    const before = files.length;
    if (GLOB_CHARS.test(input)) {
      const normalized = toSlashes(input);
      const segments = normalized.split('/');
      const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
      const base = segments.slice(0, firstGlob).join('/') || (normalized.startsWith('/') ? '/' : '.');
      const pattern = globToRegExp(normalized.replace(/^\.\//, ''));
      const found: string[] = [];
      walk(path.resolve(cwd, base), (full) => pattern.test(toSlashes(path.isAbsolute(input) ? full : path.relative(cwd, full))), found);
      for (const full of found) add(path.isAbsolute(input) ? full : path.relative(cwd, full));
    } else {
      const full = path.resolve(cwd, input);
      let stats;
      try {
        stats = statSync(full);
      } catch {
        missing.push(input);
        continue;
      }
      if (stats.isDirectory()) {
        const found: string[] = [];
        walk(full, (f) => DASHBOARD_FILE.test(f), found);
        for (const f of found) add(path.join(input, path.relative(full, f)));
      } else add(input, false);
      if (stats.isDirectory()) continue;
    }
    if (files.length === before && GLOB_CHARS.test(input)) missing.push(input);
  }
  return { files, missing, discovered };
}
