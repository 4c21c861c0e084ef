/**
 * The structural essentials of a Grafana v2 dashboard, checked in place of the classic schema (no v2
 * JSON schema ships with the references this linter was built on). Only what Grafana cannot show is an
 * error: a layout of an unknown kind, a layout item naming no element or a missing one, an element that
 * is neither a Panel nor a LibraryPanel, a panel with no visualization, a library panel with no uid, a
 * query with no datasource type, a variable of an unknown kind or without a name. Missing fields Grafana
 * fills in (links, tags, preload, cursorSync, time settings, query options) are no finding.
 */
import { asArray, asString, isObject, join } from '../../model/json.js';
import { V2_VARIABLE_TYPES } from '../../input/v2-variables.js';
import type { JsonObject, Report, Rule } from '../../types.js';

type Problem = Omit<Report, 'inFile'>;

/** The problems of one Panel element's spec (at `at`). */
function panelProblems(spec: JsonObject, at: string): Problem[] {
  const out: Problem[] = [];
  const viz = isObject(spec.vizConfig) ? spec.vizConfig : undefined;
  const plugin = viz ? (viz.kind === 'VizConfig' ? asString(viz.group) : asString(viz.kind)) : undefined;
  if (!plugin) {
    out.push({
      pointer: viz ? join(at, 'vizConfig') : at,
      message: 'The panel names no visualization (vizConfig "kind" in v2alpha1, "group" in v2beta1), so Grafana cannot draw it.',
      fix: 'Set the panel plugin id, e.g. { "kind": "VizConfig", "group": "timeseries", ... } (v2beta1) or { "kind": "timeseries", ... } (v2alpha1).',
    });
  }
  const data = isObject(spec.data) && isObject(spec.data.spec) ? spec.data.spec : {};
  asArray(data.queries).forEach((q, j) => {
    const query = isObject(q) && isObject(q.spec) && isObject(q.spec.query) ? q.spec.query : undefined;
    const type = query ? (query.kind === 'DataQuery' ? asString(query.group) : asString(query.kind)) : undefined;
    if (type) return;
    out.push({
      pointer: query ? join(at, 'data', 'spec', 'queries', j, 'spec', 'query') : join(at, 'data', 'spec', 'queries', j),
      message: 'The query names no datasource type (query "kind" in v2alpha1, "group" in v2beta1), so Grafana does not know which datasource runs it.',
      fix: 'Give the query its datasource type, e.g. "prometheus" or "loki".',
    });
  });
  return out;
}

/** The problems of one element. */
function elementProblems(name: string, element: unknown, at: string): Problem[] {
  const kind = isObject(element) ? element.kind : undefined;
  const spec = isObject(element) && isObject(element.spec) ? element.spec : undefined;
  if ((kind !== 'Panel' && kind !== 'LibraryPanel') || !spec) {
    return [{
      pointer: isObject(element) && 'kind' in element ? join(at, 'kind') : at,
      message: `The element "${name}" is ${spec ? `of kind ${JSON.stringify(kind ?? null)}` : 'not a { "kind", "spec" } object'}; Grafana shows Panel and LibraryPanel elements only.`,
      fix: 'Make the element a { "kind": "Panel", "spec": {...} } or a { "kind": "LibraryPanel", "spec": {...} }.',
    }];
  }
  if (kind === 'Panel') return panelProblems(spec, join(at, 'spec'));
  const ref = isObject(spec.libraryPanel) ? spec.libraryPanel : undefined;
  if (ref && asString(ref.uid)) return [];
  return [{
    pointer: ref ? join(at, 'spec', 'libraryPanel') : join(at, 'spec'),
    message: `The library panel "${name}" has no "libraryPanel.uid", so Grafana cannot load it.`,
    fix: 'Set "libraryPanel": { "uid": "<library panel uid>", "name": "<its name>" }.',
  }];
}

/** The problems of one variable. */
function variableProblems(variable: unknown, at: string): Problem[] {
  const kind = isObject(variable) ? asString(variable.kind) : undefined;
  if (kind === undefined || !(kind in V2_VARIABLE_TYPES)) {
    return [{
      pointer: isObject(variable) && 'kind' in variable ? join(at, 'kind') : at,
      message: `The variable is of kind ${JSON.stringify(kind ?? null)}; Grafana knows ${Object.keys(V2_VARIABLE_TYPES).join(', ')}.`,
      fix: 'Give the variable one of the v2 variable kinds, or export the dashboard again from Grafana.',
    }];
  }
  const spec = isObject(variable) && isObject(variable.spec) ? variable.spec : undefined;
  if (spec && asString(spec.name)) return [];
  return [{ pointer: spec ? join(at, 'spec') : at, message: `The ${kind} has no "spec.name", so no query can refer to it.`, fix: 'Give the variable a name.' }];
}

export const dashboardV2Structure: Rule = {
  id: 'dashboard-v2-structure',
  category: 'structure',
  severity: 'error',
  description:
    'A Grafana v2 dashboard has what Grafana needs to show it: known layout kinds, layout items that name existing elements, Panel/LibraryPanel elements with a visualization (or a library panel uid), queries with a datasource type, variables of a known kind with a name.',
  why: 'Grafana silently shows an empty slot, an unusable variable or no panel at all for these; no v2 JSON schema is checked, so these essentials are checked instead.',
  advice: 'Export the dashboard again from Grafana, or fix the named field.',
  fixable: false,
  check(ctx) {
    const v2 = ctx.dashboard.v2;
    if (!v2) return;
    const report = (p: Problem) => ctx.report({ ...p, inFile: true });
    v2.problems.forEach(report);
    const elementsAt = join(v2.specPointer, 'elements');
    if (!isObject(v2.spec.elements)) {
      report({ pointer: elementsAt, message: '"elements" is not an object of named elements, so the dashboard has no panels.', fix: 'Write "elements" as { "<name>": { "kind": "Panel", ... } }.' });
    } else {
      for (const [name, element] of Object.entries(v2.spec.elements)) elementProblems(name, element, join(elementsAt, name)).forEach(report);
    }
    asArray(v2.spec.variables).forEach((v, i) => variableProblems(v, join(v2.specPointer, 'variables', i)).forEach(report));
  },
};
