/**
 * PromQL value types as TypeScript types.
 *
 * Each expression carries its PromQL value type in `valueType`, so the compiler rejects what Prometheus
 * would reject at query time: `rate()` of an instant vector, `sum()` of a range vector, a set operator
 * between scalars. The node is kept opaque behind `node` so that rendering stays the only way out.
 */
import type { Node, VectorSelectorNode } from './ast.js';

/** The four PromQL value types. */
export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string';

/** A PromQL expression whose value type is `T`. */
export interface Expr<T extends ValueType> {
  readonly valueType: T;
  readonly node: Node;
}

/** An instant vector: one sample per series at the evaluation time. */
export type InstantVector = Expr<'vector'>;
/** A range vector: a window of samples per series, the argument of `rate()`, `*_over_time()` and friends. */
export type RangeVector = Expr<'matrix'>;
/** A scalar: a number, `time()`, `scalar(v)`, or a Grafana macro such as `$__range_s`. */
export type Scalar = Expr<'scalar'>;
/** A string literal, as taken by `label_replace()` and `count_values()`. */
export type StringLiteral = Expr<'string'>;

/** A vector selector: the only instant vector that can be given a range (`x[5m]`) or an offset. */
export interface VectorSelector extends InstantVector {
  readonly node: VectorSelectorNode;
}

/** Either operand type accepted where PromQL takes "vector or scalar". */
export type NumericExpr = InstantVector | Scalar;

/** Wraps a node as an expression of the given value type. Internal to the builders. */
export function expr<T extends ValueType>(valueType: T, node: Node): Expr<T> {
  return { valueType, node };
}
