/**
 * Output for CI: SARIF with relative URIs against --base, a helpUri per rule that lands on the rule's
 * anchor in docs/linter.md and regions for JSON and YAML inputs; GitHub annotations errors first.
 * No SARIF 2.1.0 JSON schema is available offline, so the log's structure is checked field by field.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { RULES } from '../../dashboards/lint/index.js';
import { runLintCli } from '../../scripts/lint-dashboards.js';
import { FIXTURES, REPO_ROOT } from './helpers.js';

let dir: string;
const fixture = (rule: string) => readFileSync(path.join(FIXTURES, rule, 'bad.json'), 'utf8');

async function run(args: string[], cwd = dir) {
  let stdout = '';
  let stderr = '';
  const code = await runLintCli(args, { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), env: { NO_COLOR: '1' }, cwd });
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lint-ci-'));
  mkdirSync(path.join(dir, 'repo/dash boards'), { recursive: true });
  writeFileSync(path.join(dir, 'repo/dash boards/error.json'), fixture('claude-code-session-count-increase'));
  writeFileSync(path.join(dir, 'repo/warning.json'), fixture('editable-false'));
  const body = JSON.parse(fixture('claude-code-session-count-increase')) as Record<string, unknown>;
  writeFileSync(
    path.join(dir, 'repo/manifest.yaml'),
    toYaml({ apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', metadata: { name: 'yaml-one' }, spec: { ...body, uid: 'yaml-one', title: 'From YAML' } }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type SarifLog = { runs: { originalUriBaseIds: Record<string, { uri: string }>; tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: any[]; columnKind: string }[] };

describe('sarif', () => {
  it('artifact URIs are relative to --base with a declared uriBaseId, and every located finding has a region', async () => {
    const r = await run(['repo', 'repo/manifest.yaml', '--format', 'sarif', '--base', 'repo']);
    const run0 = (JSON.parse(r.stdout) as SarifLog).runs[0]!;
    expect(run0.originalUriBaseIds['%SRCROOT%']?.uri).toBe(`${pathToFileURL(path.join(dir, 'repo')).href}/`);
    const uris = new Set(run0.results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(['dash%20boards/error.json', 'manifest.yaml', 'warning.json']);
    for (const result of run0.results) {
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.region?.startLine, `${result.ruleId} ${loc.artifactLocation.uri}`).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
    }
    expect(run0.columnKind).toBe('utf16CodeUnits');
  });

  it('a YAML manifest gets the line of the pointed-at query', async () => {
    const r = await run(['repo/manifest.yaml', '--format', 'sarif']);
    const result = (JSON.parse(r.stdout) as SarifLog).runs[0]!.results.find((x) => x.ruleId === 'claude-code-session-count-increase');
    const line = readFileSync(path.join(dir, 'repo/manifest.yaml'), 'utf8').split('\n')[result.locations[0].physicalLocation.region.startLine - 1];
    expect(line).toMatch(/^\s*expr:/);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('repo/manifest.yaml');
  });

  it('the default base is the working directory; a file outside the base gets an absolute file URI', async () => {
    const inside = await run(['dash boards/error.json', '--format', 'sarif'], path.join(dir, 'repo'));
    expect((JSON.parse(inside.stdout) as SarifLog).runs[0]!.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('dash%20boards/error.json');
    const outside = await run(['repo/warning.json', '--format', 'sarif', '--base', 'repo/dash boards']);
    const location = (JSON.parse(outside.stdout) as SarifLog).runs[0]!.results[0].locations[0].physicalLocation.artifactLocation;
    expect(location).toEqual({ uri: pathToFileURL(path.join(dir, 'repo/warning.json')).href });
  });

  it('every rule has a helpUri to its anchor in docs/linter.md, and the anchor is there', async () => {
    const r = await run(['repo/warning.json', '--format', 'sarif']);
    const rules = (JSON.parse(r.stdout) as SarifLog).runs[0]!.tool.driver.rules;
    expect(rules.map((x) => x.id)).toEqual(RULES.map((x) => x.id));
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/linter.md'), 'utf8');
    for (const rule of rules) {
      const uri = new URL(rule.helpUri ?? '');
      expect(uri.href.split('#')[0]).toBe(pathToFileURL(path.join(REPO_ROOT, 'docs/linter.md')).href);
      expect(doc).toContain(`<a id="${uri.hash.slice(1)}"></a>\`${rule.id}\``);
    }
  });

  it('--base must be a directory', async () => {
    const r = await run(['repo/warning.json', '--format', 'sarif', '--base', 'nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--base/);
  });
});

describe('github', () => {
  it('errors first, then warnings, then notes', async () => {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ rules: { 'panel-title-description': 'info' } }));
    const r = await run(['repo/warning.json', 'repo/dash boards/error.json', 'repo/warning.json', '--format', 'github', '--config', 'config.json']);
    const kinds = r.stdout.trim().split('\n').map((l) => /^::(\w+)/.exec(l)?.[1]);
    const rank = { error: 0, warning: 1, notice: 2 } as Record<string, number>;
    expect(kinds).toContain('error');
    expect(kinds).toContain('warning');
    expect(kinds.map((k) => rank[k!])).toEqual([...kinds.map((k) => rank[k!])].sort());
    // The first file's warning comes after the second file's error.
    expect(r.stdout.indexOf('::error file=repo/dash boards/error.json')).toBeLessThan(r.stdout.indexOf('::warning file=repo/warning.json'));
  });
});
