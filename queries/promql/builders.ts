/**
 * Typed constructors for PromQL expressions.
 *
 * Every function's signature states the PromQL value types it takes and returns, so an expression that
 * compiles is also one Prometheus accepts. Rendering lives in `render.ts`.
 */
import type {
  AggregationOp,
  ArithmeticOp,
  BinaryNode,
  ComparisonOp,
  DurationNode,
  Grouping,
  Matcher,
  SetOp,
  VectorMatching,
} from './ast.js';
import { escapeRegex } from './escape.js';
import type { TemplateVariable } from './macros.js';
import {
  expr,
  type InstantVector,
  type NumericExpr,
  type RangeVector,
  type Scalar,
  type StringLiteral,
  type VectorSelector,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// Matchers

/** `label="value"`: exact match; the value is escaped when rendered. */
export function eq(label: string, value: string): Matcher {
  return { label, op: '=', value };
}
/** `label!="value"`. */
export function neq(label: string, value: string): Matcher {
  return { label, op: '!=', value };
}
/** `label=~"regex"`: the regex is used as given. */
export function re(label: string, regex: string): Matcher {
  return { label, op: '=~', value: regex };
}
/** `label!~"regex"`. */
export function nre(label: string, regex: string): Matcher {
  return { label, op: '!~', value: regex };
}
/** `label=~"a|b"` matching each value literally (regex metacharacters escaped). */
export function oneOf(label: string, values: readonly string[]): Matcher {
  return { label, op: '=~', value: values.map(escapeRegex).join('|') };
}
/**
 * `label=~"$var"`: filter by a dashboard variable. Always a regex match, because a multi-value or "All"
 * variable expands to an alternation that `=` would compare literally.
 */
export function matchVariable(label: string, variable: TemplateVariable): Matcher {
  return { label, op: '=~', value: variable.ref };
}

// ---------------------------------------------------------------------------------------------
// Selectors, ranges, offsets, subqueries, literals

/** An instant-vector selector `metric{matchers}`. */
export function selector(metric: string, matchers: readonly Matcher[] = []): VectorSelector {
  if (metric.length === 0) throw new Error('A selector needs a metric name.');
  return { valueType: 'vector', node: { kind: 'vectorSelector', metric, matchers: [...matchers] } };
}

/** `selector[range]`: a range vector over the given window. */
export function range(sel: VectorSelector, window: DurationNode): RangeVector {
  if (sel.node.offset) throw new Error('Apply offset() after range(): write offset(range(x, d), o).');
  return expr('matrix', { kind: 'matrixSelector', selector: sel.node, range: window });
}

/** `expr[range:step]`: a subquery, evaluating an instant expression at each step over the window. */
export function subquery(inner: InstantVector, window: DurationNode, step?: DurationNode): RangeVector {
  return expr('matrix', { kind: 'subquery', expr: inner.node, range: window, ...(step ? { step } : {}) });
}

/** `x offset d` on a selector, range selector or subquery (the only places PromQL allows it). */
export function offset<T extends VectorSelector | RangeVector>(e: T, by: DurationNode): T {
  const node = e.node;
  if (node.kind === 'vectorSelector' || node.kind === 'matrixSelector' || node.kind === 'subquery') {
    if (node.offset) throw new Error('This expression already has an offset.');
    return { ...e, node: { ...node, offset: by } } as T;
  }
  throw new Error('offset() applies to selectors, range selectors and subqueries only.');
}

/**
 * `x[range] @ end()` (or `@ start()`): the range ends at the query's end (start) at every step, so the
 * engine evaluates it once per query. Prometheus ≥ 2.33 and VictoriaMetrics support the modifier.
 */
export function at(e: RangeVector, when: 'start' | 'end'): RangeVector {
  if (e.node.kind !== 'matrixSelector') throw new Error('at() applies to range selectors only.');
  return { ...e, node: { ...e.node, at: when } };
}

/** A number literal. */
export function num(value: number): Scalar {
  return expr('scalar', { kind: 'number', value });
}

/** A string literal (escaped when rendered). */
export function str(value: string): StringLiteral {
  return expr('string', { kind: 'string', value });
}

// ---------------------------------------------------------------------------------------------
// Functions

function call<T extends 'vector' | 'scalar'>(type: T, func: string, ...args: { node: import('./ast.js').Node }[]) {
  return expr(type, { kind: 'call', func, args: args.map((a) => a.node) });
}

/** Range-vector functions: each takes a range vector and returns an instant vector. */
export type RangeFunction = (m: RangeVector) => InstantVector;
const rangeFn =
  (name: string): RangeFunction =>
  (m) =>
    call('vector', name, m);

/** Per-second average rate of a counter over the range (extrapolated to the window edges). */
export const rate = rangeFn('rate');
/** Per-second rate from the last two samples. */
export const irate = rangeFn('irate');
/** Counter increase over the range, extrapolated; loses the first value of a series that starts inside. */
export const increase = rangeFn('increase');
/** Number of counter resets (value drops) within the range. */
export const resets = rangeFn('resets');
/** Number of value changes within the range. */
export const changes = rangeFn('changes');
/** Difference between first and last value of a gauge, extrapolated. */
export const delta = rangeFn('delta');
/** Difference between the last two samples. */
export const idelta = rangeFn('idelta');
/** Per-second derivative by linear regression. */
export const deriv = rangeFn('deriv');
export const avgOverTime = rangeFn('avg_over_time');
export const minOverTime = rangeFn('min_over_time');
export const maxOverTime = rangeFn('max_over_time');
export const sumOverTime = rangeFn('sum_over_time');
export const countOverTime = rangeFn('count_over_time');
export const lastOverTime = rangeFn('last_over_time');
export const stddevOverTime = rangeFn('stddev_over_time');
export const stdvarOverTime = rangeFn('stdvar_over_time');
export const presentOverTime = rangeFn('present_over_time');

/** `quantile_over_time(φ, m)`. */
export function quantileOverTime(phi: number | Scalar, m: RangeVector): InstantVector {
  return call('vector', 'quantile_over_time', typeof phi === 'number' ? num(phi) : phi, m);
}

/** `histogram_quantile(φ, v)`: the φ-quantile of classic histogram buckets (`le` label), interpolated linearly within a bucket. */
export function histogramQuantile(phi: number | Scalar, v: InstantVector): InstantVector {
  return call('vector', 'histogram_quantile', typeof phi === 'number' ? num(phi) : phi, v);
}

/** `vector(s)`: a single series without labels. */
export function vector(s: number | Scalar): InstantVector {
  return call('vector', 'vector', typeof s === 'number' ? num(s) : s);
}
/** `scalar(v)`: the value of a single-series vector, NaN otherwise. */
export function scalar(v: InstantVector): Scalar {
  return call('scalar', 'scalar', v);
}
/** `time()`: the evaluation timestamp in seconds. */
export function time(): Scalar {
  return call('scalar', 'time');
}
export const abs = (v: InstantVector): InstantVector => call('vector', 'abs', v);
export const ceil = (v: InstantVector): InstantVector => call('vector', 'ceil', v);
export const floor = (v: InstantVector): InstantVector => call('vector', 'floor', v);
export const round = (v: InstantVector): InstantVector => call('vector', 'round', v);
export const sort = (v: InstantVector): InstantVector => call('vector', 'sort', v);
export const sortDesc = (v: InstantVector): InstantVector => call('vector', 'sort_desc', v);
export const timestamp = (v: InstantVector): InstantVector => call('vector', 'timestamp', v);
export const absent = (v: InstantVector): InstantVector => call('vector', 'absent', v);
export const clampMin = (v: InstantVector, min: number | Scalar): InstantVector =>
  call('vector', 'clamp_min', v, typeof min === 'number' ? num(min) : min);
export const clampMax = (v: InstantVector, max: number | Scalar): InstantVector =>
  call('vector', 'clamp_max', v, typeof max === 'number' ? num(max) : max);

/** `label_replace(v, dst, replacement, src, regex)`. */
export function labelReplace(v: InstantVector, dst: string, replacement: string, src: string, regex: string): InstantVector {
  return call('vector', 'label_replace', v, str(dst), str(replacement), str(src), str(regex));
}

/** `label_join(v, dst, separator, src...)`. */
export function labelJoin(v: InstantVector, dst: string, separator: string, ...src: string[]): InstantVector {
  return call('vector', 'label_join', v, str(dst), str(separator), ...src.map(str));
}

// ---------------------------------------------------------------------------------------------
// Aggregations

/** `by (labels)` grouping. */
export function by(...labels: string[]): Grouping {
  return { mode: 'by', labels };
}
/** `without (labels)` grouping. */
export function without(...labels: string[]): Grouping {
  return { mode: 'without', labels };
}

function aggregate(op: AggregationOp, v: InstantVector, grouping?: Grouping, param?: { node: import('./ast.js').Node }): InstantVector {
  return expr('vector', {
    kind: 'aggregation',
    op,
    expr: v.node,
    ...(grouping ? { grouping } : {}),
    ...(param ? { param: param.node } : {}),
  });
}

export const sum = (v: InstantVector, g?: Grouping): InstantVector => aggregate('sum', v, g);
export const min = (v: InstantVector, g?: Grouping): InstantVector => aggregate('min', v, g);
export const max = (v: InstantVector, g?: Grouping): InstantVector => aggregate('max', v, g);
export const avg = (v: InstantVector, g?: Grouping): InstantVector => aggregate('avg', v, g);
export const count = (v: InstantVector, g?: Grouping): InstantVector => aggregate('count', v, g);
export const group = (v: InstantVector, g?: Grouping): InstantVector => aggregate('group', v, g);
export const stddev = (v: InstantVector, g?: Grouping): InstantVector => aggregate('stddev', v, g);
export const stdvar = (v: InstantVector, g?: Grouping): InstantVector => aggregate('stdvar', v, g);
/** `topk(k, v)`: the k largest series (per group). */
export const topk = (k: number | Scalar, v: InstantVector, g?: Grouping): InstantVector =>
  aggregate('topk', v, g, typeof k === 'number' ? num(k) : k);
/** `bottomk(k, v)`. */
export const bottomk = (k: number | Scalar, v: InstantVector, g?: Grouping): InstantVector =>
  aggregate('bottomk', v, g, typeof k === 'number' ? num(k) : k);
/** `quantile(φ, v)`. */
export const quantile = (phi: number | Scalar, v: InstantVector, g?: Grouping): InstantVector =>
  aggregate('quantile', v, g, typeof phi === 'number' ? num(phi) : phi);
/** `count_values("label", v)`. */
export const countValues = (label: string, v: InstantVector, g?: Grouping): InstantVector =>
  aggregate('count_values', v, g, str(label));

// ---------------------------------------------------------------------------------------------
// Binary operators

/** Vector matching: `on (labels)`. Add `groupLeft`/`groupRight` for many-to-one matches. */
export function on(...labels: string[]): VectorMatching {
  return { mode: 'on', labels };
}
/** Vector matching: `ignoring (labels)`. */
export function ignoring(...labels: string[]): VectorMatching {
  return { mode: 'ignoring', labels };
}
/** Adds `group_left (include)` to a matching. */
export function groupLeft(m: VectorMatching, ...include: string[]): VectorMatching {
  return { ...m, group: { side: 'left', include } };
}
/** Adds `group_right (include)` to a matching. */
export function groupRight(m: VectorMatching, ...include: string[]): VectorMatching {
  return { ...m, group: { side: 'right', include } };
}

/** The value type of an arithmetic result: scalar only when both sides are scalars. */
export type ArithmeticResult<A extends NumericExpr, B extends NumericExpr> = A extends Scalar
  ? B extends Scalar
    ? Scalar
    : InstantVector
  : InstantVector;

function binary(op: BinaryNode['op'], a: NumericExpr, b: NumericExpr, opts: { bool?: boolean; matching?: VectorMatching } = {}) {
  if (opts.matching && (a.valueType !== 'vector' || b.valueType !== 'vector')) {
    throw new Error(`Vector matching (${opts.matching.mode}) needs vectors on both sides of ${op}.`);
  }
  const type = a.valueType === 'scalar' && b.valueType === 'scalar' ? 'scalar' : 'vector';
  return expr(type, {
    kind: 'binary',
    op,
    lhs: a.node,
    rhs: b.node,
    ...(opts.bool ? { bool: true } : {}),
    ...(opts.matching ? { matching: opts.matching } : {}),
  });
}

function arithmetic(op: ArithmeticOp) {
  return <A extends NumericExpr, B extends NumericExpr>(a: A, b: B, matching?: VectorMatching): ArithmeticResult<A, B> =>
    binary(op, a, b, matching ? { matching } : {}) as ArithmeticResult<A, B>;
}

export const add = arithmetic('+');
export const sub = arithmetic('-');
export const mul = arithmetic('*');
export const div = arithmetic('/');
export const mod = arithmetic('%');
export const pow = arithmetic('^');
export const atan2 = arithmetic('atan2');

/** Options of a comparison: `bool` turns the filter into 0/1 values. */
export interface ComparisonOptions {
  readonly bool?: boolean;
  readonly matching?: VectorMatching;
}

/** A comparison. Between two scalars PromQL requires `bool`, so that overload demands it. */
export interface Comparison {
  (a: Scalar, b: Scalar, opts: { bool: true }): Scalar;
  (a: InstantVector, b: NumericExpr, opts?: ComparisonOptions): InstantVector;
  (a: Scalar, b: InstantVector, opts?: ComparisonOptions): InstantVector;
}

function comparison(op: ComparisonOp): Comparison {
  return ((a: NumericExpr, b: NumericExpr, opts: ComparisonOptions = {}) => {
    if (a.valueType === 'scalar' && b.valueType === 'scalar' && !opts.bool) {
      throw new Error(`Comparing two scalars with ${op} needs the bool modifier.`);
    }
    return binary(op, a, b, opts);
  }) as Comparison;
}

export const equal = comparison('==');
export const notEqual = comparison('!=');
export const greaterThan = comparison('>');
export const lessThan = comparison('<');
export const greaterOrEqual = comparison('>=');
export const lessOrEqual = comparison('<=');

function setOperator(op: SetOp) {
  return (a: InstantVector, b: InstantVector, matching?: VectorMatching): InstantVector =>
    binary(op, a, b, matching ? { matching } : {}) as InstantVector;
}

/** `a and b`: elements of a that have a match in b. */
export const and = setOperator('and');
/** `a or b`: all of a, plus elements of b without a match in a. */
export const or = setOperator('or');
/** `a unless b`: elements of a without a match in b. */
export const unless = setOperator('unless');

/** Unary minus. */
export function neg<T extends NumericExpr>(e: T): T {
  return { ...e, node: { kind: 'unary', op: '-', expr: e.node } };
}

/** `v or vector(0)`: shows 0 instead of "No data" when nothing matched. */
export function orZero(v: InstantVector): InstantVector {
  return or(v, vector(0));
}
