/**
 * Where a dashboard refers to its template variables, computed once per dashboard: every `$var`
 * reference in its strings (with what kind of field it sits in) and every `repeat` by name.
 */
import type { DashboardModel } from './dashboard-model.js';
import { asString, forEachString } from './json.js';
import { findVariableReferences } from './variable-refs.js';

/** The kind of field a reference is in; only some kinds must resolve (see `variable-undefined`). */
export type UsageContext = 'query' | 'title' | 'datasource' | 'link' | 'repeat' | 'variable' | 'other';

/** One use of a variable. */
export interface VariableUsage {
  readonly name: string;
  readonly pointer: string;
  readonly context: UsageContext;
  /** The text the reference was found in (`undefined` for `repeat`). */
  readonly text: string | undefined;
}

const cache = new WeakMap<DashboardModel, VariableUsage[]>();

/** Values Grafana stores in a variable (its options and current selection), not references. */
const VARIABLE_STATE = /^\/templating\/list\/\d+\/(options|current)(\/|$)/;

function contextOf(pointer: string): UsageContext {
  if (/\/targets\/\d+\//.test(pointer)) return /\/datasource(\/|$)/.test(pointer) ? 'datasource' : 'query';
  if (/\/datasource(\/uid)?$/.test(pointer)) return 'datasource';
  if (/\/links\/\d+\/(url|title)$/.test(pointer)) return 'link';
  if (pointer.startsWith('/templating/list/')) return 'variable';
  if (/^(\/panels\/\d+)*(\/panels\/\d+)?\/title$/.test(pointer)) return 'title';
  if (/\/panels\/\d+\/(interval|timeFrom|timeShift|maxDataPoints)$/.test(pointer)) return 'query';
  return 'other';
}

/** Every variable reference in the dashboard (cached per dashboard). */
export function variableUsages(dashboard: DashboardModel): VariableUsage[] {
  let usages = cache.get(dashboard);
  if (usages) return usages;
  const found: VariableUsage[] = [];
  forEachString(dashboard.body, '', (text, pointer) => {
    if (pointer.startsWith('/__') || VARIABLE_STATE.test(pointer)) return;
    for (const ref of findVariableReferences(text)) found.push({ name: ref.name, pointer, context: contextOf(pointer), text });
  });
  for (const entry of dashboard.panels) {
    const repeat = asString(entry.panel.repeat);
    if (repeat) found.push({ name: repeat.replace(/^\$\{?|\}$/g, ''), pointer: `${entry.pointer}/repeat`, context: 'repeat', text: undefined });
  }
  usages = found;
  cache.set(dashboard, usages);
  return usages;
}
