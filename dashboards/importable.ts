/**
 * The importable variant of a dashboard, for Grafana's "Import dashboard" and grafana.com: the
 * datasource becomes an `__inputs` entry (`${DS_PROMETHEUS}`) that Grafana asks for on import. File
 * provisioning does not resolve `__inputs`, so these live in a separate folder.
 */
import { sortKeysDeep } from './assemble.js';

/** The input name Grafana's importer asks the user to map to a Prometheus datasource. */
export const DATASOURCE_INPUT = 'DS_PROMETHEUS';

/** The input name for the Loki datasource of the event dashboards. */
export const LOKI_DATASOURCE_INPUT = 'DS_LOKI';

/** Minimum Grafana version the dashboards are written for (classic schema 42). */
export const GRAFANA_VERSION = '12.0.0';

/** Returns the importable variant of a provisioned dashboard JSON (the input is not modified). */
export function importableVariant(json: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  const list = ((copy['templating'] as { list?: Record<string, unknown>[] } | undefined)?.list ?? []) as Record<string, unknown>[];
  let usesLoki = false;
  for (const v of list) {
    if (v['type'] !== 'datasource') continue;
    const input = v['query'] === 'loki' ? LOKI_DATASOURCE_INPUT : DATASOURCE_INPUT;
    usesLoki ||= input === LOKI_DATASOURCE_INPUT;
    v['current'] = { selected: true, text: `\${${input}}`, value: `\${${input}}` };
  }
  const panelTypes = new Set<string>();
  const visit = (panels: unknown) => {
    for (const p of (panels as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof p['type'] === 'string' && p['type'] !== 'row') panelTypes.add(p['type']);
      visit(p['panels']);
    }
  };
  visit(copy['panels']);
  copy['__inputs'] = [
    { name: DATASOURCE_INPUT, label: 'Prometheus', description: 'Prometheus with Claude Code metrics', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' },
    ...(usesLoki ? [{ name: LOKI_DATASOURCE_INPUT, label: 'Loki', description: 'Loki with Claude Code events (OTLP logs)', type: 'datasource', pluginId: 'loki', pluginName: 'Loki' }] : []),
  ];
  copy['__requires'] = [
    { type: 'grafana', id: 'grafana', name: 'Grafana', version: GRAFANA_VERSION },
    { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
    ...(usesLoki ? [{ type: 'datasource', id: 'loki', name: 'Loki', version: '1.0.0' }] : []),
    ...[...panelTypes].sort().map((id) => ({ type: 'panel', id, name: id, version: '' })),
  ];
  copy['id'] = null;
  return sortKeysDeep(copy) as Record<string, unknown>;
}
