/**
 * One pass over a PromQL expression's lezer tree (after macro substitution) that collects what the
 * PromQL and Claude Code rules ask about: every selector with its matchers, range window, offset and the
 * chain of functions, aggregations and operators around it; every function call; every aggregation and
 * every binary operation. Offsets are mapped back to the text as written, so findings and fixes point
 * at `$__rate_interval`, not at its placeholder.
 */
import { parsePromQL, type ParsedPromQL } from '../../../queries/promql/parse.js';

type SyntaxNode = ParsedPromQL['tree']['topNode'];

/** A `[range]` of a matrix selector or subquery, as written. */
export interface RangeWindow {
  /** The text as written, e.g. `5m`, `$__rate_interval`, `${__range}`. */
  readonly text: string;
  /** The variable name when the range is exactly one variable (`__rate_interval`), else `undefined`. */
  readonly variable: string | undefined;
  readonly from: number;
  readonly to: number;
}

/** One label matcher of a selector. */
export interface LabelMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  /** The unquoted value. */
  readonly value: string;
  readonly from: number;
  readonly to: number;
  /** Offsets of the operator and of the quoted value, in the original text. */
  readonly opFrom: number;
  readonly opTo: number;
}

/** What surrounds a selector, from the outermost to the innermost. */
export type Frame =
  | { readonly kind: 'call'; readonly name: string; readonly arg: number }
  | { readonly kind: 'aggregation'; readonly op: string; readonly by: readonly string[] | undefined; readonly without: readonly string[] | undefined; readonly param: boolean }
  | { readonly kind: 'binary'; readonly op: string; readonly side: 'lhs' | 'rhs' }
  | { readonly kind: 'subquery'; readonly range: RangeWindow | undefined }
  | { readonly kind: 'offset'; readonly text: string }
  | { readonly kind: 'at' }
  | { readonly kind: 'unary' };

/** A vector selector (`metric{label="value"}`), with or without a range. */
export interface Selector {
  /** The metric name (bare, quoted or from a `__name__="..."` matcher), if any. */
  readonly metric: string | undefined;
  /** Matchers other than the metric name. */
  readonly matchers: readonly LabelMatcher[];
  /** `[range]` when this is a matrix selector. */
  readonly range: RangeWindow | undefined;
  /** Offsets of the selector (without its range) in the original text. */
  readonly from: number;
  readonly to: number;
  readonly frames: readonly Frame[];
}

/** A function call. */
export interface FunctionCallInfo {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** The range of its matrix argument (matrix selector or subquery), if it has one. */
  readonly range: RangeWindow | undefined;
  /** True when the matrix argument is a subquery. */
  readonly rangeIsSubquery: boolean;
  /** Selectors anywhere inside the call. */
  readonly selectors: Selector[];
}

/** An aggregation (`sum by (model) (...)`). */
export interface AggregationInfo {
  readonly op: string;
  readonly by: readonly string[] | undefined;
  readonly without: readonly string[] | undefined;
  readonly from: number;
  readonly to: number;
  /** Selectors inside the aggregated expression. */
  readonly selectors: Selector[];
}

/** A binary operation, with the selectors of each side. */
export interface BinaryInfo {
  readonly op: string;
  readonly from: number;
  readonly to: number;
  readonly lhs: Selector[];
  readonly rhs: Selector[];
  /** The value of a side that is a number literal (in parentheses or not), e.g. the `0.000003` of `x * 0.000003`. */
  readonly lhsNumber: number | undefined;
  readonly rhsNumber: number | undefined;
}

/** Everything collected from one expression. */
export interface PromQLAnalysis {
  readonly parsed: ParsedPromQL;
  readonly selectors: readonly Selector[];
  readonly calls: readonly FunctionCallInfo[];
  readonly aggregations: readonly AggregationInfo[];
  readonly binaries: readonly BinaryInfo[];
  /** True when the tree was too deep to walk completely (pathological input); results are partial. */
  readonly truncated: boolean;
}

const EXPRESSIONS = new Set([
  'AggregateExpr',
  'BinaryExpr',
  'FunctionCall',
  'MatrixSelector',
  'NumberDurationLiteral',
  'OffsetExpr',
  'ParenExpr',
  'StringLiteral',
  'SubqueryExpr',
  'UnaryExpr',
  'VectorSelector',
  'StepInvariantExpr',
  'AnchoredExpr',
  'SmoothedExpr',
]);

const PARAMETERISED_AGGREGATIONS = new Set(['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio']);
/** Deeper trees than this are not walked further (each level is a few stack frames). */
const MAX_DEPTH = 400;

/** Unquotes a PromQL string literal ("...", '...' or `...`), decoding Go escapes. */
export function unquote(literal: string): string {
  if (literal.length < 2) return literal;
  const quote = literal[0];
  const body = literal.slice(1, literal.endsWith(quote as string) ? -1 : undefined);
  if (quote === '`') return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, esc: string) => {
    switch (esc[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(esc.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(esc) ? String.fromCharCode(parseInt(esc, 8)) : esc;
    }
  });
}

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Frames as a linked list while walking (cheap to extend); turned into an array per selector. */
interface FrameChain {
  readonly frame: Frame;
  readonly parent: FrameChain | undefined;
  readonly depth: number;
}

function extend(chain: FrameChain | undefined, frame: Frame): FrameChain {
  return { frame, parent: chain, depth: (chain?.depth ?? 0) + 1 };
}

function toArray(chain: FrameChain | undefined): Frame[] {
  const frames: Frame[] = new Array<Frame>(chain?.depth ?? 0);
  for (let c = chain; c; c = c.parent) frames[c.depth - 1] = c.frame;
  return frames;
}

class Walker {
  readonly selectors: Selector[] = [];
  readonly calls: FunctionCallInfo[] = [];
  readonly aggregations: AggregationInfo[] = [];
  readonly binaries: BinaryInfo[] = [];
  truncated = false;
  /** Selector lists of the calls/aggregations/binary sides currently open, to add each selector to. */
  private readonly collectors: Selector[][] = [];

  constructor(private readonly parsed: ParsedPromQL) {}

  private text(node: SyntaxNode): string {
    return this.parsed.substituted.slice(node.from, node.to);
  }

  /** The number a literal operand (possibly parenthesised) stands for, else undefined. */
  private literal(node: SyntaxNode | undefined): number | undefined {
    let n = node;
    while (n && n.name === 'ParenExpr') n = childrenOf(n).find((c) => EXPRESSIONS.has(c.name));
    if (!n || n.name !== 'NumberDurationLiteral') return undefined;
    const value = Number(this.text(n));
    return Number.isFinite(value) ? value : undefined;
  }

  private start(offset: number): number {
    return this.parsed.toOriginal(offset, 'start');
  }

  private end(offset: number): number {
    return this.parsed.toOriginal(offset, 'end');
  }

  private window(node: SyntaxNode | undefined): RangeWindow | undefined {
    if (!node) return undefined;
    const from = this.start(node.from);
    const to = this.end(node.to);
    const text = this.parsed.original.slice(from, to);
    const replacement = this.parsed.replacements.find((r) => r.from === from && r.to === to);
    return { text, variable: replacement?.name, from, to };
  }

  private labelNames(grouping: SyntaxNode | null): string[] {
    if (!grouping) return [];
    return childrenOf(grouping).map((c) => (c.name === 'QuotedLabelName' ? unquote(this.text(c)) : this.text(c)));
  }

  private addSelector(node: SyntaxNode, range: RangeWindow | undefined, chain: FrameChain | undefined): void {
    let metric: string | undefined;
    const matchers: LabelMatcher[] = [];
    for (const child of childrenOf(node)) {
      if (child.name === 'Identifier' || child.name === 'MetricName') metric = this.text(child);
      if (child.name !== 'LabelMatchers') continue;
      for (const m of childrenOf(child)) {
        if (m.name === 'QuotedLabelName') {
          metric = unquote(this.text(m));
          continue;
        }
        if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
        const parts = childrenOf(m);
        const nameNode = parts[0];
        const opNode = parts.find((p) => p.name === 'MatchOp');
        const valueNode = parts[parts.length - 1];
        if (!nameNode || !opNode || !valueNode || valueNode.name !== 'StringLiteral') continue;
        const label = nameNode.name === 'QuotedLabelName' ? unquote(this.text(nameNode)) : this.text(nameNode);
        const op = this.text(opNode) as LabelMatcher['op'];
        const value = unquote(this.text(valueNode));
        if (label === '__name__' && op === '=') {
          metric = value;
          continue;
        }
        matchers.push({
          label,
          op,
          value,
          from: this.start(m.from),
          to: this.end(m.to),
          opFrom: this.start(opNode.from),
          opTo: this.end(opNode.to),
        });
      }
    }
    const selector: Selector = { metric, matchers, range, from: this.start(node.from), to: this.end(node.to), frames: toArray(chain) };
    this.selectors.push(selector);
    for (const list of this.collectors) list.push(selector);
  }

  /** The range of a call's matrix argument, looking through an offset. */
  private matrixArgument(arg: SyntaxNode): { range: RangeWindow | undefined; subquery: boolean } {
    let node: SyntaxNode | null = arg;
    if (node.name === 'OffsetExpr' || node.name === 'AnchoredExpr' || node.name === 'SmoothedExpr' || node.name === 'StepInvariantExpr') node = node.firstChild;
    if (node?.name === 'MatrixSelector') return { range: this.window(node.getChild('DurationExpr') ?? undefined), subquery: false };
    if (node?.name === 'SubqueryExpr') return { range: this.window(node.getChildren('DurationExpr')[0]), subquery: true };
    return { range: undefined, subquery: false };
  }

  visit(node: SyntaxNode, frames: FrameChain | undefined, depth: number): void {
    if (depth > MAX_DEPTH) {
      this.truncated = true;
      return;
    }
    const next = depth + 1;
    switch (node.name) {
      case 'VectorSelector':
        this.addSelector(node, undefined, frames);
        return;
      case 'MatrixSelector': {
        const vector = node.getChild('VectorSelector');
        if (vector) this.addSelector(vector, this.window(node.getChild('DurationExpr') ?? undefined), frames);
        return;
      }
      case 'OffsetExpr': {
        const inner = childrenOf(node).find((c) => EXPRESSIONS.has(c.name));
        const duration = node.getChild('OffsetDurationExpr');
        const text = duration ? this.parsed.original.slice(this.start(duration.from), this.end(duration.to)) : '';
        if (inner) this.visit(inner, extend(frames, { kind: 'offset', text }), next);
        return;
      }
      case 'StepInvariantExpr': {
        // `x[5m] @ end()`: the same value at every step of a range query.
        const inner = childrenOf(node).find((c) => EXPRESSIONS.has(c.name));
        if (inner) this.visit(inner, extend(frames, { kind: 'at' }), next);
        return;
      }
      case 'SubqueryExpr': {
        const inner = childrenOf(node).find((c) => EXPRESSIONS.has(c.name));
        const range = this.window(node.getChildren('DurationExpr')[0]);
        if (inner) this.visit(inner, extend(frames, { kind: 'subquery', range }), next);
        return;
      }
      case 'FunctionCall': {
        const name = this.text(node.getChild('FunctionIdentifier') ?? node).trim();
        const body = node.getChild('FunctionCallBody');
        const args = body ? childrenOf(body).filter((c) => EXPRESSIONS.has(c.name)) : [];
        const matrix = args.map((a) => this.matrixArgument(a)).find((m) => m.range !== undefined) ?? { range: undefined, subquery: false };
        const call: FunctionCallInfo = {
          name,
          from: this.start(node.from),
          to: this.end(node.to),
          range: matrix.range,
          rangeIsSubquery: matrix.subquery,
          selectors: [],
        };
        this.calls.push(call);
        this.collectors.push(call.selectors);
        args.forEach((arg, i) => this.visit(arg, extend(frames, { kind: 'call', name, arg: i }), next));
        this.collectors.pop();
        return;
      }
      case 'AggregateExpr': {
        const op = this.text(node.getChild('AggregateOp') ?? node).trim().toLowerCase();
        const modifier = node.getChild('AggregateModifier');
        const grouping = modifier?.getChild('GroupingLabels') ?? null;
        const isBy = modifier?.getChild('By') !== null && modifier?.getChild('By') !== undefined;
        const labels = modifier ? this.labelNames(grouping) : undefined;
        const by = modifier && isBy ? labels : undefined;
        const without = modifier && !isBy ? labels : undefined;
        const body = node.getChild('FunctionCallBody');
        const args = body ? childrenOf(body).filter((c) => EXPRESSIONS.has(c.name)) : [];
        const aggregation: AggregationInfo = { op, by, without, from: this.start(node.from), to: this.end(node.to), selectors: [] };
        this.aggregations.push(aggregation);
        const hasParam = PARAMETERISED_AGGREGATIONS.has(op) && args.length > 1;
        this.collectors.push(aggregation.selectors);
        args.forEach((arg, i) => {
          const param = hasParam && i === 0;
          this.visit(arg, extend(frames, { kind: 'aggregation', op, by, without, param }), next);
        });
        this.collectors.pop();
        return;
      }
      case 'BinaryExpr': {
        const parts = childrenOf(node);
        const operands = parts.filter((c) => EXPRESSIONS.has(c.name));
        const opNode = parts.find((c, i) => i > 0 && !EXPRESSIONS.has(c.name));
        const op = opNode ? this.text(opNode).toLowerCase() : '?';
        const [lhs, rhs] = operands;
        const binary: BinaryInfo = { op, from: this.start(node.from), to: this.end(node.to), lhs: [], rhs: [], lhsNumber: this.literal(lhs), rhsNumber: this.literal(rhs) };
        this.binaries.push(binary);
        if (lhs) {
          this.collectors.push(binary.lhs);
          this.visit(lhs, extend(frames, { kind: 'binary', op, side: 'lhs' }), next);
          this.collectors.pop();
        }
        if (rhs) {
          this.collectors.push(binary.rhs);
          this.visit(rhs, extend(frames, { kind: 'binary', op, side: 'rhs' }), next);
          this.collectors.pop();
        }
        return;
      }
      case 'UnaryExpr': {
        const inner = childrenOf(node).find((c) => EXPRESSIONS.has(c.name));
        if (inner) this.visit(inner, extend(frames, { kind: 'unary' }), next);
        return;
      }
      default:
        // PromQL, ParenExpr, StepInvariantExpr, AnchoredExpr, SmoothedExpr and error nodes: look inside.
        for (const child of childrenOf(node)) if (EXPRESSIONS.has(child.name) || child.name === 'PromQL') this.visit(child, frames, next);
    }
  }
}

/**
 * Analyses are pure functions of the text and never mutated, so identical queries (common across the
 * dashboards of one repository) are parsed once. Bounded: cleared when full.
 */
const cache = new Map<string, PromQLAnalysis>();
const CACHE_LIMIT = 4096;

/** Parses (after macro substitution) and analyses one PromQL expression, memoised by text. Never throws. */
export function analyzePromQL(text: string): PromQLAnalysis {
  let analysis = cache.get(text);
  if (!analysis) {
    analysis = analyze(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, analysis);
  }
  return analysis;
}

function analyze(text: string): PromQLAnalysis {
  const parsed = parsePromQL(text);
  const walker = new Walker(parsed);
  walker.visit(parsed.tree.topNode, undefined, 0);
  return {
    parsed,
    selectors: walker.selectors,
    calls: walker.calls,
    aggregations: walker.aggregations,
    binaries: walker.binaries,
    truncated: walker.truncated,
  };
}

/** The innermost enclosing function call of a selector, if any. */
export function innermostCall(selector: Selector): Extract<Frame, { kind: 'call' }> | undefined {
  for (let i = selector.frames.length - 1; i >= 0; i--) {
    const frame = selector.frames[i] as Frame;
    if (frame.kind === 'call') return frame;
  }
  return undefined;
}
