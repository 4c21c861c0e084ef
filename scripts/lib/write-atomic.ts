/**
 * Atomic file writes with fixed modes: a reader (Grafana's provisioner, git) never sees a half-written
 * file, and the containers, which run as other users (Grafana 472, Prometheus nobody, Loki 10001), can
 * read what was written whatever the umask (under 077 a plain write gives 0600 files and 0700 folders).
 */
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Mode of every file the build writes: readable by the containers' users. */
export const FILE_MODE = 0o644;
/** Mode of every folder the build creates. */
export const DIR_MODE = 0o755;

/**
 * Creates `dir` and its missing parents with {@link DIR_MODE} regardless of the umask (mkdir's mode is
 * masked by it, so each folder it created is chmod-ed). Folders that already exist are left as they are.
 */
export function makeDirs(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (first === undefined) return;
  let current = first;
  chmodSync(current, DIR_MODE);
  for (const part of relative(first, dir).split(sep).filter((p) => p !== '')) {
    current = join(current, part);
    chmodSync(current, DIR_MODE);
  }
}

/**
 * Writes `content` to a new temporary file beside `path` (creating the folder) and returns its path; the
 * caller renames it over `path`. A dot-name without .json, so Grafana's file provider never picks it up,
 * with the writer's pid, so a later build can tell an orphan from a file being written. The file gets
 * {@link FILE_MODE} (chmod after the write, as the umask masks the mode given to open).
 */
export function stageFile(path: string, content: string): string {
  const dir = dirname(path);
  makeDirs(dir);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, content, { flag: 'wx', mode: FILE_MODE });
    chmodSync(tmp, FILE_MODE);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return tmp;
}

/** Writes `content` to a temporary file beside `path`, then renames it over `path`. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = stageFile(path, content);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
