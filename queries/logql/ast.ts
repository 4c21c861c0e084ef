/**
 * The LogQL syntax tree behind the typed builder (`builders.ts`).
 *
 * Nodes are plain readonly data, so rendering is a pure function of the tree and the label walk
 * (`walk.ts`) can list every label a query reads: the test that checks queries against the collector
 * and Loki configuration works on these nodes, not on text.
 */

/** A label matcher operator, in a stream selector or a label filter. */
export type LabelOp = '=' | '!=' | '=~' | '!~';

/** A line filter operator: contains, does not contain, matches, does not match. */
export type LineOp = '|=' | '!=' | '|~' | '!~';

/** A numeric comparison of a label filter (`| duration_ms > 1000`). */
export type NumericOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

/** One `label op "value"` matcher; `value` is raw, rendering escapes it. */
export interface LabelMatcher {
  readonly label: string;
  readonly op: LabelOp;
  readonly value: string;
}

/** A stage of a log pipeline. */
export type Stage =
  | { readonly kind: 'lineFilter'; readonly op: LineOp; readonly value: string }
  /** One label filter, or several joined by `or` (`| a="x" or b="y"`). */
  | { readonly kind: 'labelFilter'; readonly any: readonly LabelMatcher[] }
  | { readonly kind: 'numericFilter'; readonly label: string; readonly op: NumericOp; readonly value: number }
  | { readonly kind: 'keep'; readonly labels: readonly string[] }
  | { readonly kind: 'drop'; readonly labels: readonly string[] }
  | { readonly kind: 'lineFormat'; readonly template: string }
  /** `| label_format name=`template``: a new label computed from others. */
  | { readonly kind: 'labelFormat'; readonly label: string; readonly template: string }
  | { readonly kind: 'unwrap'; readonly label: string }
  /** `| __error__=""`: drops the samples an unwrap could not convert. */
  | { readonly kind: 'noErrors' };

/** A log query: a stream selector and its pipeline. */
export interface LogNode {
  readonly kind: 'log';
  readonly selector: readonly LabelMatcher[];
  readonly stages: readonly Stage[];
}

/** A range duration: a literal (`5m`) or a Grafana macro (`$__range`, `$__auto`, `$__interval`). */
export interface RangeNode {
  readonly text: string;
}

/** Range aggregations of log lines (no unwrap). */
export type LogRangeFunc = 'count_over_time' | 'rate' | 'bytes_over_time' | 'bytes_rate' | 'absent_over_time';

/** Range aggregations of unwrapped values. */
export type UnwrapRangeFunc =
  | 'sum_over_time'
  | 'avg_over_time'
  | 'max_over_time'
  | 'min_over_time'
  | 'first_over_time'
  | 'last_over_time'
  | 'quantile_over_time';

/** `by (...)` / `without (...)`. */
export interface Grouping {
  readonly mode: 'by' | 'without';
  readonly labels: readonly string[];
}

/** `count_over_time({...} | ... [5m])`, `quantile_over_time(0.95, {...} | unwrap x [5m]) by (model)`. */
export interface RangeAggNode {
  readonly kind: 'rangeAgg';
  readonly func: LogRangeFunc | UnwrapRangeFunc;
  readonly query: LogNode;
  readonly range: RangeNode;
  /** The φ of `quantile_over_time`. */
  readonly param?: number;
  readonly grouping?: Grouping;
}

/** Vector aggregations. */
export type VectorAggOp = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'topk' | 'bottomk' | 'sort' | 'sort_desc';

export interface VectorAggNode {
  readonly kind: 'vectorAgg';
  readonly op: VectorAggOp;
  readonly expr: MetricNode;
  /** The k of `topk` / `bottomk`. */
  readonly param?: number;
  readonly grouping?: Grouping;
}

/** `a / b`, `a * b`, ... between two metric queries (e.g. an error ratio). */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: '+' | '-' | '*' | '/';
  readonly lhs: MetricNode;
  readonly rhs: MetricNode;
}

/** `vector(0)`: a metric query that is never empty. */
export interface VectorNode {
  readonly kind: 'vector';
  readonly value: number;
}

/** A metric query: what a range aggregation returns, and what aggregates over it. */
export type MetricNode = RangeAggNode | VectorAggNode | BinaryNode | VectorNode | { readonly kind: 'or'; readonly lhs: MetricNode; readonly rhs: MetricNode };

/** Any LogQL query. */
export type LogQLNode = LogNode | MetricNode;
