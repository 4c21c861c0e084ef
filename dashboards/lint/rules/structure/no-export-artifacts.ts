/** D07: no "export for sharing" leftovers in files meant for provisioning. */
import { asArray, asString, forEachString, isObject, replaceStrings } from '../../model/json.js';
import type { JsonObject, Rule } from '../../types.js';

const EXPORT_KEYS = ['__inputs', '__requires', '__elements'] as const;
const INPUT_REF = /\$\{(DS_[A-Za-z0-9_]+)\}/g;

/** Picks a datasource variable for a plugin type, adding one when the dashboard has none. */
function datasourceVariableFor(body: JsonObject, pluginId: string): string {
  if (!isObject(body.templating)) body.templating = { list: [] };
  const templating = body.templating as JsonObject;
  if (!Array.isArray(templating.list)) templating.list = [];
  const list = templating.list as unknown[];
  const existing = list.find((v) => isObject(v) && v.type === 'datasource' && v.query === pluginId);
  if (isObject(existing) && typeof existing.name === 'string') return existing.name;
  const taken = new Set(list.map((v) => (isObject(v) ? v.name : undefined)));
  const name = taken.has('datasource') ? `${pluginId.replace(/[^a-zA-Z0-9_]/g, '_')}_datasource` : 'datasource';
  list.unshift({ type: 'datasource', name, label: 'Data source', query: pluginId, refresh: 1, hide: 0, options: [] });
  return name;
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
    const inputs = asArray(body.__inputs).filter(isObject);
    let changed = false;
    const renames = new Map<string, string>();
    for (const input of inputs) {
      const name = asString(input.name);
      const pluginId = asString(input.pluginId);
      if (name?.startsWith('DS_') && input.type === 'datasource' && pluginId) renames.set(name, datasourceVariableFor(body, pluginId));
    }
    if (renames.size > 0) {
      changed =
        replaceStrings(body, (value) => value.replace(INPUT_REF, (all, name: string) => (renames.has(name) ? `\${${renames.get(name)}}` : all))) > 0 ||
        changed;
    }
    for (const key of EXPORT_KEYS) {
      if (key in body) {
        delete body[key];
        changed = true;
      }
    }
    return changed;
  },
};
