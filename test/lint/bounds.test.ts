/**
 * The linter is bounded: special files are reported, never opened for reading (a FIFO would hang), a
 * file above the size limit is reported from its stat without being read, thousands of stacked panels
 * give a bounded report in O(n log n), and the engine keeps only findings (no parsed dashboards) of the
 * files it linted. No timing assertions: a hang shows up as a vitest timeout.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintDashboards } from '../../dashboards/lint/index.js';
import { lintEach } from '../../dashboards/lint/engine.js';
import { readInputFile } from '../../dashboards/lint/input/read-file.js';
import { firstOverlaps } from '../../dashboards/lint/rules/structure/overlap-sweep.js';
import type { GridRect } from '../../dashboards/lint/rules/structure/grid-position.js';
import { mulberry32 } from '../../scripts/dev/prng.js';
import { lintInMemory } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lint-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dashboard = (extra: Record<string, unknown> = {}) => ({ uid: 'b1', title: 'Bounds', schemaVersion: 39, panels: [], ...extra });

function mkfifo(name: string): string | undefined {
  const file = path.join(dir, name);
  try {
    execFileSync('mkfifo', [file]);
    return file;
  } catch {
    return undefined;
  }
}

describe('special files', () => {
  it('a FIFO is reported as not a regular file, without waiting for a writer', { timeout: 5000 }, async () => {
    const fifo = mkfifo('pipe.json');
    if (!fifo) return expect.fail('mkfifo is needed for this test');
    const result = await lintDashboards([fifo]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.ruleId).toBe('input-readable');
    expect(result.findings[0]?.message).toContain(`${fifo} is not a regular file`);
    expect(result.findings[0]?.message).toContain('FIFO');
  });

  it.skipIf(!existsSync('/dev/zero'))('/dev/zero is reported as a character device, never read', { timeout: 5000 }, async () => {
    const result = await lintDashboards(['/dev/zero']);
    expect(result.findings.map((f) => f.message)).toEqual(['/dev/zero is not a regular file (it is a character device); it was not read.']);
  });

  it('a symlink to a regular file is read; a symlink to a FIFO is not', { timeout: 5000 }, async () => {
    const target = path.join(dir, 'real.json');
    writeFileSync(target, JSON.stringify(dashboard()));
    execFileSync('ln', ['-s', target, path.join(dir, 'link.json')]);
    const fifo = mkfifo('pipe2');
    execFileSync('ln', ['-s', fifo as string, path.join(dir, 'link-to-pipe.json')]);
    expect(readInputFile('link.json', dir).bytes.byteLength).toBeGreaterThan(10);
    expect(readInputFile('link-to-pipe.json', dir).readProblem?.message).toMatch(/link-to-pipe\.json is not a regular file \(it is a FIFO/);
  });
});

describe('file size', () => {
  it('a 1.5 GB file is reported from its size, not read', { timeout: 5000 }, async () => {
    const huge = path.join(dir, 'huge.json');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 1.5 * 1024 ** 3); // sparse: no disk used
    closeSync(fd);
    const result = await lintDashboards([huge]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.message).toBe('The file is 1536 MB, above the 20 MB limit for a dashboard; it was not read.');
    expect(result.findings[0]?.fix).toContain('--max-file-mb');
  });

  it('the limit can be raised or lowered', async () => {
    const file = path.join(dir, 'small.json');
    writeFileSync(file, JSON.stringify(dashboard({ description: 'x'.repeat(2000) })));
    const low = await lintDashboards([file], { maxFileBytes: 1000 });
    expect(low.findings.map((f) => f.message)).toEqual([expect.stringMatching(/^The file is 3 KB, above the 1 KB limit/)]);
    const high = await lintDashboards([file], { maxFileBytes: 10_000 });
    expect(high.findings.filter((f) => f.ruleId === 'input-readable')).toEqual([]);
  });

  it.skipIf(!existsSync('/proc/self/status'))('a file longer than its stat said is read up to the limit plus one byte only', () => {
    // /proc files stat as empty and then yield text, like a file that grows while it is read.
    const source = readInputFile('/proc/self/status', '/', 100);
    expect(source.bytes.byteLength).toBe(0);
    expect(source.readProblem?.message).toMatch(/^The file is more than 1 KB \(it grew while it was read\), above the 1 KB limit/);
    expect(readInputFile('/proc/self/status', '/').bytes.byteLength).toBeGreaterThan(100);
  });
});

const stacked = (n: number) => dashboard({ panels: Array.from({ length: n }, (_, i) => ({ id: i + 1, type: 'text', title: `P${i}`, gridPos: { x: 0, y: 0, w: 24, h: 8 } })) });

describe('overlapping panels', () => {
  it('400 stacked panels: one finding per overlapping panel, capped at 50 with a summary', () => {
    const found = lintInMemory({ 'stacked.json': stacked(400) }).findings.filter((f) => f.ruleId === 'gridpos-overlap');
    expect(found).toHaveLength(51);
    expect(found.at(-1)?.message).toBe('... and 349 more gridpos-overlap findings in this file (only the first 50 of each rule are listed per file).');
    expect(new Set(found.slice(0, 50).map((f) => f.pointer)).size).toBe(50);
  });

  it('3,000 stacked panels finish (bounded time: a vitest timeout, not a timed assertion)', { timeout: 60_000 }, () => {
    const result = lintInMemory({ 'stacked.json': stacked(3000) });
    const found = result.findings.filter((f) => f.ruleId === 'gridpos-overlap');
    expect(found).toHaveLength(51);
    expect(found.at(-1)?.message).toContain('and 2949 more gridpos-overlap findings');
    // The cap is the engine's: every rule is bounded, e.g. panel-title-description or panel-id rules too.
    const perRule = new Map<string, number>();
    for (const f of result.findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
    for (const [rule, n] of perRule) expect(n, rule).toBeLessThanOrEqual(51);
  });

  it('the sweep finds exactly the panels a pairwise comparison finds', () => {
    const r = mulberry32(3);
    for (let round = 0; round < 200; round++) {
      const rects: GridRect[] = Array.from({ length: 1 + Math.floor(r() * 30) }, () => ({ x: Math.floor(r() * 24), y: Math.floor(r() * 30), w: 1 + Math.floor(r() * 12), h: 1 + Math.floor(r() * 8) }));
      const overlaps = (a: GridRect, b: GridRect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      const order = rects.map((_, i) => i).sort((a, b) => (rects[a] as GridRect).y - (rects[b] as GridRect).y || a - b);
      const rank = new Map(order.map((i, k) => [i, k]));
      const got = firstOverlaps(rects);
      rects.forEach((b, i) => {
        const earlier = rects.filter((a, j) => (rank.get(j) as number) < (rank.get(i) as number) && overlaps(a, b));
        expect(got[i] === -1, `round ${round} rect ${i}`).toBe(earlier.length === 0);
        if (got[i] !== -1) expect(overlaps(rects[got[i] as number] as GridRect, b)).toBe(true);
      });
    }
  });
});

describe('memory', () => {
  it('keeps only findings and small keys of files on disk, never the parsed dashboards', async () => {
    const files: string[] = [];
    for (let i = 0; i < 40; i++) {
      const file = path.join(dir, `many-${i}.json`);
      writeFileSync(file, JSON.stringify(dashboard({ uid: `m${i}`, title: `Many ${i}`, description: `MARKER-${i}-`.repeat(50) })));
      files.push(file);
    }
    const result = await lintDashboards(files);
    expect(result.files).toHaveLength(40);
    for (const f of result.files) expect(f.loaded).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('MARKER-');
    expect(result.files[3]?.uid).toBe('m3');
  });

  it('reads one input at a time, in two passes (keys, then rules)', () => {
    const reads: string[] = [];
    const bytes = new TextEncoder().encode(JSON.stringify(dashboard()));
    const result = lintEach(['a', 'b', 'c'], (file) => {
      reads.push(file);
      return { file, bytes };
    });
    expect(reads).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    // The shared uid is still found across files, from the first pass's keys.
    expect(result.findings.filter((f) => f.ruleId === 'uid-unique')).toHaveLength(3);
  });
});
