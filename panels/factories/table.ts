/** Tables: one row per user or model, one column per query. */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as table from '@grafana/grafana-foundation-sdk/table';
import { neutralThresholds, prometheusDatasource } from '../common.js';

/** One value column of a table: its target's refId, header, unit and decimals. */
export interface TableColumn {
  readonly refId: string;
  readonly header: string;
  readonly unit: string;
  readonly decimals?: number;
}

/** Options of `tablePanel`. */
export interface TableOptions {
  readonly title: string;
  readonly description: string;
  /** The label that identifies a row (e.g. `model`), shown first. */
  readonly keyLabel: string;
  readonly keyHeader: string;
  /** Further labels shown after the key, before the value columns (e.g. a session's user). */
  readonly extraKeys?: readonly { readonly label: string; readonly header: string }[];
  /** Targets in column order; each must use `format: 'table'` and carry the refId of its column. */
  readonly targets: readonly prometheus.DataqueryBuilder[];
  readonly columns: readonly TableColumn[];
  /** Header of the column to sort by, descending. */
  readonly sortBy?: string;
  /** Links on the key column, e.g. to a drill-down dashboard. */
  readonly keyLinks?: readonly { title: string; url: string }[];
}

/**
 * A table joining instant queries on the key label: Grafana's `merge` puts each query's `Value #<refId>`
 * next to the others, `organize` names the columns and drops the time column.
 */
export function tablePanel(o: TableOptions): table.PanelBuilder {
  const renameByName: Record<string, string> = { [o.keyLabel]: o.keyHeader };
  const indexByName: Record<string, number> = { [o.keyHeader]: 0 };
  const extra = o.extraKeys ?? [];
  extra.forEach((k, i) => {
    renameByName[k.label] = k.header;
    indexByName[k.header] = i + 1;
  });
  o.columns.forEach((c, i) => {
    renameByName[`Value #${c.refId}`] = c.header;
    indexByName[c.header] = extra.length + i + 1;
  });
  const p = new table.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(prometheusDatasource())
    .thresholds(neutralThresholds())
    .showHeader(true)
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true }, renameByName, indexByName } });
  if (o.sortBy) p.sortBy([new common.TableSortByFieldStateBuilder().displayName(o.sortBy).desc(true)]);
  for (const t of o.targets) p.withTarget(t);
  for (const c of o.columns) {
    const properties: { id: string; value: unknown }[] = [{ id: 'unit', value: c.unit }];
    if (c.decimals !== undefined) properties.push({ id: 'decimals', value: c.decimals });
    p.withOverride({ matcher: { id: 'byName', options: c.header }, properties });
  }
  if (o.keyLinks?.length) {
    p.withOverride({ matcher: { id: 'byName', options: o.keyHeader }, properties: [{ id: 'links', value: o.keyLinks }] });
  }
  return p;
}
