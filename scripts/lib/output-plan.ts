/**
 * Plans and applies the build's writes: which generated files change, which stale generated files go,
 * and which existing files block the build because we did not generate them. Planning reads only;
 * applying writes atomically and only after the whole plan is known to be safe.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { manifestText, MANIFEST_NAME, readManifest, sha256, type Manifest } from './generated-files.js';
import { stageFile } from './write-atomic.js';

/** A file the build wants to exist. */
export interface OutputFile {
  readonly dir: string;
  readonly name: string;
  readonly content: string;
}

/** What a build will do to the output folders. */
export interface OutputPlan {
  /** New or changed files. */
  readonly writes: OutputFile[];
  readonly unchanged: OutputFile[];
  /** Generated files that the build no longer produces and that are unchanged since: removed. */
  readonly removals: { dir: string; name: string }[];
  /** Generated files no longer produced but edited by hand since: left in place, reported. */
  readonly keptEdited: { dir: string; name: string }[];
  /** Generated files that were edited by hand and will be overwritten. */
  readonly overwritesEdited: { dir: string; name: string }[];
  /** Files in the way that we did not generate: the build refuses to touch them. */
  readonly conflicts: { dir: string; name: string }[];
  /** The manifest each folder will have after the build. */
  readonly manifests: Map<string, Manifest>;
}

/** Compares the wanted files with the folders' contents and manifests. */
export function planOutput(files: readonly OutputFile[]): OutputPlan {
  const plan: OutputPlan = { writes: [], unchanged: [], removals: [], keptEdited: [], overwritesEdited: [], conflicts: [], manifests: new Map() };
  const byDir = new Map<string, OutputFile[]>();
  for (const f of files) byDir.set(f.dir, [...(byDir.get(f.dir) ?? []), f]);
  for (const [dir, wanted] of byDir) {
    const previous = readManifest(dir);
    const next: Manifest = {};
    for (const f of wanted) {
      const path = join(dir, f.name);
      next[f.name] = sha256(f.content);
      if (!existsSync(path)) {
        plan.writes.push(f);
        continue;
      }
      const current = readFileSync(path, 'utf8');
      if (current === f.content) {
        plan.unchanged.push(f);
        continue;
      }
      if (previous[f.name] === undefined) plan.conflicts.push({ dir, name: f.name });
      else {
        if (previous[f.name] !== sha256(current)) plan.overwritesEdited.push({ dir, name: f.name });
        plan.writes.push(f);
      }
    }
    for (const [name, hash] of Object.entries(previous)) {
      if (next[name] !== undefined) continue;
      const path = join(dir, name);
      if (!existsSync(path)) continue;
      if (sha256(readFileSync(path, 'utf8')) === hash) plan.removals.push({ dir, name });
      else plan.keptEdited.push({ dir, name });
    }
    plan.manifests.set(dir, next);
  }
  return plan;
}

/** True when the folders already hold exactly what the build would write (the `--check` condition). */
export function isUpToDate(plan: OutputPlan): boolean {
  return plan.writes.length === 0 && plan.removals.length === 0 && plan.conflicts.length === 0;
}

/**
 * Applies a plan without conflicts, all or nothing: every new content is first written to a temporary
 * file beside its target, each folder's changed manifest among them; only when all of them exist are they
 * renamed into place (a rename does not fail for want of space or permission once the temporary file is
 * there), then the stale files go. A failure while staging removes the temporary files and changes nothing.
 */
export function applyPlan(plan: OutputPlan): void {
  if (plan.conflicts.length > 0) throw new Error('applyPlan() called with conflicts; resolve them first.');
  const manifests = [...plan.manifests].flatMap(([dir, manifest]) => {
    const text = manifestText(manifest);
    const path = join(dir, MANIFEST_NAME);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text ? [{ path, content: text }] : [];
  });
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const f of [...plan.writes.map((w) => ({ path: join(w.dir, w.name), content: w.content })), ...manifests]) {
      staged.push({ tmp: stageFile(f.path, f.content), path: f.path });
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
  for (const s of staged) renameSync(s.tmp, s.path);
  for (const r of plan.removals) rmSync(join(r.dir, r.name), { force: true });
}

/** A path relative to the working directory, for messages. */
export function display(dir: string, name?: string): string {
  return relative(process.cwd(), name ? join(dir, name) : dir) || '.';
}
