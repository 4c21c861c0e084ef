/** D07: no "export for sharing" leftovers in files meant for provisioning. */
import type { JsonEdit } from '../../edit/apply-edits.js';
import { asArray, asString, forEachString, isObject } from '../../model/json.js';
import type { JsonObject, Rule } from '../../types.js';

const EXPORT_KEYS = ['__inputs', '__requires', '__elements'] as const;
const INPUT_REF = /\$\{(DS_[A-Za-z0-9_]+)\}/g;

/**
 * Picks a datasource variable for a plugin type; when the dashboard has none, names a new one and
 * queues it in `added` (written by one edit at the end).
 */
function datasourceVariableFor(body: JsonObject, pluginId: string, added: JsonObject[]): string {
  const list = [...added, ...asArray(isObject(body.templating) ? body.templating.list : undefined)];
  const existing = list.find((v) => isObject(v) && v.type === 'datasource' && v.query === pluginId);
  if (isObject(existing) && typeof existing.name === 'string') return existing.name;
  const taken = new Set(list.map((v) => (isObject(v) ? v.name : undefined)));
  const name = taken.has('datasource') ? `${pluginId.replace(/[^a-zA-Z0-9_]/g, '_')}_datasource` : 'datasource';
  added.unshift({ type: 'datasource', name, label: 'Data source', query: pluginId, refresh: 1, hide: 0, options: [] });
  return name;
}

/** The edit that adds new datasource variables at the top of the variable list. */
function addVariables(body: JsonObject, added: JsonObject[]): JsonEdit[] {
  if (added.length === 0) return [];
  if (!isObject(body.templating)) return [{ op: 'set', pointer: '/templating', value: { list: added } }];
  if (!Array.isArray(body.templating.list)) return [{ op: 'set', pointer: '/templating/list', value: added }];
  return [{ op: 'insert', pointer: '/templating/list/0', values: added }];
}

export const noExportArtifacts: Rule = {
  id: 'no-export-artifacts',
  category: 'structure',
  severity: 'error',
  description: 'No "export for sharing" leftovers (`__inputs`, `__requires`, `__elements`, `${DS_*}`) in files meant for provisioning (files matching the lint config\'s `exports` globs, by default any `importable` folder, are import variants and may have them).',
  why: 'File provisioning does not resolve import inputs (grafana#10786): every panel using ${DS_PROMETHEUS} fails with "Datasource ${DS_PROMETHEUS} was not found".',
  advice: 'Remove __inputs/__requires/__elements and point the datasources at a datasource variable (`${datasource}`) or a pinned uid; `--fix` does this.',
  fixable: true,
  check(ctx) {
    const { body, file } = ctx.dashboard;
    // An import variant (lint config `exports`, default any `importable` folder) is meant to have them.
    if (ctx.settings.isExportFile(file)) return;
    for (const key of EXPORT_KEYS) {
      if (key in body) ctx.report({ pointer: `/${key}`, message: `"${key}" is an export-for-sharing field; provisioning ignores it.` });
    }
    const seen = new Set<string>();
    forEachString(body, '', (value, pointer) => {
      if (pointer.startsWith('/__')) return;
      for (const match of value.matchAll(INPUT_REF)) {
        const name = match[1] as string;
        // `${DS_PROMETHEUS}` naming a datasource variable of the dashboard is an ordinary variable reference.
        if (seen.has(name) || ctx.dashboard.variablesByName.get(name)?.type === 'datasource') continue;
        seen.add(name);
        ctx.report({
          pointer,
          message: `\${${name}} is an import input; file provisioning leaves it unresolved, so every panel using it fails ("Datasource \${${name}} was not found").`,
        });
      }
    });
  },
  fix({ body }) {
    const renames = new Map<string, string>();
    const added: JsonObject[] = [];
    for (const input of asArray(body.__inputs).filter(isObject)) {
      const name = asString(input.name);
      const pluginId = asString(input.pluginId);
      if (name?.startsWith('DS_') && input.type === 'datasource' && pluginId) renames.set(name, datasourceVariableFor(body, pluginId, added));
    }
    const edits: JsonEdit[] = [];
    if (renames.size > 0) {
      forEachString(body, '', (value, pointer) => {
        // The export fields themselves are removed below.
        if (pointer.startsWith('/__')) return;
        const next = value.replace(INPUT_REF, (all, name: string) => (renames.has(name) ? `\${${renames.get(name)}}` : all));
        if (next !== value) edits.push({ op: 'set', pointer, value: next });
      });
    }
    edits.push(...addVariables(body, added));
    for (const key of EXPORT_KEYS) if (key in body) edits.push({ op: 'remove', pointer: `/${key}` });
    return edits;
  },
};
