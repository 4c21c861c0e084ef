/**
 * The distributed path as shipped: the Compose profile "victoriametrics" (a Prometheus agent remote-
 * writing to VictoriaMetrics, vmalert evaluating our rules files) and the Mimir / Grafana Cloud rule
 * namespace file, each checked with the real tool available here: `promtool check config --agent`,
 * `vmalert -dryRun` (Debian's victoria-metrics) and `promtool check rules` on the namespace's groups
 * (mimirtool is not packaged here; its RuleNamespace format is Prometheus groups plus `namespace`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { defaultConfig } from '../../queries/config.js';
import { RULER_NAMESPACE, rulerNamespace } from '../../queries/ruler-namespace.js';
import { alertRules } from '../../queries/alerts.js';
import { recordingRules } from '../../queries/rules.js';
import { stackPaths, repoRoot } from '../../scripts/stack/paths.js';
import { describeWithBinary } from './helpers/binaries.js';
import { composeWithDefaults, readYaml } from './helpers/stack-files.js';

const agentConfig = path.join(repoRoot, 'provisioning', 'prometheus-agent', 'prometheus-agent.yml');
const ruleFiles = readdirSync(stackPaths.prometheusRules)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => path.join(stackPaths.prometheusRules, name));
const work = mkdtempSync(path.join(tmpdir(), 'ccd-distributed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type ScrapeConfig = { job_name: string; static_configs: { targets: string[] }[] };

describe('the Prometheus agent of the profile', () => {
  it('scrapes the collector with the same jobs, targets and interval as the stack Prometheus', () => {
    const agent = readYaml(agentConfig) as { global: { scrape_interval: string }; scrape_configs: ScrapeConfig[]; remote_write: { url: string }[] };
    const main = readYaml(stackPaths.prometheusConfig) as { global: { scrape_interval: string }; scrape_configs: ScrapeConfig[] };
    expect(agent.global.scrape_interval).toBe(main.global.scrape_interval);
    const collectorJobs = main.scrape_configs.filter((c) => c.job_name !== 'prometheus');
    expect(agent.scrape_configs).toEqual(collectorJobs);
    expect(agent.remote_write.map((r) => new URL(r.url).hostname)).toEqual(['victoriametrics']);
  });

  it('mounts its config and runs in agent mode', () => {
    const service = composeWithDefaults().services['prometheus-agent'];
    expect(service?.command).toEqual(expect.arrayContaining(['--agent', '--config.file=/etc/prometheus-agent/prometheus-agent.yml']));
    expect(service?.volumes).toContain('./provisioning/prometheus-agent:/etc/prometheus-agent:ro,z');
  });
});

describeWithBinary('promtool', 'promtool on the distributed path', (promtool) => {
  it('accepts the agent configuration in agent mode', () => {
    const result = spawnSync(promtool, ['check', 'config', '--agent', agentConfig], { encoding: 'utf8' });
    expect(result.status, result.stderr + result.stdout).toBe(0);
  });

  it('accepts the groups of the Mimir namespace file as Prometheus rules', () => {
    const file = path.join(work, 'namespace-groups.yml');
    writeFileSync(file, stringify({ groups: rulerNamespace(defaultConfig()).groups }));
    const result = spawnSync(promtool, ['check', 'rules', file], { encoding: 'utf8' });
    expect(result.status, result.stderr + result.stdout).toBe(0);
  });
});

describeWithBinary('vmalert', 'vmalert on the rules files', (vmalert) => {
  it('accepts every rules file the build writes (-dryRun)', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
    const result = spawnSync(vmalert, ['-dryRun', ...ruleFiles.map((f) => `-rule=${f}`), '-loggerLevel=ERROR'], { encoding: 'utf8' });
    expect(result.status, result.stderr + result.stdout).toBe(0);
  });

  it('rejects a broken rules file (the check is real)', () => {
    const file = path.join(work, 'broken.yml');
    writeFileSync(file, 'groups:\n  - name: broken\n    rules:\n      - record: x\n        expr: sum(\n');
    const result = spawnSync(vmalert, ['-dryRun', `-rule=${file}`, '-loggerLevel=ERROR'], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
  });

  it('is given the rules folder the build writes, by the profile', () => {
    const service = composeWithDefaults().services['vmalert'];
    expect(service?.volumes).toContain('./provisioning/prometheus/rules:/etc/vmalert/rules:ro,z');
    expect(service?.command).toContain('-rule=/etc/vmalert/rules/*.yml');
  });
}, 'apt-get install -y victoria-metrics');

describe('the Mimir / Grafana Cloud namespace file', () => {
  const file = path.join(repoRoot, 'provisioning', 'rulers', 'claude-code-dashboards.mimir.yml');

  it('holds the namespace and exactly the groups of the rules and alerts files', () => {
    const doc = parse(readFileSync(file, 'utf8')) as { namespace: string; groups: unknown[] };
    expect(Object.keys(doc).sort()).toEqual(['groups', 'namespace']);
    expect(doc.namespace).toBe(RULER_NAMESPACE);
    const config = defaultConfig();
    expect(doc.groups).toEqual(JSON.parse(JSON.stringify([...recordingRules(config).groups, ...alertRules(config).groups])));
  });

  it('gives every group a unique, non-empty name (what mimirtool validates)', () => {
    const names = rulerNamespace(defaultConfig()).groups.map((g) => (g as { name: string }).name);
    expect(names.every((n) => n.length > 0)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
