/** P09: the panel type is a Grafana core panel or a configured plugin. */
import { closestMatch } from '../../../schema/closest-match.js';
import { PANEL_TYPE_MODULES } from '../../../schema/validate.js';
import type { Rule } from '../../types.js';

/**
 * Core panels the foundation SDK has no builder for, and legacy types Grafana still migrates on load
 * (graph → timeseries, singlestat → stat, ...): all load fine.
 */
const OTHER_CORE_PANELS = [
  'row',
  'alertlist',
  'flamegraph',
  'gettingstarted',
  'live',
  'traces',
  'welcome',
  'table-old',
  'graph',
  'singlestat',
  'grafana-singlestat-panel',
  'grafana-piechart-panel',
  'grafana-worldmap-panel',
];

/** Every panel type Grafana ships. */
export const KNOWN_PANEL_TYPES: ReadonlySet<string> = new Set([...Object.keys(PANEL_TYPE_MODULES), ...OTHER_CORE_PANELS]);

export const panelTypeKnown: Rule = {
  id: 'panel-type-known',
  category: 'structure',
  severity: 'error',
  description: 'Every panel has a type that is a Grafana core panel or a plugin listed in the config (`pluginTypes`).',
  why: 'A panel of an unknown type renders as "Panel plugin not found" on every Grafana that lacks the plugin.',
  advice: 'Use a core panel type, or list the plugin id in the lint config under pluginTypes and install it in Grafana.',
  fixable: false,
  check(ctx) {
    for (const entry of ctx.dashboard.panels) {
      const { type, libraryPanel } = entry.panel;
      // A library panel reference carries only uid and name: Grafana loads its type from the library.
      if (libraryPanel !== undefined && (typeof type !== 'string' || type === '')) continue;
      if (typeof type !== 'string' || type === '') {
        ctx.report({ pointer: 'type' in entry.panel ? `${entry.pointer}/type` : entry.pointer, message: 'The panel has no type.' });
        continue;
      }
      if (KNOWN_PANEL_TYPES.has(type) || ctx.settings.pluginTypes.has(type)) continue;
      const suggestion = closestMatch(type, KNOWN_PANEL_TYPES);
      ctx.report({
        pointer: `${entry.pointer}/type`,
        message: `Unknown panel type ${JSON.stringify(type)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}; Grafana shows "Panel plugin not found" unless the plugin is installed.`,
      });
    }
  },
};
