/**
 * Tables of Loki results: one row per series of an instant metric query (sessions, slowest requests,
 * errors), or one row per log line with its fields as columns (a session's events in sequence order).
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as loki from '@grafana/grafana-foundation-sdk/loki';
import * as table from '@grafana/grafana-foundation-sdk/table';
import { neutralThresholds } from '../common.js';
import { lokiDatasource } from '../logql.js';

/** A link on a column, e.g. from a session id to the session dashboard. */
export interface ColumnLink {
  readonly column: string;
  readonly title: string;
  readonly url: string;
}

/** Options of `lokiMetricTable`. */
export interface LokiMetricTableOptions {
  readonly title: string;
  readonly description: string;
  readonly target: loki.DataqueryBuilder;
  /** Result labels in column order, with their headers. */
  readonly columns: readonly { readonly label: string; readonly header: string }[];
  readonly valueHeader: string;
  readonly unit: string;
  readonly decimals?: number;
  readonly links?: readonly ColumnLink[];
}

function withLinks(p: table.PanelBuilder, links: readonly ColumnLink[] = []): table.PanelBuilder {
  for (const l of links) p.withOverride({ matcher: { id: 'byName', options: l.column }, properties: [{ id: 'links', value: [{ title: l.title, url: l.url }] }] });
  return p;
}

/**
 * One row per series of an instant LogQL metric query: `labelsToFields` turns each series' labels into
 * columns, `merge` joins the series into one table, `organize` names the columns; sorted by the value.
 */
export function lokiMetricTable(o: LokiMetricTableOptions): table.PanelBuilder {
  const renameByName: Record<string, string> = { Value: o.valueHeader };
  const indexByName: Record<string, number> = {};
  o.columns.forEach((c, i) => {
    renameByName[c.label] = c.header;
    indexByName[c.label] = i;
  });
  indexByName['Value'] = o.columns.length;
  const p = lokiTable(o)
    .withTransformation({ id: 'labelsToFields', options: { mode: 'columns' } })
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true }, renameByName, indexByName } })
    .sortBy([new common.TableSortByFieldStateBuilder().displayName(o.valueHeader).desc(true)])
    .withOverride({ matcher: { id: 'byName', options: o.valueHeader }, properties: [{ id: 'unit', value: o.unit }, ...(o.decimals !== undefined ? [{ id: 'decimals', value: o.decimals }] : [])] });
  return withLinks(p, o.links);
}

/** A Loki table panel with its title, description and one target: what both tables share. */
function lokiTable(o: { readonly title: string; readonly description: string; readonly target: loki.DataqueryBuilder }): table.PanelBuilder {
  return new table.PanelBuilder().title(o.title).description(o.description).datasource(lokiDatasource()).thresholds(neutralThresholds()).showHeader(true).withTarget(o.target);
}

/** Options of `logLinesTable`. */
export interface LogLinesTableOptions {
  readonly title: string;
  readonly description: string;
  readonly target: loki.DataqueryBuilder;
  /** Fields (structured metadata) shown as columns, in order, after the time. */
  readonly fields: readonly string[];
  /** A numeric field the rows are sorted by, ascending (e.g. `event_sequence`). */
  readonly sortField: string;
  readonly links?: readonly ColumnLink[];
}

/**
 * One row per log line: `extractFields` spreads the line's labels into columns, `convertFieldType` makes
 * the sort field a number (labels are strings: "10" would sort before "9"), `sortBy` orders the rows,
 * `filterFieldsByName` keeps the time, the listed fields and the line, and `organize` orders them.
 */
export function logLinesTable(o: LogLinesTableOptions): table.PanelBuilder {
  const indexByName: Record<string, number> = { Time: 0 };
  o.fields.forEach((f, i) => (indexByName[f] = i + 1));
  indexByName['Line'] = o.fields.length + 1;
  const p = lokiTable(o)
    .withTransformation({ id: 'extractFields', options: { source: 'labels', format: 'auto', replace: false, keepTime: true } })
    .withTransformation({ id: 'convertFieldType', options: { conversions: [{ targetField: o.sortField, destinationType: 'number' }] } })
    .withTransformation({ id: 'sortBy', options: { sort: [{ field: o.sortField, desc: false }] } })
    .withTransformation({ id: 'filterFieldsByName', options: { include: { names: ['Time', ...o.fields, 'Line'] } } })
    .withTransformation({ id: 'organize', options: { excludeByName: {}, indexByName, renameByName: { Line: 'Event' } } });
  return withLinks(p, o.links);
}
