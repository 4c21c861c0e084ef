/**
 * The PromQL syntax tree behind the typed builders.
 *
 * Nodes are plain readonly data so that rendering is a pure function of the tree (deterministic output,
 * easy to test). The value types users see (`InstantVector`, `RangeVector`, `Scalar`, `StringLiteral`)
 * live in `types.ts`; they wrap a node and carry its PromQL value type in the type system.
 */

/** A duration in a range, subquery or offset position: a literal such as `5m`, or a Grafana macro. */
export interface DurationNode {
  readonly kind: 'duration';
  /** The rendered text, already validated: `5m`, `1h30m`, `$__range`, `$__rate_interval`, ... */
  readonly text: string;
}

/** A label matcher operator. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher inside `{...}`. `value` is the raw (unescaped) string; rendering escapes it. */
export interface Matcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

export interface VectorSelectorNode {
  readonly kind: 'vectorSelector';
  readonly metric: string;
  readonly matchers: readonly Matcher[];
  readonly offset?: DurationNode;
}

export interface MatrixSelectorNode {
  readonly kind: 'matrixSelector';
  readonly selector: VectorSelectorNode;
  readonly range: DurationNode;
  readonly offset?: DurationNode;
  /** The `@ start()` / `@ end()` modifier: evaluate at the query's start or end whatever the step. */
  readonly at?: 'start' | 'end';
}

export interface SubqueryNode {
  readonly kind: 'subquery';
  readonly expr: Node;
  readonly range: DurationNode;
  readonly step?: DurationNode;
  readonly offset?: DurationNode;
}

export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
}

export interface StringNode {
  readonly kind: 'string';
  readonly value: string;
}

/** A Grafana macro or template variable used as a scalar (`$__range_s`, `$__interval_ms`, `$topn`). */
export interface ScalarMacroNode {
  readonly kind: 'scalarMacro';
  readonly text: string;
}

export interface CallNode {
  readonly kind: 'call';
  readonly func: string;
  readonly args: readonly Node[];
}

/** `by`/`without` grouping of an aggregation. */
export interface Grouping {
  readonly mode: 'by' | 'without';
  readonly labels: readonly string[];
}

export interface AggregationNode {
  readonly kind: 'aggregation';
  readonly op: AggregationOp;
  readonly expr: Node;
  /** The parameter of `topk`, `bottomk`, `quantile`, `count_values`, `limitk`. */
  readonly param?: Node;
  readonly grouping?: Grouping;
}

export type AggregationOp =
  | 'sum'
  | 'min'
  | 'max'
  | 'avg'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

/** Vector matching of a binary operation: `on(...)`/`ignoring(...)` with optional `group_left/right(...)`. */
export interface VectorMatching {
  readonly mode: 'on' | 'ignoring';
  readonly labels: readonly string[];
  readonly group?: { readonly side: 'left' | 'right'; readonly include: readonly string[] };
}

export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly lhs: Node;
  readonly rhs: Node;
  /** `bool` modifier of a comparison. */
  readonly bool?: boolean;
  readonly matching?: VectorMatching;
}

export interface UnaryNode {
  readonly kind: 'unary';
  readonly op: '-';
  readonly expr: Node;
}

/** PromQL text written by hand (the escape hatch for queries the builders do not cover); checked on creation. */
export interface RawNode {
  readonly kind: 'raw';
  readonly text: string;
}

export type Node =
  | RawNode
  | VectorSelectorNode
  | MatrixSelectorNode
  | SubqueryNode
  | NumberNode
  | StringNode
  | ScalarMacroNode
  | CallNode
  | AggregationNode
  | BinaryNode
  | UnaryNode;
