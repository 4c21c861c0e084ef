/**
 * The typed LogQL builder: stream selectors, pipeline stages, range and vector aggregations.
 *
 * Like the PromQL builder, the value kind lives in the type: a log query can be filtered, kept, formatted
 * and counted; only an unwrapped query can be summed or quantiled over time (`count_over_time` of an
 * unwrapped query, or `sum_over_time` of raw lines, does not compile); aggregations take metric queries.
 * Label names are checked when a stage is made, so a typo fails the build, not the panel.
 */
import type {
  Grouping,
  LabelMatcher,
  LabelOp,
  LineOp,
  LogNode,
  LogRangeFunc,
  MetricNode,
  NumericOp,
  RangeNode,
  Stage,
  UnwrapRangeFunc,
  VectorAggOp,
} from './ast.js';

/** A log query (lines). */
export interface LogQuery {
  readonly type: 'log';
  readonly node: LogNode;
}

/** A log query ending in `| unwrap <label>`: the input of `sum_over_time`, `quantile_over_time`, .... */
export interface UnwrappedQuery {
  readonly type: 'unwrapped';
  readonly node: LogNode;
}

/** A metric query (samples). */
export interface MetricQuery {
  readonly type: 'metric';
  readonly node: MetricNode;
}

/** Any query the builder makes. */
export type LogQLQuery = LogQuery | MetricQuery;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RANGE_LITERAL = /^(\d+(ms|s|m|h|d|w|y))+$/;
const RANGE_MACROS = new Set(['$__range', '$__auto', '$__interval', '$__rate_interval']);

/** Throws unless `name` is a LogQL label name (Loki's OTLP ingestion writes every attribute as one). */
export function checkLabelName(name: string): string {
  if (!LABEL_NAME.test(name)) throw new Error(`Invalid LogQL label name ${JSON.stringify(name)}: use letters, digits and _ (Loki turns "a.b" into "a_b").`);
  return name;
}

/** A range: a duration literal or one of Grafana's range macros. */
export function logRange(text: string): RangeNode {
  if (!RANGE_LITERAL.test(text) && !RANGE_MACROS.has(text)) {
    throw new Error(`Invalid LogQL range ${JSON.stringify(text)}: use a duration such as "5m" or ${[...RANGE_MACROS].join(', ')}.`);
  }
  return { text };
}

/** Grafana's range macros as LogQL ranges. */
export const ranges = {
  /** The dashboard time range: totals over what is on screen. */
  range: logRange('$__range'),
  /** Grafana's step for Loki (`$__auto`): one window per graph point. */
  auto: logRange('$__auto'),
} as const;

/** A matcher `label op "value"` (stream selector or label filter). */
export function matcher(label: string, op: LabelOp, value: string): LabelMatcher {
  return { label: checkLabelName(label), op, value };
}

/** True when the regex matches "" (or cannot be read as a JavaScript regex, to be safe). */
function matchesEmpty(regex: string): boolean {
  try {
    return new RegExp(`^(?:${regex})$`).test('');
  } catch {
    return true;
  }
}

/**
 * A stream selector `{...}`. Loki needs at least one matcher that does not match the empty string.
 * @throws Error when every matcher could match an empty value
 */
export function stream(matchers: readonly LabelMatcher[]): LogQuery {
  const selective = matchers.some((m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !matchesEmpty(m.value)));
  if (!selective) throw new Error('A LogQL stream selector needs a matcher that does not match the empty string, e.g. service_name="claude-code".');
  return { type: 'log', node: { kind: 'log', selector: [...matchers], stages: [] } };
}

/** Appends pipeline stages to a log query. */
export function pipe(query: LogQuery, ...stages: readonly Stage[]): LogQuery {
  return { type: 'log', node: { ...query.node, stages: [...query.node.stages, ...stages] } };
}

/** `|= "text"` and the other line filters. */
export function lineFilter(op: LineOp, value: string): Stage {
  return { kind: 'lineFilter', op, value };
}

/** `| label op "value"`: a filter on a stream label or structured metadata. */
export function labelFilter(label: string, op: LabelOp, value: string): Stage {
  return { kind: 'labelFilter', any: [matcher(label, op, value)] };
}

/** `| a="x" or b=~"y"`: keeps a line when any matcher holds. */
export function anyLabel(...matchers: readonly LabelMatcher[]): Stage {
  if (matchers.length === 0) throw new Error('anyLabel needs at least one matcher.');
  return { kind: 'labelFilter', any: [...matchers] };
}

/** `| label > 1000`: a numeric comparison (lines whose label is not a number are dropped with an error label). */
export function numericFilter(label: string, op: NumericOp, value: number): Stage {
  if (!Number.isFinite(value)) throw new Error(`numericFilter: ${value} is not a finite number.`);
  return { kind: 'numericFilter', label: checkLabelName(label), op, value };
}

/** `| keep a, b`: drops every other label (stream labels and structured metadata alike). */
export function keep(...labels: readonly string[]): Stage {
  if (labels.length === 0) throw new Error('keep needs at least one label.');
  return { kind: 'keep', labels: [...new Set(labels.map(checkLabelName))] };
}

/** `| drop a, b`. */
export function drop(...labels: readonly string[]): Stage {
  if (labels.length === 0) throw new Error('drop needs at least one label.');
  return { kind: 'drop', labels: [...new Set(labels.map(checkLabelName))] };
}

/** `| line_format "template"` (Go text/template over the labels, e.g. `{{.event_name}}`). */
export function lineFormat(template: string): Stage {
  return { kind: 'lineFormat', template };
}

/** `| label_format name=`template``: a label computed from others. */
export function labelFormat(label: string, template: string): Stage {
  return { kind: 'labelFormat', label: checkLabelName(label), template };
}

/** `| unwrap label | __error__=""`: the label's numeric value becomes the sample; unconvertible lines are dropped. */
export function unwrap(query: LogQuery, label: string): UnwrappedQuery {
  return { type: 'unwrapped', node: { ...query.node, stages: [...query.node.stages, { kind: 'unwrap', label: checkLabelName(label) }, { kind: 'noErrors' }] } };
}

function rangeAgg(func: LogRangeFunc | UnwrapRangeFunc, query: LogNode, range: RangeNode, extra: { param?: number; grouping?: Grouping } = {}): MetricQuery {
  return { type: 'metric', node: { kind: 'rangeAgg', func, query, range, ...extra } };
}

/** `count_over_time(q [range])`: lines per series in each window. */
export function countOverTime(query: LogQuery, range: RangeNode): MetricQuery {
  return rangeAgg('count_over_time', query.node, range);
}

/** `rate(q [range])`: lines per second. */
export function rate(query: LogQuery, range: RangeNode): MetricQuery {
  return rangeAgg('rate', query.node, range);
}

/** `<func>(unwrapped [range])` for the unwrapped range aggregations other than quantile. */
export function overTime(func: Exclude<UnwrapRangeFunc, 'quantile_over_time'>, query: UnwrappedQuery, range: RangeNode): MetricQuery {
  return rangeAgg(func, query.node, range);
}

/** `quantile_over_time(φ, unwrapped [range]) by (labels)`. */
export function quantileOverTime(phi: number, query: UnwrappedQuery, range: RangeNode, groupBy: readonly string[] = []): MetricQuery {
  if (!(phi >= 0 && phi <= 1)) throw new Error(`quantile_over_time: φ must be between 0 and 1, got ${phi}.`);
  return rangeAgg('quantile_over_time', query.node, range, { param: phi, ...(groupBy.length ? { grouping: by(...groupBy) } : {}) });
}

/** `by (labels)`. */
export function by(...labels: readonly string[]): Grouping {
  return { mode: 'by', labels: labels.map(checkLabelName) };
}

/** A vector aggregation: `sum by (model) (...)`, `max`, `count`, .... */
export function aggregate(op: Exclude<VectorAggOp, 'topk' | 'bottomk'>, expr: MetricQuery, grouping?: Grouping): MetricQuery {
  return { type: 'metric', node: { kind: 'vectorAgg', op, expr: expr.node, ...(grouping ? { grouping } : {}) } };
}

/** `sum by (...) (...)`. */
export function sum(expr: MetricQuery, grouping?: Grouping): MetricQuery {
  return aggregate('sum', expr, grouping);
}

/** `topk(k, ...)`: the k largest series. */
export function topk(k: number, expr: MetricQuery, grouping?: Grouping): MetricQuery {
  if (!Number.isInteger(k) || k < 1) throw new Error(`topk: k must be a positive integer, got ${k}.`);
  return { type: 'metric', node: { kind: 'vectorAgg', op: 'topk', param: k, expr: expr.node, ...(grouping ? { grouping } : {}) } };
}

/** `lhs / rhs` (and the other arithmetic operators). */
export function binary(op: '+' | '-' | '*' | '/', lhs: MetricQuery, rhs: MetricQuery): MetricQuery {
  return { type: 'metric', node: { kind: 'binary', op, lhs: lhs.node, rhs: rhs.node } };
}

/** `expr or vector(0)`: reads 0, not "No data", when nothing matched. */
export function orZero(expr: MetricQuery): MetricQuery {
  return { type: 'metric', node: { kind: 'or', lhs: expr.node, rhs: { kind: 'vector', value: 0 } } };
}
