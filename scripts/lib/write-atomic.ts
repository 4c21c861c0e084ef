/** Atomic file writes: a reader (Grafana's provisioner, git) never sees a half-written file. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes `content` to a new temporary file beside `path` (creating the folder) and returns its path; the
 * caller renames it over `path`. A dot-name without .json, so Grafana's file provider never picks it up,
 * with the writer's pid, so a later build can tell an orphan from a file being written.
 */
export function stageFile(path: string, content: string): string {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, content, { flag: 'wx' });
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
