/** Every datasource reference of a dashboard (panels, targets, variables, annotations), with its pointer. */
import type { DashboardModel } from '../../model/dashboard-model.js';
import { asArray, isObject, join } from '../../model/json.js';

/** One `datasource` field. */
export interface DatasourceReference {
  readonly pointer: string;
  /** The uid (or, for a legacy string reference, the name). */
  readonly uid: string | undefined;
  readonly type: string | undefined;
  /** True for the pre-uid string form `"datasource": "Prometheus"`. */
  readonly legacyName: boolean;
}

/** Grafana's built-in pseudo datasources, which need no provisioning. */
export const BUILTIN_DATASOURCE_UIDS = new Set(['-- Mixed --', '-- Dashboard --', '-- Grafana --', 'grafana', 'mixed', 'dashboard']);

function reference(value: unknown, pointer: string): DatasourceReference | undefined {
  if (typeof value === 'string') return { pointer, uid: value, type: undefined, legacyName: true };
  if (isObject(value)) {
    return {
      pointer,
      uid: typeof value.uid === 'string' ? value.uid : undefined,
      type: typeof value.type === 'string' ? value.type : undefined,
      legacyName: false,
    };
  }
  return undefined;
}

/** All datasource references, in document order. */
export function datasourceReferences(dashboard: DashboardModel): DatasourceReference[] {
  const refs: (DatasourceReference | undefined)[] = [];
  for (const entry of dashboard.panels) {
    refs.push(reference(entry.panel.datasource, `${entry.pointer}/datasource`));
    asArray(entry.panel.targets).forEach((t, i) => {
      if (isObject(t)) refs.push(reference(t.datasource, join(entry.pointer, 'targets', i, 'datasource')));
    });
  }
  for (const v of dashboard.variables) refs.push(reference(v.variable.datasource, `${v.pointer}/datasource`));
  const annotations = isObject(dashboard.body.annotations) ? asArray(dashboard.body.annotations.list) : [];
  annotations.forEach((a, i) => {
    if (isObject(a)) refs.push(reference(a.datasource, join('/annotations/list', i, 'datasource')));
  });
  return refs.filter((r): r is DatasourceReference => r !== undefined);
}
