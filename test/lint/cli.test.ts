/** The command line: exit codes, inputs (files, directories, globs), formats, config, --fix. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLintCli } from '../../scripts/lint-dashboards.js';
import { FIXTURES } from './helpers.js';

let dir: string;
const fixture = (rule: string, file = 'bad.json') => readFileSync(path.join(FIXTURES, rule, file), 'utf8');

async function run(args: string[], env: Record<string, string | undefined> = { NO_COLOR: '1' }, tty = false) {
  let stdout = '';
  let stderr = '';
  const code = await runLintCli(args, {
    stdout: (s: string) => void (stdout += s),
    isTTY: tty,
    stderr: (s: string) => (stderr += s),
    env,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lint-cli-'));
  mkdirSync(path.join(dir, 'clean/nested'), { recursive: true });
  writeFileSync(path.join(dir, 'clean/a.json'), fixture('dashboard-id-null', 'good.json'));
  const b = JSON.parse(fixture('dashboard-id-null', 'good.json')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'clean/nested/b.json'), JSON.stringify({ ...b, uid: 'fixture-b', title: 'Fixture B' }));
  writeFileSync(path.join(dir, 'clean/notes.txt'), 'not a dashboard, not picked up from a directory');
  writeFileSync(path.join(dir, 'error.json'), fixture('claude-code-session-count-increase'));
  writeFileSync(path.join(dir, 'warning.json'), fixture('editable-false'));
  writeFileSync(path.join(dir, 'broken.json'), '{"title": ');
  writeFileSync(path.join(dir, 'config.yaml'), 'naming: otel-collector\nrules:\n  editable-false: error\n');
  writeFileSync(path.join(dir, 'bad-config.yaml'), 'exclude:\n  - rule: editable-false\n');
  writeFileSync(
    path.join(dir, 'exclude.yaml'),
    'exclude:\n  - rule: claude-code-session-count-increase\n    dashboard: fixture\n    panel: "Cost 1"\n    refId: A\n    reason: kept to show the bug in a talk\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint-dashboards CLI', () => {
  it('--help prints usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: npm run lint:dashboards -- \[options\]/);
    expect(r.stdout).toMatch(/--max-warnings/);
  });

  it('--version prints the package version and exits 0', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^claude-code-dashboards \d+\.\d+\.\d+\n$/);
    expect((await run(['-V'])).stdout).toBe(r.stdout);
  });

  it('an unknown flag is a usage error: one line and a --help hint, exit 2', async () => {
    const r = await run(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("lint:dashboards: error: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"\nRun 'lint:dashboards --help' for usage.\n");
  });

  it('exits 0 on clean dashboards found through a directory', async () => {
    const r = await run(['clean']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 files linted, no problems/);
  });

  it('exits 1 on an error, and on a broken file', async () => {
    expect((await run(['error.json'])).code).toBe(1);
    const broken = await run(['broken.json', 'clean']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/not valid JSON/);
    expect(broken.stdout).toMatch(/3 files/);
  });

  it('warnings pass unless there are more than --max-warnings', async () => {
    expect((await run(['warning.json'])).code).toBe(0);
    expect((await run(['warning.json', '--max-warnings', '1'])).code).toBe(0);
    const r = await run(['warning.json', '--max-warnings', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/more than --max-warnings 0/);
  });

  it('exits 2 on bad usage, without a stack trace', async () => {
    for (const args of [['--format', 'xml'], ['--bogus'], ['--max-warnings', 'many'], ['--naming', 'prom'], ['missing.json'], ['nothing/**/*.json'], ['--config', 'nope.yaml'], ['--config', 'bad-config.yaml']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
    expect((await run(['--config', 'bad-config.yaml'])).stderr).toMatch(/reason/);
  });

  it('expands globs', async () => {
    const r = await run(['clean/**/*.json', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { summary: { files: number } };
    expect(report.summary.files).toBe(2);
  });

  it('the config changes severities and excludes findings with a reason', async () => {
    expect((await run(['warning.json', '--config', 'config.yaml'])).code).toBe(1);
    const excluded = await run(['error.json', '--config', 'exclude.yaml']);
    expect(excluded.code).toBe(0);
    expect(excluded.stdout).toMatch(/1 excluded by config/);
  });

  it('--naming overrides the naming scheme', async () => {
    const r = await run(['clean/a.json', '--naming', 'claude-code-prometheus', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('claude-code-naming-scheme');
  });

  it('json: every finding carries rule, severity, file, pointer, uid, panel, refId, message and fix', async () => {
    const r = await run(['error.json', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { version: number; findings: Record<string, unknown>[] };
    expect(report.version).toBe(1);
    const f = report.findings.find((x) => x.ruleId === 'claude-code-session-count-increase');
    expect(f).toMatchObject({
      severity: 'error',
      category: 'claude-code',
      file: 'error.json',
      pointer: '/panels/0/targets/0/expr',
      dashboardUid: 'fixture',
      panelId: 1,
      panelTitle: 'Cost 1',
      refId: 'A',
      fixable: false,
    });
    expect(typeof f?.line).toBe('number');
    expect(String(f?.fix)).toMatch(/count\(count by \(session_id\)/);
  });

  it('github: one workflow annotation per finding, escaped', async () => {
    const r = await run(['error.json', 'warning.json', '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+\.json,line=\d+,col=\d+,title=[^:]+::\S/);
    expect(lines.some((l) => l.startsWith('::error file=error.json'))).toBe(true);
    expect(lines.some((l) => l.startsWith('::warning file=warning.json'))).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/\n/);
  });

  it('sarif: a SARIF 2.1.0 log with rules and located results', async () => {
    const r = await run(['error.json', '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as { version: string; $schema: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: Record<string, any>[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run0 = log.runs[0]!;
    expect(run0.tool.driver.rules.map((x) => x.id)).toContain('claude-code-session-count-increase');
    const result = run0.results.find((x) => x.ruleId === 'claude-code-session-count-increase')!;
    expect(result.level).toBe('error');
    expect(run0.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('error.json');
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('/panels/0/targets/0/expr');
  });

  it('colour only on a TTY, never with NO_COLOR', async () => {
    expect((await run(['error.json'], {}, true)).stdout).toContain('\u001b[');
    expect((await run(['error.json'], { NO_COLOR: '1' }, true)).stdout).not.toContain('\u001b[');
    expect((await run(['error.json'], {}, false)).stdout).not.toContain('\u001b[');
  });

  it('FORCE_COLOR forces colour off a TTY, and FORCE_COLOR=0 turns it off on one', async () => {
    expect((await run(['error.json'], { FORCE_COLOR: '1' }, false)).stdout).toContain('\u001b[');
    expect((await run(['error.json'], { FORCE_COLOR: '0' }, true)).stdout).not.toContain('\u001b[');
    expect((await run(['error.json'], { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).stdout).not.toContain('\u001b[');
  });

  it('--fix repairs the mechanical problems atomically and leaves no temp files', async () => {
    writeFileSync(path.join(dir, 'fixme.json'), fixture('dashboard-id-null'));
    writeFileSync(path.join(dir, 'fixme-refid.json'), fixture('refid-unique').replace('"uid": "fixture"', '"uid": "fixture-refid"').replace('"title": "Fixture"', '"title": "Fixture refId"'));
    const r = await run(['fixme.json', 'fixme-refid.json', '--fix', '--format', 'json']);
    expect(r.stderr).toMatch(/fixed fixme\.json \(dashboard-id-null/);
    expect(r.code).toBe(0);
    const fixed = JSON.parse(readFileSync(path.join(dir, 'fixme.json'), 'utf8')) as { id: unknown };
    expect(fixed.id).toBeNull();
    expect(readFileSync(path.join(dir, 'fixme.json'), 'utf8')).toMatch(/^\{\n {2}"id": null/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await run(['fixme.json', 'fixme-refid.json'])).code).toBe(0);
  });
});

describe('linting a whole provisioning tree', () => {
  it("this repository's provisioning/grafana lints clean with the README's CI line, import variants included", async () => {
    const repo = path.resolve(import.meta.dirname, '../..');
    let stdout = '';
    let stderr = '';
    const code = await runLintCli(['--format', 'github', '--max-warnings', '0', 'provisioning/grafana'], {
      stdout: (s: string) => (stdout += s),
      stderr: (s: string) => (stderr += s),
      env: { NO_COLOR: '1' },
      cwd: repo,
    });
    expect(stdout).toBe('');
    expect(code, stderr).toBe(0);
  });

  it('skips JSON that is not a dashboard when a directory finds it, but not when it is named', async () => {
    mkdirSync(path.join(dir, 'tree/importable'), { recursive: true });
    writeFileSync(path.join(dir, 'tree/settings.json'), '{"env": {"A": "1"}}\n');
    writeFileSync(path.join(dir, 'tree/a.json'), fixture('dashboard-id-null', 'good.json'));
    const found = await run(['tree']);
    expect(found.code, found.stdout).toBe(0);
    expect(found.stderr).toContain(`skipped ${path.join('tree', 'settings.json')}: JSON, but not a Grafana dashboard`);
    const named = await run([path.join('tree', 'settings.json')]);
    expect(named.code).toBe(1);
    expect(named.stdout).toMatch(/none of the fields of a Grafana dashboard/);
  });

  it('an import variant may carry __inputs and share its uid with the provisioned copy; --fix leaves it alone', async () => {
    const provisioned = fixture('dashboard-id-null', 'good.json');
    const body = JSON.parse(provisioned) as Record<string, unknown>;
    const variant = JSON.stringify({ __inputs: [{ name: 'DS_PROMETHEUS', label: 'Prometheus', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' }], __requires: [], ...body }, null, 2);
    writeFileSync(path.join(dir, 'tree/importable/a.json'), variant);
    const r = await run(['tree', '--fix']);
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(path.join(dir, 'tree/importable/a.json'), 'utf8')).toBe(variant);
    // The same file outside an importable folder is an export left in a provisioning folder.
    mkdirSync(path.join(dir, 'tree2'), { recursive: true });
    writeFileSync(path.join(dir, 'tree2/a.json'), variant);
    writeFileSync(path.join(dir, 'tree2/b.json'), provisioned);
    const misplaced = await run(['tree2', '--format', 'json']);
    const ids = (JSON.parse(misplaced.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids).toContain('no-export-artifacts');
    expect(ids).toContain('uid-unique');
  });
});

describe('the linter reads the build configuration', () => {
  it('team labels and a custom output folder: a bare lint finds the built dashboards and reports no false unknown labels', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'lint-build-config-'));
    writeFileSync(path.join(project, 'claude-code-dashboards.config.yaml'), `teamLabels: [team.id]\nextraMatchers: ['cluster="prod"']\noutput:\n  dashboards: out/dashboards\n` +
        // The opt-in worked example too, registered as a user registers a module.
        `dashboards:\n  - module: ${JSON.stringify(path.resolve(import.meta.dirname, '../../dashboards/examples/team-budget.ts'))}\n`);
    const { runBuildCli } = await import('../../scripts/build-dashboards.js');
    expect(await runBuildCli(['--quiet'], { stdout: () => undefined, stderr: () => undefined }, project)).toBe(0);
    let stdout = '';
    let stderr = '';
    const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), env: { NO_COLOR: '1' }, cwd: project };
    const code = await runLintCli(['--format', 'json', '--max-warnings', '0'], io);
    expect(code, stderr + stdout).toBe(0);
    const report = JSON.parse(stdout) as { summary: { files: number; errors: number } };
    expect(report.summary).toMatchObject({ files: 7, errors: 0 });
    // Without the build configuration the same files carry a label the linter does not know.
    stdout = '';
    writeFileSync(path.join(project, 'empty.yaml'), '{}\n');
    const blind = await runLintCli(['--format', 'json', '--build-config', 'empty.yaml', 'out/dashboards'], io);
    expect(blind).toBe(1);
    expect((JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('claude-code-unknown-label');
    rmSync(project, { recursive: true, force: true });
  });

  it('a broken build configuration is a configuration error (exit 2) naming the file and field', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'lint-build-config-'));
    writeFileSync(path.join(project, 'claude-code-dashboards.config.yaml'), 'naming: otel\n');
    let stderr = '';
    const code = await runLintCli([], { stdout: () => undefined, stderr: (s: string) => (stderr += s), env: {}, cwd: project });
    expect(code).toBe(2);
    expect(stderr).toMatch(/claude-code-dashboards\.config\.yaml: invalid configuration[\s\S]*naming: got "otel"/);
    rmSync(project, { recursive: true, force: true });
  });
});
