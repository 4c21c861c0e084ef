/** Every rule, in documentation order (input, structure, variables, PromQL, Claude Code). */
import type { Rule } from '../types.js';
import { aliveAtEndCount } from './claude-code/alive-at-end-count.js';
import { changesAsCount } from './claude-code/changes-as-count.js';
import { hardcodedJob } from './claude-code/hardcoded-job.js';
import { metricPrefix } from './claude-code/metric-prefix.js';
import { userEmailOnly } from './claude-code/user-email-only.js';
import { cacheHitDenominator } from './claude-code/cache-hit-denominator.js';
import { fixedWindow } from './claude-code/fixed-window.js';
import { hardcodedPrice } from './claude-code/hardcoded-price.js';
import { labelNotOnMetric } from './claude-code/label-not-on-metric.js';
import { namingScheme } from './claude-code/naming-scheme.js';
import { perSessionIncrease } from './claude-code/per-session-increase.js';
import { rawCounterSum } from './claude-code/raw-counter-sum.js';
import { runningTotalTrend } from './claude-code/running-total-trend.js';
import { sessionCountIncrease } from './claude-code/session-count-increase.js';
import { unknownLabel } from './claude-code/unknown-label.js';
import { unknownMetric } from './claude-code/unknown-metric.js';
import { userIdAsPerson } from './claude-code/user-id-as-person.js';
import { valueUnit } from './claude-code/value-unit.js';
import { inputReadable } from './input/input-readable.js';
import { inputV2Unsupported } from './input/input-v2-unsupported.js';
import { dashboardV2Structure } from './structure/dashboard-v2-structure.js';
import { dashboardV2UnplacedElement } from './structure/dashboard-v2-unplaced-element.js';
import { counterWithoutRate } from './promql/counter-without-rate.js';
import { promqlSyntax } from './promql/promql-syntax.js';
import { logqlLogQueryInStat } from './promql/logql-log-query-in-stat.js';
import { logqlOtlpParser } from './promql/logql-otlp-parser.js';
import { logqlRangeTimeseries } from './promql/logql-range-timeseries.js';
import { logqlStreamLabel } from './promql/logql-stream-label.js';
import { logqlSyntax } from './promql/logql-syntax.js';
import { rangeUnit } from './promql/range-unit.js';
import { rateInterval } from './promql/rate-interval.js';
import { refidUnique } from './promql/refid-unique.js';
import { timeseriesInstantQuery } from './promql/timeseries-instant-query.js';
import { dashboardIdNull } from './structure/dashboard-id-null.js';
import { dashboardLegacyFields } from './structure/dashboard-legacy-fields.js';
import { dashboardSchema } from './structure/dashboard-schema.js';
import { dashboardTitle } from './structure/dashboard-title.js';
import { editableFalse } from './structure/editable-false.js';
import { gridposBounds } from './structure/gridpos-bounds.js';
import { gridposOverlap } from './structure/gridpos-overlap.js';
import { noExportArtifacts } from './structure/no-export-artifacts.js';
import { panelIdUnique } from './structure/panel-id-unique.js';
import { panelOptionsSchema } from './structure/panel-options-schema.js';
import { panelTargetsPresent } from './structure/panel-targets-present.js';
import { panelTitleDescription } from './structure/panel-title-description.js';
import { panelTypeKnown } from './structure/panel-type-known.js';
import { panelUnit } from './structure/panel-unit.js';
import { rowCollapse } from './structure/row-collapse.js';
import { schemaVersion } from './structure/schema-version.js';
import { uidFormat } from './structure/uid-format.js';
import { uidPresent } from './structure/uid-present.js';
import { uidUnique } from './structure/uid-unique.js';
import { datasourceResolves } from './variables/datasource-resolves.js';
import { datasourceVariable } from './variables/datasource-variable.js';
import { multiValueOperator } from './variables/multi-value-operator.js';
import { variableRefresh } from './variables/variable-refresh.js';
import { variableUndefined } from './variables/variable-undefined.js';
import { variableUnused } from './variables/variable-unused.js';

/** All rules. */
export const RULES: readonly Rule[] = [
  inputReadable,
  inputV2Unsupported,
  dashboardSchema,
  dashboardV2Structure,
  dashboardV2UnplacedElement,
  dashboardLegacyFields,
  panelOptionsSchema,
  uidPresent,
  uidFormat,
  uidUnique,
  dashboardIdNull,
  dashboardTitle,
  noExportArtifacts,
  schemaVersion,
  editableFalse,
  panelIdUnique,
  gridposBounds,
  gridposOverlap,
  rowCollapse,
  panelTypeKnown,
  panelUnit,
  panelTitleDescription,
  panelTargetsPresent,
  variableUndefined,
  variableUnused,
  multiValueOperator,
  variableRefresh,
  datasourceResolves,
  datasourceVariable,
  promqlSyntax,
  logqlSyntax,
  logqlOtlpParser,
  logqlStreamLabel,
  logqlLogQueryInStat,
  logqlRangeTimeseries,
  rateInterval,
  rangeUnit,
  counterWithoutRate,
  refidUnique,
  timeseriesInstantQuery,
  unknownMetric,
  namingScheme,
  metricPrefix,
  unknownLabel,
  labelNotOnMetric,
  sessionCountIncrease,
  perSessionIncrease,
  rawCounterSum,
  fixedWindow,
  cacheHitDenominator,
  hardcodedPrice,
  runningTotalTrend,
  aliveAtEndCount,
  userIdAsPerson,
  userEmailOnly,
  changesAsCount,
  hardcodedJob,
  valueUnit,
];

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
