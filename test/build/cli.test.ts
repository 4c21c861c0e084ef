/** `build:dashboards`: writes, drift check, stale-file removal, and never touching files it did not write. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuildCli } from '../../scripts/build-dashboards.js';
import { MANIFEST_NAME } from '../../scripts/lib/generated-files.js';
import { PROVIDER_FILE_NAME } from '../../scripts/lib/provider-file.js';
import { parse as parseYaml } from 'yaml';

const REPO = resolve(import.meta.dirname, '../..');
const TSX = join(REPO, 'node_modules/.bin/tsx');

async function run(root: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runBuildCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) }, root);
  return { code, out, err };
}

function freshRoot(): string {
  return mkdtempSync(join(tmpdir(), 'ccd-build-'));
}

const provisioned = (root: string) => join(root, 'provisioning/grafana/dashboards/claude-code');
const importable = (root: string) => join(root, 'provisioning/grafana/importable');

/** Every file under a folder with its content, for before/after comparisons. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[path.slice(dir.length)] = readFileSync(path, 'utf8');
    }
  }
  return out;
}

describe('build:dashboards', () => {
  it('writes pretty JSON for provisioning and import, with a manifest, and prints a summary', async () => {
    const root = freshRoot();
    const { code, out } = await run(root);
    expect(code).toBe(0);
    expect(out).toMatch(/Built 6 dashboards \(\d+ panels, \d+ queries\) for naming scheme "otel-collector"/);
    expect(out).toContain('provisioning/grafana/dashboards/claude-code/');
    const files = readdirSync(provisioned(root)).sort();
    expect(files).toEqual([MANIFEST_NAME, 'claude-code-activity.json', 'claude-code-events.json', 'claude-code-health.json', 'claude-code-overview.json', 'claude-code-session.json', 'claude-code-user.json']);
    expect(readdirSync(importable(root)).sort()).toEqual(files);
    const text = readFileSync(join(provisioned(root), 'claude-code-overview.json'), 'utf8');
    expect(text.startsWith('{\n  "annotations"')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(readFileSync(join(importable(root), 'claude-code-overview.json'), 'utf8'))['__inputs']).toHaveLength(1);
    const rules = readFileSync(join(root, 'provisioning/prometheus/rules/claude-code-dashboards.rules.yml'), 'utf8');
    expect(rules).toContain('record: claude_code:cost_usd:reported_increments');
    expect(rules).toContain('interval: 15s');
    expect(Object.keys(snapshot(root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the Grafana provider from the configuration, so folder and folderUid follow it', async () => {
    const root = freshRoot();
    writeFileSync(join(root, 'claude-code-dashboards.config.yaml'), 'grafana:\n  folder: AI $team\n  folderUid: team-ai\n');
    const { code } = await run(root);
    expect(code).toBe(0);
    const text = readFileSync(join(root, 'provisioning/grafana/dashboard-providers', PROVIDER_FILE_NAME), 'utf8');
    const provider = (parseYaml(text) as { providers: Record<string, unknown>[] }).providers;
    expect(provider).toHaveLength(1);
    // Grafana expands $VAR in provisioning files: the literal $ of the folder name is written $$.
    expect(provider[0]).toMatchObject({ type: 'file', folder: 'AI $$team', folderUid: 'team-ai', options: { path: '/etc/grafana/dashboards/team-ai' } });
    expect(readdirSync(join(root, 'provisioning/grafana/dashboards/team-ai'))).toContain('claude-code-overview.json');
  });

  it('is idempotent and its --check passes on fresh output', async () => {
    const root = freshRoot();
    await run(root);
    const before = snapshot(root);
    const again = await run(root);
    expect(again.out).toContain('0 file(s) changed, 16 unchanged');
    expect(snapshot(root)).toEqual(before);
    expect((await run(root, '--check')).code).toBe(0);
  });

  it('--check lists changed and stale files, exits 1 and writes nothing', async () => {
    const root = freshRoot();
    await run(root);
    const file = join(provisioned(root), 'claude-code-user.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"Claude Code user"', '"Edited"'));
    const before = snapshot(root);
    const { code, err } = await run(root, '--check');
    expect(code).toBe(1);
    expect(err).toContain('changed: ');
    expect(err).toContain('claude-code-user.json');
    expect(err).toContain('Fix: run `npm run build:dashboards`');
    expect(snapshot(root)).toEqual(before);
  });

  it('removes files it generated earlier that no longer exist, and keeps everything else', async () => {
    const root = freshRoot();
    await run(root);
    writeFileSync(join(provisioned(root), 'my-own-dashboard.json'), '{"title":"mine"}\n');
    writeFileSync(join(root, 'claude-code-dashboards.config.yaml'), 'grafana:\n  uidPrefix: team-ai\n');
    const { code, out } = await run(root);
    expect(code).toBe(0);
    expect(out).toContain('12 stale file(s) removed');
    expect(readdirSync(provisioned(root)).sort()).toEqual([MANIFEST_NAME, 'my-own-dashboard.json', 'team-ai-activity.json', 'team-ai-events.json', 'team-ai-health.json', 'team-ai-overview.json', 'team-ai-session.json', 'team-ai-user.json']);
    expect(readFileSync(join(provisioned(root), 'my-own-dashboard.json'), 'utf8')).toBe('{"title":"mine"}\n');
  });

  it('keeps a no-longer-generated file that was edited by hand, and says so', async () => {
    const root = freshRoot();
    await run(root);
    const edited = join(provisioned(root), 'claude-code-user.json');
    writeFileSync(edited, '{"edited":true}\n');
    writeFileSync(join(root, 'claude-code-dashboards.config.yaml'), 'grafana:\n  uidPrefix: other\n');
    const { out } = await run(root);
    expect(existsSync(edited)).toBe(true);
    expect(out).toContain('claude-code-user.json is no longer generated but was edited by hand, so it was kept');
  });

  it('refuses to overwrite a file it did not generate, and writes nothing at all', async () => {
    const root = freshRoot();
    mkdirSync(provisioned(root), { recursive: true });
    writeFileSync(join(provisioned(root), 'claude-code-user.json'), '{"title":"someone else"}\n');
    const before = snapshot(root);
    const { code, err } = await run(root);
    expect(code).toBe(1);
    expect(err).toContain('were not generated by this build');
    expect(err).toContain('claude-code-user.json');
    expect(err).toContain('Fix: move them elsewhere');
    expect(snapshot(root)).toEqual(before);
  });

  it('fails on a bad configuration with file, field, value and fix, writing nothing', async () => {
    const root = freshRoot();
    writeFileSync(join(root, 'claude-code-dashboards.config.yaml'), 'naming: otel\nthresholds:\n  cacheHitTarget: 85\n');
    const { code, err } = await run(root);
    expect(code).toBe(2);
    expect(err).toContain('claude-code-dashboards.config.yaml: invalid configuration');
    expect(err).toContain('naming: got "otel"');
    expect(err).toContain('thresholds.cacheHitTarget: got 85');
    expect(err).toContain('fix: use a ratio between 0 and 1');
    expect(err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'provisioning'))).toBe(false);
  });

  it('prints help and exits 0; exits 2 on an unknown option', async () => {
    const root = freshRoot();
    const help = await run(root, '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run build:dashboards');
    expect(help.out).toContain('--check');
    const bad = await run(root, '--frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Unknown option '--frobnicate'");
  });

  it('builds byte-identical files in two separate processes', () => {
    const [a, b] = [freshRoot(), freshRoot()];
    for (const root of [a, b]) {
      execFileSync(TSX, [join(REPO, 'scripts/build-dashboards.ts'), '--quiet'], { cwd: root });
    }
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('the committed output in the repository is what the build produces (drift check)', () => {
    const r = spawnSync(TSX, [join(REPO, 'scripts/build-dashboards.ts'), '--check'], { cwd: REPO, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('render:previews', () => {
  it('the committed SVG layout previews match the built dashboards', () => {
    const r = spawnSync(TSX, [join(REPO, 'scripts/render-previews.ts'), '--check'], { cwd: REPO, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('claude-code-dashboards bin', () => {
  it('dispatches build and lint, prints help, and exits 2 on an unknown command', async () => {
    const { runCli } = await import('../../scripts/cli.js');
    let out = '';
    let err = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out).toContain('build    build the Claude Code dashboards');
    expect(out).toContain('lint     lint Grafana dashboard JSON');
    out = '';
    expect(await runCli([], io)).toBe(0);
    expect(out).toContain('Usage: claude-code-dashboards <command>');
    expect(out).toContain('Exit codes (every command): 0 success, 1 findings or failure, 2 bad usage or configuration.');
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(err).toContain('unknown command "frobnicate"');
    out = '';
    expect(await runCli(['lint', join(REPO, 'provisioning/grafana/dashboards')], io)).toBe(0);
    expect(out).toContain('6 files linted, no problems');
  });

  it('--version prints the package version; lint --help names the bin, not the npm script', async () => {
    const { runCli } = await import('../../scripts/cli.js');
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
    for (const args of [['--version'], ['-V'], ['build', '--version'], ['lint', '--version'], ['report', '-V']]) {
      out = '';
      expect(await runCli(args, io), args.join(' ')).toBe(0);
      expect(out, args.join(' ')).toBe(`claude-code-dashboards ${pkg.version}\n`);
    }
    out = '';
    expect(await runCli(['report', '--help'], io)).toBe(0);
    expect(out).toContain('Usage: claude-code-dashboards report [options]');
    out = '';
    expect(await runCli(['lint', '--help'], io)).toBe(0);
    expect(out).toContain('Usage: claude-code-dashboards lint [options]');
    expect(out).toContain("npx claude-code-dashboards lint 'dashboards/**/*.json' --format github");
    expect(out).not.toContain('npm run');
    expect(out).not.toContain('lint-dashboards');
  });
});

describe('build errors on the shared CLI module', () => {
  async function build(args: string[], root: string): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runBuildCli(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) }, root);
    return { code, out, err };
  }

  it('an unknown flag: one line and a --help hint, exit 2; a bad configuration: the file and field, exit 2, no hint', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ccd-build-errors-'));
    const bogus = await build(['--bogus'], root);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toBe("build:dashboards: error: Unknown option '--bogus'\nRun 'build:dashboards --help' for usage.\n");
    writeFileSync(join(root, 'claude-code-dashboards.config.yaml'), 'scrapeInterval: 0s\n');
    const bad = await build(['--quiet'], root);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^build:dashboards: error: .*claude-code-dashboards\.config\.yaml: invalid configuration\n {2}- scrapeInterval: got "0s"/);
    expect(bad.err).not.toMatch(/--help|\n\s+at /);
    expect(existsSync(join(root, 'provisioning'))).toBe(false);
  });
});
