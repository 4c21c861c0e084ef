/**
 * The platform row: one table per platform dimension (operating system, architecture, Claude Code
 * version) with cost and sessions, from resource attributes that only some pipelines keep as labels
 * (queries/library/platform.ts). Collapsed by default: a fleet question, asked less often than cost.
 */
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { QueryContext } from '../../queries/context.js';
import { label } from '../../queries/context.js';
import { costByArch, costByOs, costByVersion, sessionsByArch, sessionsByOs, sessionsByVersion, type QueryDefinition } from '../../queries/library/index.js';
import { describe, queryTarget } from '../common.js';
import { tablePanel } from '../factories/table.js';
import type { RowSpec } from '../layout.js';

/** One table: a dimension's values with their cost and sessions. */
function dimensionTable(ctx: QueryContext, title: string, attribute: string, header: string, cost: QueryDefinition, sessions: QueryDefinition) {
  return tablePanel({
    title,
    description: describe(ctx, [cost, sessions], `One row per ${header.toLowerCase()} within the selected range.`),
    keyLabel: label(ctx, attribute),
    keyHeader: header,
    targets: [queryTarget(ctx, cost, { format: 'table' }).refId('A'), queryTarget(ctx, sessions, { format: 'table' }).refId('B')],
    columns: [
      { refId: 'A', header: 'Cost', unit: units.Dollars, decimals: 2 },
      { refId: 'B', header: 'Sessions', unit: units.Number, decimals: 0 },
    ],
    sortBy: 'Cost',
  });
}

/** Options of the platform row. */
export interface PlatformRowOptions {
  /** Collapsed by default. */
  readonly collapsed?: boolean;
}

/** Cost and sessions by operating system, architecture and Claude Code version. */
export function platformRow(ctx: QueryContext, o: PlatformRowOptions = {}): RowSpec {
  return {
    title: 'Platform',
    collapsed: o.collapsed ?? true,
    panels: [
      { panel: dimensionTable(ctx, 'Operating systems', 'os.type', 'OS', costByOs, sessionsByOs), w: 8, h: 8 },
      { panel: dimensionTable(ctx, 'Architectures', 'host.arch', 'Architecture', costByArch, sessionsByArch), w: 8, h: 8 },
      { panel: dimensionTable(ctx, 'Claude Code versions', 'service.version', 'Version', costByVersion, sessionsByVersion), w: 8, h: 8 },
    ],
  };
}
