/**
 * The build writes provisioning files the containers can read whatever the umask: under `umask 077` a
 * plain write gives 0600 files in 0700 folders, which Grafana (uid 472), Prometheus (nobody) and Loki
 * (10001) cannot read through a bind mount. Run in a child process, as the umask is process-wide.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const TSX_LOADER = pathToFileURL(join(REPO, 'node_modules/tsx/dist/esm/index.mjs')).href;

/** Under umask 077: a plain write (the failure) and the build, in `dir`. */
const CHILD = `
process.umask(0o077);
const { writeFileSync, statSync } = await import('node:fs');
writeFileSync('plain.txt', 'x');
const plain = statSync('plain.txt').mode & 0o777;
const { runBuildCli } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'scripts/build-dashboards.ts')).href)});
const io = { stdout: () => {}, stderr: (t) => process.stderr.write(t) };
const code = await runBuildCli([], io, process.cwd());
process.stdout.write(JSON.stringify({ plain, code }));
`;

function modes(dir: string): { path: string; mode: number; isDir: boolean }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.name !== 'plain.txt')
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path: path.slice(dir.length + 1), mode: statSync(path).mode & 0o777, isDir: e.isDirectory() };
    });
}

describe('file modes under umask 077', () => {
  it('a plain write is private, and every file and folder the build writes is 0644 / 0755', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccd-umask-'));
    const child = spawnSync(process.execPath, ['--import', TSX_LOADER, '--input-type=module', '-e', CHILD], { cwd: dir, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout) as { plain: number; code: number };
    expect(result.plain, 'the umask took effect: this is the failure').toBe(0o600);
    expect(result.code, child.stderr).toBe(0);
    const written = modes(dir);
    expect(written.filter((e) => !e.isDir).length).toBeGreaterThan(5);
    for (const entry of written) {
      expect(entry.mode.toString(8), entry.path).toBe(entry.isDir ? '755' : '644');
    }
  }, 60_000);
});
