/** P03: data panels have at least one query. */
import type { Rule } from '../../types.js';

/** Panel types that show no query results. */
const NO_QUERIES = new Set(['text', 'news', 'dashlist', 'welcome', 'gettingstarted', 'annolist', 'alertlist', 'row', 'live']);

export const panelTargetsPresent: Rule = {
  id: 'panel-targets-present',
  category: 'structure',
  severity: 'error',
  description: 'Data panels (everything but text, news, lists and rows) have at least one query, unless they are library panels.',
  why: 'A data panel without a query always shows "No data".',
  advice: 'Add the query, or remove the panel.',
  fixable: false,
  check(ctx) {
    for (const entry of ctx.dashboard.dataPanels) {
      const { type, targets, libraryPanel } = entry.panel;
      if (typeof type !== 'string' || NO_QUERIES.has(type) || libraryPanel !== undefined) continue;
      if (!Array.isArray(targets) || targets.length === 0) {
        ctx.report({ pointer: 'targets' in entry.panel ? `${entry.pointer}/targets` : entry.pointer, message: `The ${type} panel has no query, so it always shows "No data".` });
      }
    }
  },
};
