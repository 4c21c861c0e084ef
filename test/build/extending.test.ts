/**
 * Extension points, not forks: dashboards a user registers in the configuration go through the same build,
 * schema validation, drift check and linter as ours; the worked example is opt-in and written against the
 * public entry points only; stock queries are overridden by id from the configuration, everywhere they show.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboards, dashboardSpecs, type BuiltDashboard } from '../../dashboards/index.js';
import { runBuildCli } from '../../scripts/build-dashboards.js';
import { runLintCli } from '../../scripts/lint-dashboards.js';
import { ConfigError, costTotal, resolveConfig } from '../../queries/index.js';

const REPO = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(REPO, 'dashboards/examples/team-budget.ts');

async function build(root: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runBuildCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) }, root);
  return { code, out, err };
}

/** A fresh project folder with a configuration file and any extra files. */
function project(config: string, files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'ccd-ext-'));
  writeFileSync(join(root, 'claude-code-dashboards.config.yaml'), config);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const provisioned = (root: string) => join(root, 'provisioning/grafana/dashboards/claude-code');

/** A user's module, written as a user writes it: public entry points only, a raw query of their own. */
const TEAM_MODULE = `
import { queryStat, queryTimeSeries } from 'claude-code-dashboards/panels';
import { costTotal, defineRawQuery } from 'claude-code-dashboards/queries';
import { defineDashboard, overviewVariables } from 'claude-code-dashboards/dashboards';

const requests = defineRawQuery({
  id: 'team.requests', title: 'API requests', description: 'Requests the team API served.', measure: 'count', kind: 'range',
  expr: () => 'sum(my_api_requests_total)',
});

export default defineDashboard((config) => {
  const variables = overviewVariables(config);
  const ctx = { config, filters: variables.filters };
  return {
    uid: 'team-api', title: 'Team API and Claude Code', description: 'Our API beside what Claude Code cost.', variables,
    rows: [{ title: 'Team', panels: [{ panel: queryStat(ctx, costTotal), w: 6, h: 4 }, { panel: queryTimeSeries(ctx, requests), w: 18, h: 8 }] }],
  };
});
`;

describe('dashboards registered in the configuration', () => {
  it('are built, schema-validated, written beside ours, drift-checked and linted like ours', async () => {
    const root = project('dashboards:\n  - module: ./my-dashboards/team.ts\n', { 'my-dashboards/team.ts': TEAM_MODULE });
    const first = await build(root);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Built 7 dashboards/);
    const json = JSON.parse(readFileSync(join(provisioned(root), 'team-api.json'), 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
    expect(json.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr)).toContain('sum(my_api_requests_total)');
    expect(existsSync(join(root, 'provisioning/grafana/importable/team-api.json'))).toBe(true);
    expect((await build(root, '--check')).code).toBe(0);

    // The drift check covers the user's dashboard: an edit to its output is reported.
    const file = join(provisioned(root), 'team-api.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Team API and Claude Code', 'Edited'));
    const check = await build(root, '--check');
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/changed: .*team-api\.json/);

    // The linter's rules reach it (with CI's --max-warnings 0): the raw counter summed without rate() is flagged.
    await build(root);
    let out = '';
    const lint = await runLintCli(['--format', 'json', '--max-warnings', '0'], { stdout: (t: string) => (out += t), stderr: () => undefined, cwd: root });
    expect(lint).toBe(1);
    const findings = (JSON.parse(out) as { findings: { file: string; ruleId: string }[] }).findings;
    expect(findings.filter((f) => f.file.endsWith('team-api.json')).map((f) => f.ruleId)).toContain('counter-without-rate');
    expect(findings.filter((f) => !f.file.endsWith('team-api.json'))).toEqual([]);
  });

  const BAD: [string, string, Record<string, string>, RegExp][] = [
    ['a path that does not exist', '  - module: ./nope.ts\n', {}, /dashboards\.0\.module: got "\.\/nope\.ts": no such file .*; fix: give the module's path relative to the folder of the configuration file/],
    ['a package that is not installed', '  - module: no-such-package/dash\n', {}, /dashboards\.0\.module: got "no-such-package\/dash": no installed package exports it; fix: install the package/],
    ['a module without a default export', '  - module: ./m.ts\n', { 'm.ts': 'export function team() { return 1; }\n' }, /the module has no default export that is a function \(its functions: team\); fix: end it with `export default defineDashboard\(.*or set dashboards\.0\.export/],
    ['a named export that is missing', '  - module: ./m.ts\n    export: board\n', { 'm.ts': 'export default () => 1;\n' }, /the module has no export "board" that is a function/],
    ['a factory that returns no dashboard spec', '  - module: ./m.ts\n', { 'm.ts': 'export default () => ({ uid: "x" });\n' }, /its factory returned an object without a string "title"; fix: return a DashboardSpec/],
    ['a module that does not load', '  - module: ./m.ts\n', { 'm.ts': 'import "./missing.js";\nexport default () => 1;\n' }, /the module could not be loaded \(ERR_MODULE_NOT_FOUND: .*\); fix: make the module import cleanly/],
  ];
  it.each(BAD)('%s: exit 2, the config file, field and fix, nothing written', async (_what, entries, files, message) => {
    const root = project(`dashboards:\n${entries}`, files);
    const { code, err } = await build(root);
    expect(code).toBe(2);
    expect(err).toContain(`${join(root, 'claude-code-dashboards.config.yaml')}: invalid configuration`);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'provisioning'))).toBe(false);
  });
});

describe('the worked example', () => {
  it('is not built unless the configuration registers it; registered, it builds like a stock dashboard', async () => {
    expect(dashboardSpecs(resolveConfig({})).map((s) => s.uid)).toEqual(['claude-code-overview', 'claude-code-user', 'claude-code-activity', 'claude-code-events', 'claude-code-session', 'claude-code-health']);
    const plain = project('{}\n');
    expect((await build(plain)).code).toBe(0);
    expect(readdirSync(provisioned(plain))).not.toContain('claude-code-example.json');
    const opted = project(`dashboards:\n  - module: ${JSON.stringify(EXAMPLE)}\n`);
    const r = await build(opted);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(readFileSync(join(provisioned(opted), 'claude-code-example.json'), 'utf8')) as { title: string };
    expect(json.title).toBe('Claude Code team budget (example)');
  });

  it("imports only the package's public entry points (package.json exports) and its dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; dependencies: Record<string, string> };
    const publicPaths = new Set(Object.keys(pkg.exports).map((k) => `claude-code-dashboards${k.slice(1)}`));
    const specifiers = [...readFileSync(EXAMPLE, 'utf8').matchAll(/^import[^'"]*from\s*'([^']+)'/gm)].map((m) => m[1] as string);
    expect(specifiers.length).toBeGreaterThan(2);
    const allowed = (s: string) => publicPaths.has(s) || Object.keys(pkg.dependencies).some((d) => s === d || s.startsWith(`${d}/`));
    expect(specifiers.filter((s) => !allowed(s))).toEqual([]);
    expect(publicPaths.has('claude-code-dashboards/examples/team-budget')).toBe(true);
  });
});

describe('overriding a stock query by id (config `queries`)', () => {
  const exprsOf = (built: readonly BuiltDashboard[], id: string) => built.flatMap((d) => d.targets.filter((t) => t.queryId === id).map((t) => t.expr));
  const panelsOf = (built: readonly BuiltDashboard[], id: string) =>
    built.flatMap((d) => (d.json['panels'] as Record<string, unknown>[]).flatMap((p) => [p, ...((p['panels'] as Record<string, unknown>[] | undefined) ?? [])]))
      .filter((p) => JSON.stringify(p['targets'] ?? []).includes('my_billing_usd_total'));

  it('replaces the query everywhere it is shown, with the panel options, and changes nothing else', () => {
    const stock = buildDashboards(resolveConfig({}));
    const expr = 'sum(increase(my_billing_usd_total[$__range]))';
    const config = resolveConfig({ queries: { 'cost.total': { expr, description: 'Billed by our proxy.', panel: { title: 'Billed spend', decimals: 0 } } } });
    const built = buildDashboards(config);
    expect(exprsOf(stock, costTotal.id).length).toBeGreaterThan(1);
    expect(exprsOf(built, costTotal.id)).toEqual(exprsOf(stock, costTotal.id).map(() => expr));
    const panels = panelsOf(built, costTotal.id);
    expect(panels.length).toBe(exprsOf(built, costTotal.id).length);
    for (const p of panels) {
      expect(p['title']).toBe('Billed spend');
      expect((p['fieldConfig'] as { defaults: { decimals?: number } }).defaults.decimals).toBe(0);
      expect(String(p['description'])).toContain('Billed by our proxy.');
    }
    // Every other target is exactly the stock one.
    const others = (b: readonly BuiltDashboard[]) => b.flatMap((d) => d.targets.filter((t) => t.queryId !== costTotal.id).map((t) => t.expr));
    expect(others(built)).toEqual(others(stock));
  });

  it('an unknown id is a clear error (and does not compile); a kind that does not fit the panel fails the build', async () => {
    // @ts-expect-error 'cost.totl' is not a stock query id
    const typo = resolveConfig({ queries: { 'cost.totl': { title: 'x' } } });
    expect(() => buildDashboards(typo)).toThrow(ConfigError);
    expect(() => buildDashboards(typo)).toThrow(/queries\.cost\.totl: got "cost\.totl": is not a stock query id; fix: .*cost\.total/);
    const root = project('queries:\n  cost.totl:\n    title: x\n');
    const r = await build(root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('claude-code-dashboards.config.yaml: invalid configuration');
    expect(r.err).toContain('queries.cost.totl');
    expect(existsSync(join(root, 'provisioning'))).toBe(false);
    const unparsable = project('queries:\n  cost.total:\n    expr: "sum(up"\n');
    expect((await build(unparsable)).err).toMatch(/queries\.cost\.total\.expr: got "sum\(up": does not parse as PromQL/);
    // A range trend overridden to an instant query cannot stay in its time series.
    expect(() => buildDashboards(resolveConfig({ queries: { 'trends.costRateByModel': { kind: 'instant' } } }))).toThrow(/"trends\.costRateByModel" is an instant query/);
  });
});

describe('docs/extending.md', () => {
  const doc = readFileSync(join(REPO, 'docs/extending.md'), 'utf8');
  const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);

  it('its module example builds through the registered config and lints clean; its queries example applies', async () => {
    const [module] = blocks('ts');
    const yamls = blocks('yaml');
    expect(module).toBeDefined();
    const register = yamls.find((y) => y.includes('./my-dashboards/team.ts'))!.split('\n').filter((l) => !l.includes('more.mjs') && !l.includes('budgetBoard')).join('\n');
    const root = project(register, { 'my-dashboards/team.ts': module! });
    const r = await build(root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    let out = '';
    const lint = await runLintCli(['--format', 'json', '--max-warnings', '0'], { stdout: (t: string) => (out += t), stderr: () => undefined, cwd: root });
    expect((JSON.parse(out) as { findings: { file: string; ruleId: string; message: string }[] }).findings.map((f) => `${f.file} ${f.ruleId}: ${f.message}`)).toEqual([]);
    expect(lint).toBe(0);
    const overrides = project(yamls.find((y) => y.startsWith('queries:'))!);
    expect((await build(overrides)).code).toBe(0);
    expect(readFileSync(join(provisioned(overrides), 'claude-code-overview.json'), 'utf8')).toContain('"title": "Billed spend"');
  });
});
