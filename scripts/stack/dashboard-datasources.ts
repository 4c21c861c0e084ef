/**
 * Which datasources the generated dashboards point at, so a test can prove each one is provisioned.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Built-in Grafana datasources, which need no provisioning. */
const BUILT_IN_UIDS = new Set(['grafana', '-- Grafana --', '-- Mixed --', '-- Dashboard --']);

/** A datasource reference found in a dashboard. */
export interface DatasourceReference {
  readonly file: string;
  /** JSON path of the `datasource` property, e.g. `panels.3.targets.0.datasource`. */
  readonly at: string;
  readonly uid?: string;
  /** Legacy references by name (a plain string). */
  readonly name?: string;
}

/** True for template-variable references (`${datasource}`, `$ds`), which resolve at view time. */
export function isVariableReference(value: string): boolean {
  return value.startsWith('$');
}

/**
 * Collects every concrete datasource reference in one dashboard JSON value: `datasource`
 * properties and the preselected value of datasource template variables. Variable references
 * and built-in datasources are skipped.
 *
 * @param dashboard - parsed dashboard JSON
 * @param file - used in the results
 */
export function datasourceReferences(dashboard: unknown, file: string): DatasourceReference[] {
  const found: DatasourceReference[] = [];
  const visit = (value: unknown, at: string[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...at, String(i)]));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    // A datasource template variable preselects a datasource by uid in current.value.
    const variable = value as { type?: unknown; current?: { value?: unknown } };
    const current = variable.current?.value;
    if (variable.type === 'datasource' && typeof current === 'string' && !isVariableReference(current) && current !== '' && current !== 'default') {
      found.push({ file, at: [...at, 'current', 'value'].join('.'), uid: current });
    }
    for (const [key, item] of Object.entries(value)) {
      const here = [...at, key];
      if (key === 'datasource') {
        if (typeof item === 'string' && !isVariableReference(item) && !BUILT_IN_UIDS.has(item)) {
          found.push({ file, at: here.join('.'), name: item });
        } else if (item !== null && typeof item === 'object') {
          const uid = (item as { uid?: unknown }).uid;
          if (typeof uid === 'string' && !isVariableReference(uid) && !BUILT_IN_UIDS.has(uid)) {
            found.push({ file, at: here.join('.'), uid });
          }
        }
      }
      visit(item, here);
    }
  };
  visit(dashboard, []);
  return found;
}

/**
 * Lists the `*.json` files below `dir`, recursively; [] when `dir` does not exist.
 *
 * @param dir - root folder, e.g. provisioning/grafana/dashboards
 */
export function listDashboardFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return listDashboardFiles(full);
    return entry.endsWith('.json') ? [full] : [];
  });
}

/**
 * Reads every dashboard below `dir` and returns their datasource references.
 *
 * @param dir - root folder of the generated dashboards
 */
export function dashboardDatasourceReferences(dir: string): DatasourceReference[] {
  return listDashboardFiles(dir).flatMap((file) =>
    datasourceReferences(JSON.parse(readFileSync(file, 'utf8')) as unknown, file),
  );
}
