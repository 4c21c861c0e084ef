/**
 * Checkers for the code blocks of docs/*.md (code-blocks.test.ts runs them): the configuration and lint
 * configuration examples parse with the real schemas, the error example is what the build prints for it,
 * the rule excerpt is the generated recording rule, the PromQL is the shape the overview's panels use, and
 * the stack's diagrams and snippets agree with docker-compose.yml and the collector configuration.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseLintConfig } from '../../dashboards/lint/config.js';
import { parseConfig } from '../../queries/config.js';
import { findSyntaxError } from '../../queries/promql/parse.js';
import { runBuildCli } from '../../scripts/build-dashboards.js';
import type { CodeBlock } from './markdown.js';
import { read, type Checker } from './readme-checkers.js';

const in_ = (file: string, heading: string, lang: string) => (b: CodeBlock) => b.file === file && b.heading === heading && b.lang === lang;

/** Every `expr` of a built dashboard's targets, rows included. */
function exprsOf(file: string): string[] {
  const out: string[] = [];
  const walk = (panels: readonly Record<string, unknown>[]) => {
    for (const p of panels) {
      walk((p['panels'] as Record<string, unknown>[] | undefined) ?? []);
      for (const t of (p['targets'] as { expr?: string }[] | undefined) ?? []) if (t.expr) out.push(t.expr);
    }
  };
  walk((JSON.parse(read(file)) as { panels: Record<string, unknown>[] }).panels);
  return out;
}

const buildConfig: Checker = {
  name: 'the configuration example is valid for the build',
  claims: in_('docs/configuration.md', 'Configuration', 'yaml'),
  check: (b) => {
    const config = parseConfig(parseYaml(b.body), b.file);
    expect(config.teamLabels).toEqual(['team.id', 'department']);
  },
};

const buildError: Checker = {
  name: 'the error example is what the build prints for those two mistakes',
  claims: in_('docs/configuration.md', 'Configuration', ''),
  check: async (b) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccd-docs-'));
    writeFileSync(path.join(dir, 'claude-code-dashboards.config.yaml'), 'naming: otel\nthresholds:\n  cacheHitTarget: 85\n');
    let stderr = '';
    const code = await runBuildCli([], { stdout: () => undefined, stderr: (t) => void (stderr += t) }, dir);
    expect(code).toBe(2);
    expect(stderr.split(`${dir}${path.sep}`).join('').trimEnd()).toBe(b.body.trimEnd());
  },
};

const ruleExcerpt: Checker = {
  name: 'the recording-rule excerpt is the generated cost rule, with x for the metric',
  claims: in_('docs/counting.md', 'How the numbers are counted', 'yaml'),
  check: (b) => {
    const [excerpt] = parseYaml(b.body) as { record: string; expr: string }[];
    const generated = (parseYaml(read('provisioning/prometheus/rules/claude-code-dashboards.rules.yml')) as { groups: { rules: { record?: string; expr: string }[] }[] }).groups
      .flatMap((g) => g.rules)
      .find((r) => r.record === excerpt?.record);
    expect(generated, excerpt?.record).toBeDefined();
    const squash = (s: string) => s.replace(/#.*$/gm, '').replace(/\s+/g, '');
    expect(squash(excerpt?.expr ?? '').replace(/\bx\[/g, 'claude_code_cost_usage_USD_total[')).toBe(squash(generated?.expr ?? ''));
  },
};

const panelQuery: Checker = {
  name: "the PromQL example parses and is the shape of the overview's cost-by-model query",
  claims: in_('docs/counting.md', 'How the numbers are counted', 'promql'),
  check: (b) => {
    const expr = b.body.trim();
    expect(findSyntaxError(expr)).toBeUndefined();
    const shape = (s: string) => s.replace(/\{[^}]*\}/g, '{}');
    const head = shape(expr).replace(/\)$/, '');
    const stock = exprsOf('provisioning/grafana/dashboards/claude-code/claude-code-overview.json').filter((e) => shape(e).startsWith(head));
    expect(stock.length).toBeGreaterThan(0);
    for (const matcher of expr.match(/\w+=~"\$\w+"/g) ?? []) expect(stock[0]).toContain(matcher);
  },
};

const lintConfig: Checker = {
  name: 'the lint configuration example is valid for the linter',
  claims: in_('docs/linter.md', 'Lint config', 'yaml'),
  check: (b) => {
    const config = parseLintConfig(parseYaml(b.body), b.file);
    expect(config.exclude.length).toBe(2);
  },
};

/** Host ports docker-compose.yml publishes (its `${VAR:-port}` defaults) and the collector's exporter port. */
function stackPorts(): Set<string> {
  const compose = read('docker-compose.yml');
  const ports = new Set([...compose.matchAll(/:-(\d{4,5})\}/g)].map((m) => m[1] ?? ''));
  for (const m of read('provisioning/otel-collector/config.yaml').matchAll(/:(\d{4,5})\b/g)) ports.add(m[1] ?? '');
  return ports;
}

const diagrams: Checker = {
  name: 'the architecture diagrams name only ports the stack publishes',
  claims: (b) => b.file === 'docs/stack.md' && b.heading === 'Architecture',
  check: (b) => {
    const ports = stackPorts();
    const named = [...b.body.matchAll(/:(\d{4,5})\b/g)].map((m) => m[1] ?? '');
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((p) => !ports.has(p))).toEqual([]);
    for (const processor of ['memory_limiter', 'deltatocumulative', 'batch']) expect(b.body).toContain(processor);
  },
};

const remoteWrite: Checker = {
  name: "the remote-write snippet keeps the stack's metrics processors, in order",
  claims: in_('docs/stack.md', 'Scaling beyond one machine', 'yaml'),
  check: (b) => {
    type Pipelines = { service: { pipelines: { metrics: { processors: string[]; exporters: string[] } } } };
    const snippet = parseYaml(b.body) as Pipelines & { exporters: Record<string, unknown> };
    const stack = parseYaml(read('provisioning/otel-collector/config.yaml')) as Pipelines;
    expect(snippet.service.pipelines.metrics.processors).toEqual(stack.service.pipelines.metrics.processors);
    expect(Object.keys(snippet.exporters)).toEqual(snippet.service.pipelines.metrics.exporters);
  },
};

const profile: Checker = {
  name: 'the VictoriaMetrics profile line names a profile docker-compose.yml defines',
  claims: in_('docs/stack.md', 'Rules on a distributed engine', 'sh'),
  check: (b) => {
    const name = /COMPOSE_PROFILES=(\S+)/.exec(b.body)?.[1] ?? '';
    expect(read('docker-compose.yml')).toContain(`profiles: ["${name}"]`);
  },
};

const extendingConfig: Checker = {
  name: 'the configuration examples of docs/extending.md are valid for the build (test/build/extending.test.ts builds them)',
  claims: (b) => b.file === 'docs/extending.md' && b.lang === 'yaml',
  check: (b) => {
    const config = parseConfig(parseYaml(b.body), b.file);
    expect(config.dashboards.length + Object.keys(config.queries).length + (config.metricPrefix ? 1 : 0)).toBeGreaterThan(0);
  },
};

const extendingModule: Checker = {
  name: 'the dashboard module of docs/extending.md imports only public paths (test/build/extending.test.ts builds and lints it)',
  claims: in_('docs/extending.md', 'Your own dashboards', 'ts'),
  check: (b) => {
    const specifiers = [...b.body.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((s) => !/^claude-code-dashboards\/(panels|queries|dashboards)$/.test(s))).toEqual([]);
    expect(b.body).toMatch(/export default/);
  },
};

const eventsConfig: Checker = {
  name: 'the events configuration example is valid for the build and is the default',
  claims: in_('docs/events.md', 'Configuration', 'yaml'),
  check: (b) => {
    const config = parseConfig(parseYaml(b.body), b.file);
    expect(config.events).toEqual(parseConfig({}, b.file).events);
  },
};

const healthConfig: Checker = {
  name: 'the health configuration example is valid for the build and names the stack\'s two collector jobs',
  claims: in_('docs/health.md', 'Configuration', 'yaml'),
  check: (b) => {
    const config = parseConfig(parseYaml(b.body), b.file);
    expect([config.alerts.collectorJob, config.health.collectorInternalJob]).toEqual([parseConfig({}, b.file).alerts.collectorJob, parseConfig({}, b.file).health.collectorInternalJob]);
    const jobs = (parseYaml(read('provisioning/prometheus/prometheus.yml')) as { scrape_configs: { job_name: string }[] }).scrape_configs.map((c) => c.job_name);
    expect(jobs).toEqual(expect.arrayContaining([config.alerts.collectorJob, config.health.collectorInternalJob]));
  },
};

export const DOCS_CHECKERS: readonly Checker[] = [buildConfig, buildError, ruleExcerpt, panelQuery, lintConfig, diagrams, remoteWrite, profile, extendingConfig, extendingModule, eventsConfig, healthConfig];
