/** `--stdin` and `-`: one dashboard from stdin for editors and pre-commit hooks, bounded, fixable to stdout. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../dashboards/lint/index.js';
import { runLintCli } from '../../scripts/lint-dashboards.js';
import { FIXTURES } from './helpers.js';

const fixture = (rule: string, file = 'bad.json') => readFileSync(path.join(FIXTURES, rule, file), 'utf8');

/** stdin as chunks; `pulled` counts how many were read. */
function chunks(parts: (string | Uint8Array)[]) {
  const state = { pulled: 0 };
  const stdin = (async function* () {
    for (const part of parts) {
      state.pulled += 1;
      yield part;
    }
  })();
  return { stdin, state };
}

async function run(args: string[], input: (string | Uint8Array)[]) {
  let stdout = '';
  let stderr = '';
  const { stdin, state } = chunks(input);
  const code = await runLintCli(args, { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), env: { NO_COLOR: '1' }, stdin });
  return { code, stdout, stderr, pulled: state.pulled };
}

describe('--stdin', () => {
  it('lints the dashboard on stdin under --stdin-filename', async () => {
    const text = fixture('dashboard-id-null');
    const r = await run(['--stdin', '--stdin-filename', 'dashboards/cost.json', '--format', 'json'], [text.slice(0, 10), text.slice(10)]);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { file: string; ruleId: string; line: number }[] }).findings;
    expect(findings.map((f) => [f.file, f.ruleId])).toEqual([['dashboards/cost.json', 'dashboard-id-null']]);
    expect(findings[0]?.line).toBe(2);
  });

  it('- as the path reads stdin too, named <stdin> by default', async () => {
    const r = await run(['-', '--format', 'github'], [fixture('dashboard-id-null')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=<stdin>,line=2,col=9,title=dashboard-id-null::/);
  });

  it('--fix writes the whole fixed file to stdout, BOM and CRLF kept, and the findings left to stderr', async () => {
    const input = `\uFEFF${fixture('dashboard-id-null').replace(/\n/g, '\r\n')}`;
    const r = await run(['--stdin', '--fix', '--format', 'json'], [new TextEncoder().encode(input)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(input.replace('"id": 42', '"id": null'));
    expect(JSON.parse(r.stderr).findings).toEqual([]);
  });

  it('--fix with nothing to fix gives the input back unchanged', async () => {
    const input = `\uFEFF${fixture('dashboard-id-null', 'good.json')}`;
    const r = await run(['--stdin', '--fix'], [input]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(input);
    expect(r.stderr).toMatch(/no problems/);
  });

  it('refuses stdin above the size limit without reading the rest', async () => {
    const mb = new Uint8Array(1024 * 1024).fill(0x20);
    const parts = Array.from({ length: MAX_FILE_BYTES / mb.byteLength + 5 }, () => mb);
    const r = await run(['--stdin'], parts);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stdin holds more than 20 MB/);
    expect(r.pulled).toBe(MAX_FILE_BYTES / mb.byteLength + 1);
  });

  it('usage errors: other paths with stdin, --stdin-filename without stdin', async () => {
    expect((await run(['--stdin', 'a.json'], [])).code).toBe(2);
    const r = await run(['--stdin-filename', 'x.json', 'a.json'], []);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--stdin-filename needs --stdin/);
  });

  it('--help documents it', async () => {
    const r = await run(['--help'], []);
    expect(r.stdout).toMatch(/--stdin .*stdin/);
    expect(r.stdout).toMatch(/--stdin-filename <name>/);
  });
});
