/**
 * The status line at the top of every dashboard: "Exact" when the recording rules are loaded, and a
 * warning with the fix when they are not, so an imported dashboard never shows approximations silently.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { QueryContext } from '../../queries/context.js';
import { rulesLoaded } from '../../queries/library/index.js';
import { queryStat } from '../from-query.js';
import type { PanelSpec } from '../layout.js';

const LOADED = 'Exact: the recording rules are loaded';
const MISSING =
  'Approximate: the recording rules are not loaded. Load claude-code-dashboards.rules.yml into Prometheus (rule_files) or your ruler and reload it; see the README, "Existing Grafana and Prometheus".';

/** A full-width stat: green "Exact" with the rules, orange "Approximate" and how to fix it without. */
export function countingStatus(ctx: QueryContext): PanelSpec {
  const mapping: dashboard.ValueMap = {
    type: dashboard.MappingType.ValueToText,
    options: { '1': { text: LOADED, color: 'green', index: 0 }, '0': { text: MISSING, color: 'orange', index: 1 } },
  };
  const panel = queryStat(ctx, rulesLoaded, { background: true }).mappings([mapping]);
  return { panel, w: 24, h: 2 };
}
