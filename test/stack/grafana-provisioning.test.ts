/**
 * Grafana provisioning files against zod schemas that catch the gotchas of
 * shared/docs/dashboards-as-code.md (c), plus this project's policy: one read-only provider for the
 * generated dashboards and pinned datasource uids that cover every uid those dashboards use.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardDatasourceReferences, datasourceReferences, listDashboardFiles } from '../../scripts/stack/dashboard-datasources.js';
import { stackPaths } from '../../scripts/stack/paths.js';
import {
  dashboardProviderFileSchema,
  datasourceFileSchema,
  describeIssues,
  findUnescapedDollars,
  type DashboardProviderFile,
  type DatasourceFile,
} from '../../scripts/stack/provisioning-schema.js';
import { parse } from 'yaml';
import { composeWithDefaults, readYaml } from './helpers/stack-files.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(dir, name));
}

function parseProviders(value: unknown): DashboardProviderFile {
  const result = dashboardProviderFileSchema().safeParse(value);
  if (!result.success) throw new Error(describeIssues(result.error).join('\n'));
  return result.data;
}

function parseDatasources(value: unknown): DatasourceFile {
  const result = datasourceFileSchema().safeParse(value);
  if (!result.success) throw new Error(describeIssues(result.error).join('\n'));
  return result.data;
}

const providerFiles = yamlFiles(stackPaths.grafanaProviders);
const datasourceFiles = yamlFiles(stackPaths.grafanaDatasources);
const datasources = datasourceFiles.flatMap((file) => parseDatasources(readYaml(file)).datasources);

describe('dashboard provider files', () => {
  it.each(providerFiles)('%s passes the schema', (file) => {
    expect(() => parseProviders(readYaml(file))).not.toThrow();
  });

  it('serve the generated dashboards from one read-only provider in the "Claude Code" folder', () => {
    const providers = providerFiles.flatMap((file) => parseProviders(readYaml(file)).providers);
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      type: 'file',
      folder: 'Claude Code',
      folderUid: 'claude-code',
      allowUiUpdates: false,
      disableDeletion: true,
      options: { path: '/etc/grafana/dashboards/claude-code' },
    });
    expect(providers[0]?.options.foldersFromFilesStructure).toBeUndefined();
  });
});

describe('datasource files', () => {
  it.each(datasourceFiles)('%s passes the schema', (file) => {
    expect(() => parseDatasources(readYaml(file))).not.toThrow();
  });

  it('provision Prometheus, VictoriaMetrics (profile) and Loki with pinned uids, not editable in the UI', () => {
    expect(datasources.map((ds) => [ds.type, ds.uid, ds.editable])).toEqual([
      ['prometheus', 'prometheus', false],
      ['prometheus', 'victoriametrics', false],
      ['loki', 'loki', false],
    ]);
  });

  it('point at the Compose services on their container ports', () => {
    const compose = composeWithDefaults();
    for (const ds of datasources) {
      const url = new URL(ds.url ?? '');
      const service = compose.services[url.hostname];
      expect(service, `${ds.name} -> ${url.hostname}`).toBeDefined();
      const containerPorts = (service?.ports ?? []).map((p) => Number(String(p).split(':').at(-1)));
      expect(containerPorts).toContain(Number(url.port));
    }
  });

  it('set the minimum step of every Prometheus-type datasource to the scrape interval', () => {
    const prometheus = readYaml(stackPaths.prometheusConfig) as { global: { scrape_interval: string } };
    const prometheusType = datasources.filter((d) => d.type === 'prometheus');
    expect(prometheusType.length).toBe(2);
    for (const ds of prometheusType) expect(ds.jsonData?.['timeInterval'], ds.name).toBe(prometheus.global.scrape_interval);
  });
});

describe('generated dashboards', () => {
  const files = listDashboardFiles(stackPaths.grafanaDashboards);

  it('reference only provisioned datasource uids', (ctx) => {
    if (files.length === 0) {
      // Provisioning is still checked above; the dashboards come from npm run build:dashboards.
      ctx.annotate('no dashboards in provisioning/grafana/dashboards yet (npm run build:dashboards writes them)');
      console.warn('grafana-provisioning: no generated dashboards found; only the provisioning files were checked');
      return;
    }
    const uids = new Set(datasources.map((ds) => ds.uid));
    const names = new Set(datasources.map((ds) => ds.name));
    const unresolved = dashboardDatasourceReferences(stackPaths.grafanaDashboards).filter((ref) =>
      ref.uid !== undefined ? !uids.has(ref.uid) : !names.has(ref.name ?? ''),
    );
    expect(unresolved.map((ref) => `${path.relative(stackPaths.grafanaDashboards, ref.file)} ${ref.at}: ${ref.uid ?? ref.name}`)).toEqual([]);
  });

  it('collects uids (including a datasource variable’s preselection) but skips ${...} variables and built-ins', () => {
    const refs = datasourceReferences(
      {
        panels: [
          { datasource: { type: 'prometheus', uid: 'prometheus' }, targets: [{ datasource: { uid: '${datasource}' } }] },
          { datasource: { uid: '-- Mixed --' }, targets: [{ datasource: { uid: 'tempo' } }, { datasource: '$ds' }] },
        ],
        templating: { list: [{ type: 'datasource', query: 'prometheus', current: { text: 'mimir', value: 'mimir' } }] },
      },
      'x.json',
    );
    expect(refs.map((r) => r.uid)).toEqual(['prometheus', 'tempo', 'mimir']);
  });
});

describe('the schemas catch each provisioning gotcha', () => {
  const provider = {
    apiVersion: 1,
    providers: [{ name: 'p', type: 'file', folder: 'F', folderUid: 'f', options: { path: '/d' } }],
  };
  const datasourceFile = { apiVersion: 1, datasources: [{ name: 'Prometheus', type: 'prometheus', uid: 'prometheus', url: 'http://prometheus:9090' }] };

  function providerIssues(value: unknown): string[] {
    const result = dashboardProviderFileSchema().safeParse(value);
    return result.success ? [] : describeIssues(result.error);
  }
  function datasourceIssues(value: unknown, allowed?: ReadonlySet<string>): string[] {
    const result = datasourceFileSchema(allowed).safeParse(value);
    return result.success ? [] : describeIssues(result.error);
  }

  it('accepts the minimal valid files', () => {
    expect(providerIssues(provider)).toEqual([]);
    expect(datasourceIssues(datasourceFile)).toEqual([]);
  });

  it('rejects the misspelling foldersFromFileStructure, which Grafana silently ignores', () => {
    const bad = structuredClone(provider);
    (bad.providers[0]?.options as Record<string, unknown>)['foldersFromFileStructure'] = true;
    expect(providerIssues(bad).join('\n')).toMatch(/foldersFromFileStructure/);
  });

  it('rejects unknown keys at every level', () => {
    expect(providerIssues({ ...provider, provider: [] }).join('\n')).toMatch(/Unrecognized key/);
    const bad = structuredClone(provider);
    (bad.providers[0] as Record<string, unknown>)['allowUIUpdates'] = false;
    expect(providerIssues(bad).join('\n')).toMatch(/allowUIUpdates/);
    const ds = structuredClone(datasourceFile);
    (ds.datasources[0] as Record<string, unknown>)['isdefault'] = true;
    expect(datasourceIssues(ds).join('\n')).toMatch(/isdefault/);
  });

  it('rejects foldersFromFilesStructure together with folder or folderUid', () => {
    const bad = structuredClone(provider);
    (bad.providers[0]?.options as Record<string, unknown>)['foldersFromFilesStructure'] = true;
    expect(providerIssues(bad).join('\n')).toMatch(/foldersFromFilesStructure is ignored while folder or folderUid is set/);
    const fine = structuredClone(bad);
    delete (fine.providers[0] as Record<string, unknown>)['folder'];
    delete (fine.providers[0] as Record<string, unknown>)['folderUid'];
    expect(providerIssues(fine)).toEqual([]);
  });

  it('rejects a datasource without a pinned uid, or with an invalid one', () => {
    const missing = structuredClone(datasourceFile);
    delete (missing.datasources[0] as Record<string, unknown>)['uid'];
    expect(datasourceIssues(missing).join('\n')).toMatch(/uid must be pinned/);
    const long = structuredClone(datasourceFile);
    (long.datasources[0] as Record<string, unknown>)['uid'] = 'x'.repeat(41);
    expect(datasourceIssues(long).join('\n')).toMatch(/at most 40/);
  });

  it('rejects duplicate uids and two default datasources', () => {
    const bad = structuredClone(datasourceFile);
    bad.datasources.push({ ...bad.datasources[0]!, name: 'Other' });
    expect(datasourceIssues(bad).join('\n')).toMatch(/duplicate uid/);
    const defaults = {
      apiVersion: 1,
      datasources: [
        { name: 'A', type: 'prometheus', uid: 'a', isDefault: true },
        { name: 'B', type: 'loki', uid: 'b', isDefault: true },
      ],
    };
    expect(datasourceIssues(defaults).join('\n')).toMatch(/isDefault/);
  });

  it('rejects an unescaped $ and accepts $$ and intended env references', () => {
    const withDollar = (value: string): unknown => ({
      ...datasourceFile,
      datasources: [{ ...datasourceFile.datasources[0], secureJsonData: { password: value } }],
    });
    expect(datasourceIssues(withDollar('pa$word')).join('\n')).toMatch(/unescaped "\$"/);
    expect(datasourceIssues(withDollar('${PROM_PASSWORD}')).join('\n')).toMatch(/unescaped "\$"/);
    expect(datasourceIssues(withDollar('pa$$word'))).toEqual([]);
    expect(datasourceIssues(withDollar('${PROM_PASSWORD}'), new Set(['PROM_PASSWORD']))).toEqual([]);
    expect(providerIssues({ ...provider, providers: [{ ...provider.providers[0], folder: 'Cost $' }] }).join('\n')).toMatch(/unescaped/);
  });

  it('finds a $ nested anywhere, with its path', () => {
    const doc = parse('a:\n  b:\n    - ok\n    - "cost: $5"\n') as unknown;
    expect(findUnescapedDollars(doc)).toEqual([{ path: ['a', 'b', 1], value: 'cost: $5' }]);
  });
});
