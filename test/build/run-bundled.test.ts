/**
 * scripts/run-bundled.mjs, the launcher behind `npm run build:dashboards`: the bundled build writes the
 * same bytes as the build under tsx, and a cached bundle behaves like the sources it was made from
 * (module paths, arguments, exit code) and is rebuilt as soon as one of them changes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const LAUNCHER = join(REPO, 'scripts/run-bundled.mjs');

/** Every file under a folder with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

function launch(launcher: string, cwd: string, args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [launcher, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A tiny repository with the launcher, an entry that reports what it sees, and the real tsx and esbuild. */
function fixtureRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccd-run-bundled-'));
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'node_modules'));
  copyFileSync(LAUNCHER, join(dir, 'scripts/run-bundled.mjs'));
  for (const pkg of ['tsx', 'esbuild']) symlinkSync(join(REPO, 'node_modules', pkg), join(dir, 'node_modules', pkg));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'src/dep.ts'), 'export const value: number = 1;\n');
  writeFileSync(
    join(dir, 'src/entry.ts'),
    [
      "import { fileURLToPath, pathToFileURL } from 'node:url';",
      "import { value } from './dep.js';",
      'if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {',
      '  console.log(JSON.stringify({ value, file: fileURLToPath(import.meta.url), dir: import.meta.dirname, args: process.argv.slice(2) }));',
      '  process.exitCode = Number(process.argv[2] ?? 0);',
      '}',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('run-bundled', () => {
  it('runs an entry from a cached bundle as tsx runs it, and bundles again when a source changes', () => {
    const dir = fixtureRepo();
    const seen = (value: number) => ({ value, file: join(dir, 'src/entry.ts'), dir: join(dir, 'src'), args: ['3', '--flag'] });
    const first = launch(join(dir, 'scripts/run-bundled.mjs'), dir, ['src/entry.ts', '3', '--flag']);
    expect(first.err).toBe('');
    expect(first.code).toBe(3);
    expect(JSON.parse(first.out)).toEqual(seen(1));
    const cache = join(dir, 'node_modules/.cache/claude-code-dashboards');
    expect(existsSync(join(cache, 'src__entry.cjs'))).toBe(true);
    expect(readdirSync(cache).some((f) => f.endsWith('.v8cache'))).toBe(true);

    const underTsx = launch(join(dir, 'scripts/run-bundled.mjs'), dir, ['src/entry.ts', '3', '--flag'], { CCD_TSX: '1' });
    expect(JSON.parse(underTsx.out)).toEqual(seen(1));

    // Same size, new content: the stamps (times) catch it.
    writeFileSync(join(dir, 'src/dep.ts'), 'export const value: number = 2;\n');
    const after = launch(join(dir, 'scripts/run-bundled.mjs'), dir, ['src/entry.ts', '3', '--flag']);
    expect(JSON.parse(after.out)).toEqual(seen(2));
  });

  it('the bundled build writes exactly what the build under tsx writes', () => {
    const [bundled, tsx] = [mkdtempSync(join(tmpdir(), 'ccd-bundled-')), mkdtempSync(join(tmpdir(), 'ccd-tsx-'))];
    const a = launch(LAUNCHER, bundled, [join(REPO, 'scripts/build-dashboards.ts'), '--quiet']);
    const b = launch(LAUNCHER, tsx, [join(REPO, 'scripts/build-dashboards.ts'), '--quiet'], { CCD_TSX: '1' });
    expect([a.code, a.err, b.code, b.err]).toEqual([0, '', 0, '']);
    expect(Object.keys(snapshot(bundled)).length).toBeGreaterThan(5);
    expect(snapshot(bundled)).toEqual(snapshot(tsx));
  });
});
