/**
 * What makes the build's writes all-or-nothing besides the plan: a check of every output folder before
 * anything is written (a path that is a file, a folder that cannot be written), a lock so two builds of
 * the same tree cannot interleave their files and manifests, the removal of temporary files an
 * interrupted build of ours left behind, and file-system errors turned into a message with the path and
 * the fix. Measured failures it answers: `output.rules` naming an existing file failed with a raw EEXIST
 * after six dashboards were written; a read-only rules folder failed with a raw EACCES after the
 * dashboards were rewritten; Ctrl-C left `.<name>.<pid>.<hex>.tmp` files; two parallel builds mixed.
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The temporary files `writeFileAtomic` creates: `.<name>.<pid>.<8 hex>.tmp`. */
const OUR_TEMP = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** The lock file a build holds in the project root while it writes. */
export const LOCK_NAME = '.claude-code-dashboards.build.lock';

/** A problem found before writing: the path and what to do. */
export interface OutputProblem {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/** Problems with the output folders `dirs` (keys: folder path, value: the config field that names it). */
export function checkOutputDirs(dirs: ReadonlyMap<string, string>): OutputProblem[] {
  const problems: OutputProblem[] = [];
  for (const [dir, field] of dirs) {
    const existing = nearestExisting(dir);
    if (!statSync(existing).isDirectory()) {
      problems.push({ path: existing, message: `${field} needs a folder, but ${existing} is a file`, fix: `set ${field} to a folder (the build writes several files into it), or move the file away` });
      continue;
    }
    try {
      accessSync(existing, constants.W_OK | constants.X_OK);
    } catch {
      problems.push({ path: existing, message: `${existing} cannot be written (${field})`, fix: `make it writable (chmod u+w), or set ${field} to a folder you can write` });
    }
  }
  return problems;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files of ours in `dirs` whose writing process is gone; returns their paths. */
export function removeStaleTemps(dirs: Iterable<string>): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      const pid = Number(OUR_TEMP.exec(name)?.[1]);
      if (!Number.isInteger(pid) || pid <= 0 || (alive(pid) && pid !== process.pid)) continue;
      rmSync(join(dir, name), { force: true });
      removed.push(join(dir, name));
    }
  }
  return removed;
}

/** Takes the build lock in `root`; throws when another live build holds it. Returns the release function. */
export function takeBuildLock(root: string): () => void {
  const path = join(root, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`another build (process ${holder}) is writing this project's output; nothing was written. Fix: wait for it to finish (or, if no build runs, delete ${path})`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot take the build lock ${path}; nothing was written. Fix: delete it and build again`);
}

/** A file-system error as one line with the path and the fix. */
export function describeFsError(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string') return undefined;
  const where = err.path ?? 'a file';
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `cannot write ${where} (${err.code}). Fix: make it writable, or point the output settings elsewhere`;
    case 'EEXIST':
    case 'ENOTDIR':
    case 'EISDIR':
      return `${where} is in the way (${err.code}: a file where a folder should be, or the reverse). Fix: move it, or point the output settings elsewhere`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `no space left to write ${where} (${err.code}). Fix: free some space and build again`;
    default:
      return `${err.code} on ${where}: ${err.message}`;
  }
}
