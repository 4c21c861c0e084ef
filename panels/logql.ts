/**
 * Loki targets for named LogQL queries, the Loki datasource reference, and units and descriptions of
 * event panels: the LogQL counterpart of `common.ts`. Every target is parsed with Grafana's LogQL grammar
 * when it is built, so an unparsable query never reaches a dashboard.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as loki from '@grafana/grafana-foundation-sdk/loki';
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { QueryContext } from '../queries/context.js';
import type { LogMeasure, LogQueryDefinition } from '../queries/library/event-common.js';
import { assertLogQLParses } from '../queries/logql/parse.js';
import { renderLogQL } from '../queries/logql/render.js';
import { recordTargetOrigin } from './common.js';

/** Name of the Loki datasource variable of the event dashboards. */
export const LOKI_DATASOURCE_VARIABLE = 'loki_datasource';

/** The datasource reference of every Loki panel and target: the dashboard's Loki datasource variable. */
export function lokiDatasource(): dashboard.DataSourceRef {
  return { type: 'loki', uid: `\${${LOKI_DATASOURCE_VARIABLE}}` };
}

/** Options of a Loki target. */
export interface LogTargetOptions {
  /** Legend template, e.g. `{{event_name}}`. */
  readonly legend?: string;
  /** Oldest first (a timeline) instead of newest first. */
  readonly forward?: boolean;
  /** Most lines a log query returns (Grafana's default is the datasource's maxLines). */
  readonly maxLines?: number;
}

/** A Loki target for a named LogQL query under the context; throws if it does not parse as LogQL. */
export function logQueryTarget(ctx: QueryContext, q: LogQueryDefinition, o: LogTargetOptions = {}): loki.DataqueryBuilder {
  const expr = renderLogQL(q.build(ctx));
  assertLogQLParses(expr, `Query "${q.id}"`);
  const target = new loki.DataqueryBuilder().datasource(lokiDatasource()).expr(expr).editorMode(loki.QueryEditorMode.Code);
  if (q.kind === 'instant') target.queryType(loki.LokiQueryType.Instant).instant(true);
  else target.queryType(loki.LokiQueryType.Range).range(true);
  if (q.kind === 'logs') target.direction(o.forward ? loki.LokiQueryDirection.Forward : loki.LokiQueryDirection.Backward);
  if (o.legend !== undefined) target.legendFormat(o.legend);
  if (o.maxLines !== undefined) target.maxLines(o.maxLines);
  recordTargetOrigin(target.build(), { queryId: q.id, language: 'logql' });
  return target;
}

/** The Grafana unit of an event measure. */
export function logUnitFor(measure: LogMeasure): string {
  switch (measure) {
    case 'usd':
      return units.Dollars;
    case 'milliseconds':
      return units.Milliseconds;
    case 'tokens':
      return units.Short;
    case 'count':
    case 'logs':
      return units.Number;
  }
}

/** Decimals of an event measure: cents for money, whole numbers for counts and tokens. */
export function logDecimalsFor(measure: LogMeasure): number | undefined {
  if (measure === 'usd') return 2;
  if (measure === 'count' || measure === 'tokens') return 0;
  return undefined;
}

/** The description of an event panel: what it shows, and where it comes from. */
export function describeLog(q: LogQueryDefinition, lead?: string): string {
  return [...(lead ? [lead] : []), q.description, 'From Claude Code events in Loki (OTLP log records; attributes are structured metadata, e.g. session.id → session_id).'].join('\n\n');
}
