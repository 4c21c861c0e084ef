/**
 * The build's writes are all or nothing, each measured failure reproduced: an output folder that is a
 * file, a read-only output folder, temporary files left by an interrupted build, two builds at once.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBuildCli } from '../../scripts/build-dashboards.js';
import { MANIFEST_NAME, readManifest, sha256 } from '../../scripts/lib/generated-files.js';
import { LOCK_NAME } from '../../scripts/lib/output-guard.js';

const REPO = resolve(import.meta.dirname, '../..');
const root = (): string => mkdtempSync(join(tmpdir(), 'ccd-aon-'));

async function run(dir: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runBuildCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) }, dir);
  return { code, out, err };
}

/** Every file below `dir` with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length)] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

const TSX_LOADER = pathToFileURL(join(REPO, 'node_modules/tsx/dist/esm/index.mjs')).href;
const asRoot = process.getuid?.() === 0;

/**
 * Runs the build CLI in a child process in `dir`. `strict`: as root, without the capabilities that let
 * root ignore file modes (uid stays 0, so the repository stays readable), so a read-only folder stops it.
 */
function buildProcess(dir: string, argv: readonly string[] = [], strict = false): Promise<{ code: number; out: string; err: string }> {
  const node = [process.execPath, '--import', TSX_LOADER, join(REPO, 'scripts/build-dashboards.ts'), ...argv];
  const [cmd, ...args] = strict && asRoot ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--', ...node] : node;
  return new Promise((done) => {
    const child = spawn(cmd as string, args, { cwd: dir });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, out, err }));
  });
}

describe('the build writes all or nothing', () => {
  it('output.rules naming an existing file: a clear error, exit 1, nothing written', async () => {
    const dir = root();
    writeFileSync(join(dir, 'rules.yml'), 'mine\n');
    writeFileSync(join(dir, 'claude-code-dashboards.config.yaml'), 'output:\n  rules: rules.yml\n');
    const before = snapshot(dir);
    const r = await run(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nothing was written');
    expect(r.err).toContain('output.rules needs a folder, but');
    expect(r.err).toContain('Fix: set output.rules to a folder');
    expect(r.err).not.toMatch(/\n\s+at |EEXIST/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a read-only rules folder: exit 1 naming it, dashboards untouched, and the next build has no false notes', async () => {
    const dir = root();
    expect((await buildProcess(dir)).code).toBe(0);
    const provisioned = join(dir, 'provisioning/grafana/dashboards/claude-code');
    writeFileSync(join(dir, 'claude-code-dashboards.config.yaml'), 'grafana:\n  uidPrefix: team\n');
    const rules = join(dir, 'provisioning/prometheus/rules');
    const before = snapshot(dir);
    chmodSync(rules, 0o555);
    try {
      const r = await buildProcess(dir, [], true);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(/provisioning\/prometheus\/rules cannot be written \(output\.rules\)\. Fix: make it writable/);
      expect(r.err).not.toMatch(/\n\s+at |EACCES/);
      expect(snapshot(dir)).toEqual(before);
    } finally {
      chmodSync(rules, 0o755);
    }
    const again = await buildProcess(dir);
    expect(again.code, again.err).toBe(0);
    expect(again.out).not.toContain('edited by hand');
    expect(readdirSync(provisioned).sort()).toEqual([MANIFEST_NAME, 'team-activity.json', 'team-events.json', 'team-health.json', 'team-overview.json', 'team-session.json', 'team-user.json']);
  }, 60_000);

  it('removes the temporary files an interrupted build of ours left, and nothing else', async () => {
    const dir = root();
    expect((await run(dir)).code).toBe(0);
    const provisioned = join(dir, 'provisioning/grafana/dashboards/claude-code');
    // pid 2^22+1 is above Linux's pid_max default, so no process has it.
    const orphan = join(provisioned, '.claude-code-user.json.4194305.0badc0de.tmp');
    const mine = join(provisioned, '.notes.tmp');
    writeFileSync(orphan, '{"half":');
    writeFileSync(mine, 'keep me');
    expect((await run(dir)).code).toBe(0);
    expect(existsSync(orphan)).toBe(false);
    expect(readFileSync(mine, 'utf8')).toBe('keep me');
  });

  it('refuses to write while another live build holds the lock, and takes over a dead one', async () => {
    const dir = root();
    writeFileSync(join(dir, LOCK_NAME), `${process.ppid}\n`);
    const held = await run(dir);
    expect(held.code).toBe(1);
    expect(held.err).toMatch(/another build \(process \d+\) is writing this project's output; nothing was written/);
    expect(existsSync(join(dir, 'provisioning'))).toBe(false);
    writeFileSync(join(dir, LOCK_NAME), '4194305\n');
    expect((await run(dir)).code).toBe(0);
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });

  it('two builds with different configurations at once never leave a mix: files and manifests agree', async () => {
    for (let round = 0; round < 8; round++) {
      const dir = root();
      mkdirSync(join(dir, 'a'));
      mkdirSync(join(dir, 'b'));
      writeFileSync(join(dir, 'a.yaml'), 'thresholds:\n  dailyBudgetUsd: 111\n');
      writeFileSync(join(dir, 'b.yaml'), 'thresholds:\n  dailyBudgetUsd: 222\n');
      const results = await Promise.all([buildProcess(dir, ['--quiet', '--config', 'a.yaml']), buildProcess(dir, ['--quiet', '--config', 'b.yaml'])]);
      const codes = results.map((r) => r.code);
      for (const r of results) if (r.code !== 0) expect(r.err).toMatch(/another build \(process \d+\) is writing/);
      expect(codes.filter((c) => c === 0).length).toBeGreaterThanOrEqual(1);
      const provisioned = join(dir, 'provisioning/grafana/dashboards/claude-code');
      const manifest = readManifest(provisioned);
      const texts = Object.keys(manifest).map((name) => readFileSync(join(provisioned, name), 'utf8'));
      for (const [i, name] of Object.keys(manifest).entries()) expect(sha256(texts[i] as string), name).toBe(manifest[name]);
      const budgets = new Set(texts.flatMap((t) => [...t.matchAll(/"value": (111|222)\b/g)].map((m) => m[1])));
      expect(budgets.size, 'dashboards from one configuration only').toBe(1);
      expect(readdirSync(provisioned).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
  }, 120_000);
});

describe('the build says when Prometheus must reload', () => {
  it('prints the reload note when the rules file changed, and not when it did not', async () => {
    const dir = root();
    const first = await run(dir);
    expect(first.out).toContain('note: the recording or alerting rules changed: reload Prometheus');
    expect((await run(dir)).out).not.toContain('reload Prometheus');
    writeFileSync(join(dir, 'claude-code-dashboards.config.yaml'), 'scrapeInterval: 30s\n');
    expect((await run(dir)).out).toContain('docker compose kill -s SIGHUP prometheus');
  });
});
