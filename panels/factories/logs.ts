/** Logs panels: event lines from Loki, with details on click. */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as logs from '@grafana/grafana-foundation-sdk/logs';
import type * as loki from '@grafana/grafana-foundation-sdk/loki';
import { lokiDatasource } from '../logql.js';

/** Options of `logsPanel`. */
export interface LogsPanelOptions {
  readonly title: string;
  readonly description: string;
  readonly targets: readonly loki.DataqueryBuilder[];
  /** Oldest first (a timeline) instead of newest first. */
  readonly oldestFirst?: boolean;
}

/**
 * A logs panel: time and line, wrapped, with log details (the kept fields) on click. Labels are not
 * printed on every line: the line already says what matters, and the details list the rest.
 */
export function logsPanel(o: LogsPanelOptions): logs.PanelBuilder {
  const p = new logs.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(lokiDatasource())
    .showTime(true)
    .showLabels(false)
    .showCommonLabels(false)
    .wrapLogMessage(true)
    .prettifyLogMessage(false)
    .enableLogDetails(true)
    .dedupStrategy(common.LogsDedupStrategy.None)
    .sortOrder(o.oldestFirst ? common.LogsSortOrder.Ascending : common.LogsSortOrder.Descending);
  for (const t of o.targets) p.withTarget(t);
  return p;
}
