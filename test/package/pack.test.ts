/**
 * The published package works for a consumer: `npm pack`, install the tarball into a fresh project,
 * import panel factories and queries through the package's exports (JavaScript and TypeScript), build
 * a dashboard, and run the `claude-code-dashboards` bin; the README's links into docs/ resolve in the
 * installed copy (docs/ ships), and the installed linter's SARIF points at the installed docs/linter.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkTargets } from '../docs/markdown.js';

const REPO = resolve(import.meta.dirname, '../..');
const consumer = mkdtempSync(join(tmpdir(), 'ccd-consumer-'));

const CONSUMER_CODE = `
import * as units from '@grafana/grafana-foundation-sdk/units';
import { queryStat, statPanel, queryTarget, layoutRows } from 'claude-code-dashboards/panels';
import { costTotal, resolveConfig, render, promql, templateVariable } from 'claude-code-dashboards/queries';
import { buildDashboards, assemble, overviewVariables } from 'claude-code-dashboards/dashboards';
import { queries } from 'claude-code-dashboards';

const config = resolveConfig({ naming: 'claude-code-prometheus' });
const ctx = { config, filters: { identity: templateVariable('user') } };
const mine = assemble({
  uid: 'my-claude-costs',
  title: 'My Claude costs',
  description: 'A consumer-built dashboard',
  variables: overviewVariables(config),
  rows: [{ title: 'Cost', panels: [
    { panel: queryStat(ctx, costTotal), w: 6, h: 4 },
    { panel: statPanel({ title: 'Custom', description: 'A custom stat built from a query target', unit: units.Dollars, targets: [queryTarget(ctx, costTotal)] }), w: 6, h: 4 },
  ] }],
});
const built = buildDashboards(config);
const custom = render(promql.sum(promql.selector('claude_code_cost_usage_total')));
process.stdout.write(JSON.stringify({
  uid: mine.json.uid,
  panels: Array.isArray(mine.json.panels) ? mine.json.panels.length : -1,
  firstExpr: mine.targets[0].expr,
  builtUids: built.map((d) => d.uid),
  custom,
  rootHasQueries: typeof queries.resolveConfig === 'function',
}));
`;

describe('npm package', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'pipe' });
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', consumer], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop()!;
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(consumer, tarball)], { cwd: consumer, stdio: 'pipe' });
  }, 600_000);

  it('ships the library and the CLI, nothing else (no harness, generator, benchmarks or stack tooling)', () => {
    const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' })) as { files: { path: string }[] }[];
    const files = (listing[0]?.files ?? []).map((f) => f.path);
    expect(files.length).toBeGreaterThan(50);
    const outside = files.filter((f) => !/^(dist\/(queries|panels|dashboards)\/|dist\/scripts\/(cli|build-dashboards|lint-dashboards|report)\.js$|dist\/scripts\/lib\/[a-z-]+\.js$|docs\/[a-z-]+\.md$|docs\/images\/[a-z-]+\.svg$|README\.md$|LICENSE$|package\.json$)/.test(f));
    expect(outside).toEqual([]);
    // The code of the harness, generator, benchmarks and stack stays out (their docs/ pages ship with the guides).
    expect(files.filter((f) => f.startsWith('dist/') && /accuracy|synthetic|bench|\/stack\/|\.test\./.test(f))).toEqual([]);
  });

  it("ships docs/ so the README's links into it work in the installed copy, within a size budget", () => {
    const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' })) as { size: number; files: { path: string; size: number }[] }[];
    const files = listing[0]?.files ?? [];
    const pkg = join(consumer, 'node_modules/claude-code-dashboards');
    // Every link of the README and of the shipped guides that resolves into docs/ (pages and the picture).
    const shipped = ['README.md', ...readdirSync(join(pkg, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const intoDocs = shipped.flatMap((file) =>
      linkTargets(readFileSync(join(pkg, file), 'utf8'))
        .filter((t) => !/^(https?:|mailto:|#)/.test(t))
        .map((t) => posix.normalize(posix.join(posix.dirname(file), decodeURI(t.split('#')[0] ?? ''))))
        .filter((target) => target.startsWith('docs/')),
    );
    expect(intoDocs).toContain('docs/images/overview-with-data.svg');
    expect(intoDocs).toContain('docs/linter.md');
    expect(intoDocs.filter((target) => !existsSync(join(pkg, target)))).toEqual([]);
    // What docs/ costs: measured at about 90 KB of a 570 KB tarball (the picture about 43 KB of it).
    const docsBytes = files.filter((f) => f.path.startsWith('docs/')).reduce((n, f) => n + f.size, 0);
    expect(docsBytes).toBeGreaterThan(0);
    expect(listing[0]?.size ?? Infinity, 'the packed tarball grew past its budget of 800 KB').toBeLessThan(800_000);
  });

  it("the installed linter's SARIF points each rule at the installed docs/linter.md", () => {
    const bin = join(consumer, 'node_modules/.bin/claude-code-dashboards');
    const dir = join(consumer, 'sarif');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ uid: 'a', title: 'A', id: 3, schemaVersion: 41, panels: [] }));
    const r = spawnSync(bin, ['lint', '--format', 'sarif', 'a.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] };
    const rule = log.runs[0]?.tool.driver.rules.find((x) => x.id === 'dashboard-id-null');
    expect(rule?.helpUri).toMatch(/^file:\/\/.*\/node_modules\/claude-code-dashboards\/docs\/linter\.md#rule-dashboard-id-null$/);
    expect(existsSync(fileURLToPath(rule?.helpUri ?? 'file:///nowhere'))).toBe(true);
  });

  it("imports nothing at run time but Node's built-ins and the package's dependencies", () => {
    const pkg = join(consumer, 'node_modules/claude-code-dashboards');
    const deps = new Set(Object.keys((JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies));
    const bare = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.js')) {
          for (const m of readFileSync(path, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s*['"]([^'".][^'"]*)['"]|import\(\s*['"]([^'".][^'"]*)['"]\s*\)/g)) bare.add((m[1] ?? m[2]) as string);
        }
      }
    };
    walk(join(pkg, 'dist'));
    const packageOf = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
    // The worked example imports the package's own public entry points, as a user's module does.
    const foreign = [...bare].filter((spec) => !spec.startsWith('node:') && !deps.has(packageOf(spec)) && packageOf(spec) !== 'claude-code-dashboards');
    expect(bare.size).toBeGreaterThan(3);
    expect(foreign).toEqual([]);
  });

  it('every export loads from an ESM project (import) and a default CommonJS project (require)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const paths = Object.keys(pkg.exports).filter((k) => k !== './package.json').map((k) => `claude-code-dashboards${k.slice(1)}`);
    expect(paths).toContain('claude-code-dashboards/dashboards/lint');
    const cjs = join(consumer, 'cjs');
    mkdirSync(cjs, { recursive: true });
    // require() of an ES module with a default export (the worked example) adds Node's `__esModule` marker.
    // A default project: no "type", so .js is CommonJS; it resolves the package from the consumer's node_modules.
    writeFileSync(join(cjs, 'package.json'), JSON.stringify({ name: 'cjs-consumer', version: '1.0.0', private: true }));
    writeFileSync(join(cjs, 'main.js'), `const out = {};\nfor (const p of ${JSON.stringify(paths)}) out[p] = Object.keys(require(p)).filter((k) => k !== '__esModule').length;\nout.lint = typeof require('claude-code-dashboards/dashboards/lint').lintDashboards;\nprocess.stdout.write(JSON.stringify(out));\n`);
    writeFileSync(join(consumer, 'esm-all.mjs'), `const out = {};\nfor (const p of ${JSON.stringify(paths)}) out[p] = Object.keys(await import(p)).length;\nout.lint = typeof (await import('claude-code-dashboards/dashboards/lint')).lintDashboards;\nprocess.stdout.write(JSON.stringify(out));\n`);
    const fromCjs = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: cjs, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(consumer, 'node_modules') } })) as Record<string, unknown>;
    const fromEsm = JSON.parse(execFileSync(process.execPath, ['esm-all.mjs'], { cwd: consumer, encoding: 'utf8' })) as Record<string, unknown>;
    for (const out of [fromCjs, fromEsm]) {
      expect(out['lint']).toBe('function');
      for (const p of paths) expect(out[p], p).toBeGreaterThan(0);
    }
    expect(fromCjs).toEqual(fromEsm);
  });

  it('contains the compiled library, the generated schemas and the bin, and no tests', () => {
    const pkg = join(consumer, 'node_modules/claude-code-dashboards');
    expect(existsSync(join(pkg, 'dist/queries/index.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/panels/index.d.ts'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/dashboards/schema/generated/dashboard.json'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/scripts/cli.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/test'))).toBe(false);
    expect(readdirSync(pkg)).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json', 'dist']));
  });

  it('imports panel factories and queries from the package exports and builds a dashboard (JavaScript)', () => {
    writeFileSync(join(consumer, 'consumer.mjs'), CONSUMER_CODE);
    const out = JSON.parse(execFileSync(process.execPath, ['consumer.mjs'], { cwd: consumer, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out['uid']).toBe('my-claude-costs');
    expect(out['panels']).toBe(3);
    // The rules' increments, or the raw fallback switched by the dashboard's ccd_fallback variable.
    expect(out['firstExpr']).toMatch(/^sum\(sum_over_time\(claude_code:cost_usd:reported_increments\{user_email=~"\$user"\}\[\$__range\]\) or \(last_over_time\(claude_code_cost_usage_total\{user_email=~"\$user", ccd_fallback=~"\$ccd_fallback"\}\[\$__range\]\)/);
    expect(out['firstExpr']).toMatch(/\) or vector\(0\)$/);
    expect(out['builtUids']).toEqual(['claude-code-overview', 'claude-code-user', 'claude-code-activity', 'claude-code-events', 'claude-code-session', 'claude-code-health']);
    expect(out['custom']).toBe('sum(claude_code_cost_usage_total)');
    expect(out['rootHasQueries']).toBe(true);
  });

  it('type-checks the same consumer code in TypeScript against the published types', () => {
    // The consumer has no @types/node; declare the one Node global the shared code uses.
    writeFileSync(join(consumer, 'consumer.ts'), `declare const process: { stdout: { write(text: string): void } };\n${CONSUMER_CODE}`);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['consumer.ts'] }),
    );
    execFileSync(join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: consumer, stdio: 'pipe' });
  });

  it("compiles and runs the README's library example against the package", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Using the library in your own dashboards'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example, 'the README has a ```ts example in "Using the library"').toBeDefined();
    writeFileSync(join(consumer, 'readme-example.ts'), `${example}\ndeclare const process: { stdout: { write(text: string): void } };\nprocess.stdout.write(JSON.stringify(json));\n`);
    writeFileSync(
      join(consumer, 'tsconfig.readme.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['readme-example.ts'] }),
    );
    execFileSync(join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.readme.json'], { cwd: consumer, stdio: 'pipe' });
    const out = JSON.parse(execFileSync(process.execPath, ['--import', join(REPO, 'node_modules/tsx/dist/esm/index.mjs'), 'readme-example.ts'], { cwd: consumer, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out['uid']).toBe('my-claude-costs');
    expect(JSON.stringify(out)).toContain('sum by (team_id) (sum_over_time(claude_code:cost_usd:reported_increments');
  });

  it('runs the claude-code-dashboards bin in the consumer project', () => {
    const bin = join(consumer, 'node_modules/.bin/claude-code-dashboards');
    const out = execFileSync(bin, ['build'], { cwd: consumer, encoding: 'utf8' });
    expect(out).toContain('Built 6 dashboards');
    expect(JSON.parse(readFileSync(join(consumer, 'provisioning/grafana/dashboards/claude-code/claude-code-overview.json'), 'utf8'))['uid']).toBe('claude-code-overview');
    expect(execFileSync(bin, ['--help'], { cwd: consumer, encoding: 'utf8' })).toContain('Usage: claude-code-dashboards <command>');
  });

  it('type-checks the worked example, copied unchanged, against the packed package', () => {
    writeFileSync(join(consumer, 'team-budget.ts'), readFileSync(join(REPO, 'dashboards/examples/team-budget.ts'), 'utf8'));
    writeFileSync(
      join(consumer, 'tsconfig.example.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['team-budget.ts'] }),
    );
    const tsc = spawnSync(join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.example.json'], { cwd: consumer, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('the bin builds the dashboards a config registers: the shipped example, a module of the project, and explains a .ts one', () => {
    const bin = join(consumer, 'node_modules/.bin/claude-code-dashboards');
    const dir = join(consumer, 'registered');
    mkdirSync(join(dir, 'boards'), { recursive: true });
    writeFileSync(
      join(dir, 'boards/mine.mjs'),
      `import { queryStat } from 'claude-code-dashboards/panels';\nimport { costTotal } from 'claude-code-dashboards/queries';\nimport { defineDashboard, overviewVariables } from 'claude-code-dashboards/dashboards';\nexport default defineDashboard((config) => { const variables = overviewVariables(config); const ctx = { config, filters: variables.filters };\n  return { uid: 'mine', title: 'Mine', description: 'A project dashboard', variables, rows: [{ title: 'Cost', panels: [{ panel: queryStat(ctx, costTotal), w: 6, h: 4 }] }] }; });\n`,
    );
    writeFileSync(join(dir, 'claude-code-dashboards.config.yaml'), 'dashboards:\n  - module: claude-code-dashboards/examples/team-budget\n  - module: ./boards/mine.mjs\n');
    const ok = spawnSync(bin, ['build'], { cwd: dir, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('Built 8 dashboards');
    const folder = join(dir, 'provisioning/grafana/dashboards/claude-code');
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['claude-code-example.json', 'mine.json']));
    // The example is the same dashboard the repository's own build makes from its source.
    expect(readFileSync(join(folder, 'claude-code-example.json'), 'utf8')).toContain('"title": "Claude Code team budget (example)"');
    expect(spawnSync(bin, ['build', '--check'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    writeFileSync(join(dir, 'boards/mine.ts'), 'export default () => ({});\n');
    writeFileSync(join(dir, 'claude-code-dashboards.config.yaml'), 'dashboards:\n  - module: ./boards/mine.ts\n');
    const ts = spawnSync(bin, ['build'], { cwd: dir, encoding: 'utf8' });
    // Plain Node before 22.18 cannot import TypeScript: exit 2 and say what to do (or it loads and fails on the spec).
    expect(ts.status).toBe(2);
    expect(ts.stderr).toMatch(/dashboards\.0\.module: got "\.\/boards\/mine\.ts": (the module could not be loaded \(ERR_UNKNOWN_FILE_EXTENSION.*run the build under tsx|its factory returned an object without)/);
  });
});
