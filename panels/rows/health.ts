/**
 * The health rows: is the telemetry pipeline complete? Scrapes of the collector, what the collector
 * accepted, refused and failed to send, whether our recording rules are loaded and evaluating, counter
 * resets and series churn in Claude Code's metrics, when each user last reported, and the cost cross-check
 * of events against the metric (queries/library/health.ts).
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { QueryContext } from '../../queries/context.js';
import { identityLabel } from '../../queries/context.js';
import {
  acceptedLogRecords,
  acceptedMetricPoints,
  collectorTargetUp,
  costGapRatio,
  costGapUsd,
  counterResets,
  eventCost,
  exporterSendFailures,
  metricCost,
  newSeriesPerHour,
  OUR_RULE_GROUPS,
  refusedLogRecords,
  refusedMetricPoints,
  ruleEvaluationFailures,
  ruleGroupEvaluationAge,
  ruleGroupsLoaded,
  scrapeFailures,
  timeSinceLastData,
  upByTarget,
} from '../../queries/library/index.js';
import type { QueryDefinition } from '../../queries/library/index.js';
import { decimalsFor, describe, queryTarget, thresholds, unitFor } from '../common.js';
import { tablePanel } from '../factories/table.js';
import { queryBarGauge, queryStat, queryTimeSeries } from '../from-query.js';
import type { PanelSpec, RowSpec } from '../layout.js';

/** Green at 0, red from 1: counts of things that should not happen. */
function zeroIsGood(): dashboard.ThresholdsConfigBuilder {
  return thresholds([
    { value: null, color: 'green' },
    { value: 1, color: 'red' },
  ]);
}

/** Red below `target`, green at or above it: things that should be present. */
function atLeast(target: number): dashboard.ThresholdsConfigBuilder {
  return thresholds([
    { value: null, color: 'red' },
    { value: target, color: 'green' },
  ]);
}

function stat(ctx: QueryContext, q: QueryDefinition, t: dashboard.ThresholdsConfigBuilder | undefined, w = 4): PanelSpec {
  return { panel: queryStat(ctx, q, t ? { thresholds: t, background: true } : {}), w, h: 5 };
}

/** Scrapes and the collector: does every point Claude Code sends reach Prometheus and Loki? */
export function pipelineHealthRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Collector and scrapes',
    panels: [
      stat(ctx, collectorTargetUp, atLeast(1)),
      stat(ctx, scrapeFailures, zeroIsGood()),
      stat(ctx, acceptedMetricPoints, undefined),
      stat(ctx, refusedMetricPoints, zeroIsGood()),
      stat(ctx, acceptedLogRecords, undefined),
      stat(ctx, refusedLogRecords, zeroIsGood()),
      { panel: queryTimeSeries(ctx, upByTarget, { target: { legend: '{{job}} · {{instance}}' } }), w: 16, h: 7 },
      stat(ctx, exporterSendFailures, zeroIsGood(), 8),
    ],
  };
}

/** Our recording rules: loaded, evaluating, without failures. */
export function rulesHealthRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Recording rules',
    panels: [
      stat(ctx, ruleGroupsLoaded, atLeast(OUR_RULE_GROUPS.length), 6),
      stat(ctx, ruleEvaluationFailures, zeroIsGood(), 6),
      { panel: queryBarGauge(ctx, ruleGroupEvaluationAge, { target: { legend: '{{rule_group}}' } }), w: 12, h: 5 },
    ],
  };
}

/** Per user, terminal and version: how long since the last data. */
function lastDataTable(ctx: QueryContext) {
  return tablePanel({
    title: 'Last data per user, terminal and version',
    description: describe(ctx, [timeSinceLastData], 'One row per user, terminal and Claude Code version with data in the selected range.'),
    keyLabel: identityLabel(ctx),
    keyHeader: 'User',
    targets: [queryTarget(ctx, timeSinceLastData, { format: 'table' }).refId('A')],
    columns: [{ refId: 'A', header: 'Since last data', unit: unitFor(timeSinceLastData.measure), decimals: decimalsFor(timeSinceLastData.measure) ?? 0 }],
    sortBy: 'Since last data',
  });
}

/** Claude Code's series: resets, churn and the last data of every user. */
export function seriesHealthRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Claude Code series',
    panels: [
      stat(ctx, counterResets, undefined, 12),
      stat(ctx, newSeriesPerHour, undefined, 12),
      { panel: lastDataTable(ctx), w: 24, h: 8 },
    ],
  };
}

/** The cost the events report against the cost metric: does every request arrive both ways? */
export function costCrossCheckRow(ctx: QueryContext): RowSpec {
  return {
    title: 'Cost cross-check: events against the metric',
    panels: [
      stat(ctx, metricCost, undefined, 6),
      stat(ctx, eventCost, undefined, 6),
      stat(ctx, costGapUsd, undefined, 6),
      stat(ctx, costGapRatio, undefined, 6),
    ],
  };
}
