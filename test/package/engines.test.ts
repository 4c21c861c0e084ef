/**
 * `engines` tells the truth: the Node this runs on (CI's) satisfies the package's own `engines.node`, and
 * every package of the lockfile, dev tools included, installs on it with `--engine-strict` (an
 * OpenTelemetry SDK or schema generator that needs a newer Node fails here instead of warning).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'ccd-engines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `>=MAJOR.MINOR` as numbers: the only form this package's `engines.node` uses. */
function minimum(range: string): [number, number] {
  const m = /^>=(\d+)\.(\d+)$/.exec(range);
  if (!m) throw new Error(`package.json engines.node "${range}" is not of the form >=MAJOR.MINOR`);
  return [Number(m[1]), Number(m[2])];
}

describe('engines', () => {
  it("the running Node satisfies the package's engines.node", () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } };
    const [major, minor] = minimum(pkg.engines.node);
    const [runMajor, runMinor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(runMajor > major || (runMajor === major && runMinor >= minor), `Node ${process.versions.node} vs ${pkg.engines.node}`).toBe(true);
  });

  it('every locked package, dev tools included, installs on this Node with --engine-strict', () => {
    copyFileSync(join(REPO, 'package.json'), join(work, 'package.json'));
    copyFileSync(join(REPO, 'package-lock.json'), join(work, 'package-lock.json'));
    const r = spawnSync('npm', ['ci', '--dry-run', '--engine-strict', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: work, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/notsup|EBADENGINE/);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
});
