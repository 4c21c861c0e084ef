/**
 * Renders the PromQL syntax tree as text: deterministic, and with parentheses only where precedence or
 * PromQL's grammar requires them.
 */
import type { DurationNode, Grouping, Matcher, Node, VectorMatching } from './ast.js';
import { isLegacyMetricName, quoteString, renderLabelName } from './escape.js';
import type { Expr, ValueType } from './types.js';

/** Binding strength of binary operators, loosest first (PromQL operator precedence). */
const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>': 3,
  '<': 3,
  '>=': 3,
  '<=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 7,
};
/** Unary minus binds tighter than `*` but looser than `^` (`-a ^ b` is `-(a ^ b)`). */
const UNARY_PRECEDENCE = 6;
/** Selectors, calls, aggregations and literals never need parentheses. */
const ATOM = 100;

function precedenceOf(node: Node): number {
  switch (node.kind) {
    case 'binary':
      return PRECEDENCE[node.op] ?? 0;
    case 'unary':
      return UNARY_PRECEDENCE;
    case 'number':
      return node.value < 0 || Object.is(node.value, -0) ? UNARY_PRECEDENCE : ATOM;
    case 'raw':
      // Hand-written text is parenthesised wherever it is an operand: its own precedence is unknown.
      return 0;
    default:
      return ATOM;
  }
}

function renderDuration(d: DurationNode): string {
  return d.text;
}

function renderMatcher(m: Matcher): string {
  return `${renderLabelName(m.label)}${m.op}${quoteString(m.value)}`;
}

function renderNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function renderGrouping(g: Grouping): string {
  return `${g.mode} (${g.labels.map(renderLabelName).join(', ')})`;
}

function renderMatching(m: VectorMatching): string {
  let out = `${m.mode} (${m.labels.map(renderLabelName).join(', ')})`;
  if (m.group) out += ` group_${m.group.side} (${m.group.include.map(renderLabelName).join(', ')})`;
  return out;
}

/** Wraps in parentheses unless the node is an atom; used where the grammar takes only a primary expression. */
function renderPrimary(node: Node): string {
  const text = renderNode(node);
  return precedenceOf(node) === ATOM ? text : `(${text})`;
}

function renderSelector(metric: string, matchers: readonly Matcher[]): string {
  if (isLegacyMetricName(metric)) {
    return matchers.length === 0 ? metric : `${metric}{${matchers.map(renderMatcher).join(', ')}}`;
  }
  // Prometheus 3 UTF-8 names: the metric name moves inside the braces as a quoted string.
  return `{${[quoteString(metric), ...matchers.map(renderMatcher)].join(', ')}}`;
}

/** Renders one node. Exposed for tests and for the linter's messages; most code calls `render()`. */
export function renderNode(node: Node): string {
  switch (node.kind) {
    case 'vectorSelector': {
      const sel = renderSelector(node.metric, node.matchers);
      return node.offset ? `${sel} offset ${renderDuration(node.offset)}` : sel;
    }
    case 'matrixSelector': {
      const sel = `${renderSelector(node.selector.metric, node.selector.matchers)}[${renderDuration(node.range)}]`;
      const shifted = node.offset ? `${sel} offset ${renderDuration(node.offset)}` : sel;
      return node.at ? `${shifted} @ ${node.at}()` : shifted;
    }
    case 'subquery': {
      const inner = node.expr.kind === 'vectorSelector' && !node.expr.offset ? renderNode(node.expr) : renderPrimary(node.expr);
      const step = node.step ? renderDuration(node.step) : '';
      const sq = `${inner}[${renderDuration(node.range)}:${step}]`;
      return node.offset ? `${sq} offset ${renderDuration(node.offset)}` : sq;
    }
    case 'raw':
      return node.text;
    case 'number':
      return renderNumber(node.value);
    case 'string':
      return quoteString(node.value);
    case 'scalarMacro':
      return node.text;
    case 'call':
      return `${node.func}(${node.args.map(renderNode).join(', ')})`;
    case 'aggregation': {
      const args = node.param ? `${renderNode(node.param)}, ${renderNode(node.expr)}` : renderNode(node.expr);
      return node.grouping ? `${node.op} ${renderGrouping(node.grouping)} (${args})` : `${node.op}(${args})`;
    }
    case 'unary': {
      const operand = precedenceOf(node.expr) > UNARY_PRECEDENCE ? renderNode(node.expr) : `(${renderNode(node.expr)})`;
      return `-${operand}`;
    }
    case 'binary': {
      const prec = PRECEDENCE[node.op] ?? 0;
      const rightAssoc = node.op === '^';
      const lp = precedenceOf(node.lhs);
      const rp = precedenceOf(node.rhs);
      const lhsNeedsParens = lp < prec || (lp === prec && rightAssoc);
      const rhsNeedsParens = rp < prec || (rp === prec && !rightAssoc);
      const lhs = lhsNeedsParens ? `(${renderNode(node.lhs)})` : renderNode(node.lhs);
      const rhs = rhsNeedsParens ? `(${renderNode(node.rhs)})` : renderNode(node.rhs);
      const mods = [node.bool ? 'bool' : '', node.matching ? renderMatching(node.matching) : ''].filter(Boolean).join(' ');
      return mods ? `${lhs} ${node.op} ${mods} ${rhs}` : `${lhs} ${node.op} ${rhs}`;
    }
  }
}

/** Renders a typed expression as PromQL text. The same tree always renders to the same string. */
export function render(e: Expr<ValueType>): string {
  return renderNode(e.node);
}
