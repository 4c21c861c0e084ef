/**
 * `npm run bench` and the lint memory benchmark as commands: help, version, usage errors (exit 2, one
 * line), a failing benchmark (exit 1, one line naming it), and a run over stand-in benchmark modules in a
 * temporary folder (the real ones take minutes) that prints JSON and writes RESULTS.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchModules, run as runBench } from '../../scripts/bench.js';
import { run as runRss } from '../../scripts/bench/lint/rss.js';
import type { CliIO } from '../../scripts/lib/cli-kit.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bench-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two stand-in benchmarks that report what the runner handed them, and the stats file the runner skips.
writeFileSync(path.join(dir, 'alpha.ts'), "export default async (c) => { c.log('alpha progress'); return { name: 'alpha', summary: `only=${c.only} write=${c.write}`, metrics: { only: c.only ? 1 : 0 } }; };\n");
writeFileSync(path.join(dir, 'beta.ts'), "export default async () => ({ name: 'beta', summary: 'two\\nlines', metrics: { n: 2 }, markdown: '| a |\\n|---|' });\n");
writeFileSync(path.join(dir, 'stats.ts'), 'export {};\n');

async function capture(command: (argv: readonly string[], io: CliIO & { dir?: string }) => Promise<number>, args: string[], extra: { dir?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await command(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, ...extra });
  return { code, stdout, stderr };
}

describe('npm run bench', () => {
  it('--help and --version exit 0', async () => {
    const help = await capture(runBench, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--only NAME/);
    expect(help.stdout).toMatch(/Exit codes: 0 ran, 1 a benchmark failed, 2 bad usage/);
    expect((await capture(runBench, ['-V'])).stdout).toMatch(/^claude-code-dashboards \d+\.\d+\.\d+\n$/);
  });

  it('finds the real benchmark modules', () => {
    expect(benchModules(path.resolve(import.meta.dirname, '../../scripts/bench'))).toEqual(['build', 'dashboards', 'lint', 'rules']);
  });

  it.each([
    [['--bogus'], /^bench: error: Unknown option '--bogus'/],
    [['lint'], /^bench: error: Unexpected argument 'lint'/],
    [['--only', 'nope'], /^bench: error: no benchmark named "nope" \(there are: alpha, beta\)$/],
  ])('%j is a usage error: one line and a --help hint, exit 2, nothing run', async (args, message) => {
    const r = await capture(runBench, args, { dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toBe("Run 'bench --help' for usage.");
  });

  it('--only runs one module with the context it asked for; --json prints the results; nothing is written', async () => {
    const r = await capture(runBench, ['--only', 'alpha', '--json', '--no-write'], { dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('alpha progress\n');
    const report = JSON.parse(r.stdout) as { machine: string; results: { name: string; summary: string; metrics: Record<string, number> }[] };
    expect(report.machine).toMatch(/cores/);
    expect(report.results).toEqual([{ name: 'alpha', summary: 'only=true write=false', metrics: { only: 1 } }]);
    expect(existsSync(path.join(dir, 'RESULTS.md'))).toBe(false);
  });

  it('a whole run prints every result and writes RESULTS.md (a module\'s markdown as it is)', async () => {
    const r = await capture(runBench, [], { dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/running alpha\.\.\.\nrunning beta\.\.\.\n\n## alpha\nonly=false write=true\n\n## beta\ntwo\nlines\n/);
    const md = readFileSync(path.join(dir, 'RESULTS.md'), 'utf8');
    expect(md).toMatch(/^# Benchmark results\n\nWritten by `npm run bench` on \d{4}-\d\d-\d\d: \d+ cores/);
    expect(md).toContain('## alpha\n\n- only=false write=true\n');
    expect(md).toContain('## beta\n\n| a |\n|---|\n');
  });

  it('a benchmark that throws: exit 1, one line naming it, no stack trace', async () => {
    writeFileSync(path.join(dir, 'gamma.ts'), "export default async () => { throw new Error('prometheus exited\\n    at somewhere'); };\n");
    const r = await capture(runBench, ['--only', 'gamma'], { dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('bench: error: the gamma benchmark failed: prometheus exited\n');
  });
});

describe('the lint memory benchmark (scripts/bench/lint/rss.ts)', () => {
  it('--help exits 0', async () => {
    const r = await capture(runRss, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/peak RSS/);
  });

  it.each([
    [['--bogus'], /unknown option "--bogus"/],
    [['many'], /N must be a whole number of files above 0 \(got "many"\)/],
    [['3', dir], /holds no dashboards\/lint\/index\.ts/],
    [['3', dir, 'more'], /at most two arguments/],
  ])('%j is a usage error, exit 2', async (args, message) => {
    const r = await capture(runRss, args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
  });

  it('measures a few files in a child process', async () => {
    const r = await capture(runRss, ['4']);
    expect(r.code, r.stderr).toBe(0);
    const [, json] = /^4 files, \d+ KB average: (\{.*\})\n$/.exec(r.stdout) ?? [];
    expect(JSON.parse(json ?? 'null')).toMatchObject({ files: 4 });
    expect((JSON.parse(json ?? '{}') as { peakRssMiB: number }).peakRssMiB).toBeGreaterThan(0);
  }, 60_000);
});
