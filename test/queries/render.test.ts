/** Rendering: escaping, UTF-8 names, modifiers, and parentheses only where precedence needs them. */
import { describe, expect, it } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import {
  add,
  bottomk,
  by,
  countValues,
  div,
  duration,
  eq,
  escapeRegex,
  findSyntaxError,
  grafana,
  greaterThan,
  groupLeft,
  ignoring,
  lastOverTime,
  matchVariable,
  mul,
  neg,
  neq,
  nre,
  num,
  offset,
  on,
  oneOf,
  or,
  orZero,
  pow,
  quantile,
  quoteString,
  range,
  rate,
  re,
  render,
  selector,
  sub,
  subquery,
  sum,
  templateVariable,
  topk,
  unless,
  without,
  type InstantVector,
  type NumericExpr,
} from '../../queries/promql/index.js';
import { mulberry32 as prng } from '../../scripts/dev/prng.js';

describe('string escaping', () => {
  it('escapes quotes, backslashes, newlines and control characters in matcher values', () => {
    expect(quoteString('a"b')).toBe('"a\\"b"');
    expect(quoteString('a\\b')).toBe('"a\\\\b"');
    expect(quoteString('line1\nline2\ttab\r')).toBe('"line1\\nline2\\ttab\\r"');
    expect(quoteString('bell\u0007')).toBe('"bell\\x07"');
    expect(quoteString('ünïcødé ✓')).toBe('"ünïcødé ✓"');
  });

  it('renders values that stay one literal, whatever they contain', () => {
    const nasty = 'x"} or vector(1) # \\';
    const text = render(selector('m', [eq('user_email', nasty)]));
    expect(text).toBe('m{user_email="x\\"} or vector(1) # \\\\"}');
    expect(findSyntaxError(text)).toBeUndefined();
  });

  it('escapes regex metacharacters so exact values match literally in =~', () => {
    expect(escapeRegex('claude-opus-5[1m]')).toBe('claude-opus-5\\[1m\\]');
    expect(escapeRegex('a.b+c*d?(e)|{f}^$\\')).toBe('a\\.b\\+c\\*d\\?\\(e\\)\\|\\{f\\}\\^\\$\\\\');
    const text = render(selector('m', [oneOf('model', ['claude-opus-5[1m]', 'a.b'])]));
    expect(text).toBe('m{model=~"claude-opus-5\\\\[1m\\\\]|a\\\\.b"}');
    expect(findSyntaxError(text)).toBeUndefined();
  });

  it('renders all four matcher operators and template variables as regex matches', () => {
    const v = templateVariable('user');
    expect(render(selector('m', [eq('a', '1'), neq('b', '2'), re('c', '3.*'), nre('d', '4|5'), matchVariable('e', v)]))).toBe(
      'm{a="1", b!="2", c=~"3.*", d!~"4|5", e=~"$user"}',
    );
  });

  it('quotes UTF-8 metric and label names (Prometheus 3 syntax) and they parse', () => {
    const text = render(sum(selector('claude_code.cost.usage_USD_total', [eq('session.id', 's')]), by('user.email')));
    expect(text).toBe('sum by ("user.email") ({"claude_code.cost.usage_USD_total", "session.id"="s"})');
    expect(findSyntaxError(text)).toBeUndefined();
  });

  it('rejects invalid durations and variable names at build time', () => {
    expect(() => duration('5 minutes')).toThrow(/Invalid PromQL duration/);
    expect(() => templateVariable('__range')).toThrow(/Invalid template variable/);
    expect(() => templateVariable('my-var')).toThrow(/Invalid template variable/);
  });
});

describe('modifiers and functions', () => {
  const x = selector('x');
  const y = selector('y');
  it('renders offsets, subqueries and Grafana macros', () => {
    expect(render(offset(x, duration('1h')))).toBe('x offset 1h');
    expect(render(offset(range(x, grafana.range), duration('1d')))).toBe('x[$__range] offset 1d');
    expect(render(rate(range(x, grafana.rateInterval)))).toBe('rate(x[$__rate_interval])');
    expect(render(lastOverTime(subquery(add(x, y), grafana.range, grafana.interval)))).toBe('last_over_time((x + y)[$__range:$__interval])');
    expect(render(lastOverTime(subquery(x, duration('1h'))))).toBe('last_over_time(x[1h:])');
    expect(render(div(x, grafana.rangeSeconds))).toBe('x / $__range_s');
  });

  it('renders aggregations with parameters and grouping', () => {
    expect(render(topk(5, x, by('a')))).toBe('topk by (a) (5, x)');
    expect(render(bottomk(3, x))).toBe('bottomk(3, x)');
    expect(render(quantile(0.95, x, without('b')))).toBe('quantile without (b) (0.95, x)');
    expect(render(countValues('v', x))).toBe('count_values("v", x)');
  });

  it('renders bool, on/ignoring and group_left/right', () => {
    expect(render(greaterThan(x, num(0), { bool: true }))).toBe('x > bool 0');
    expect(render(div(x, y, groupLeft(on('model'), 'price'))).valueOf()).toBe('x / on (model) group_left (price) y');
    expect(render(mul(x, y, ignoring('type')))).toBe('x * ignoring (type) y');
    expect(render(orZero(sum(x)))).toBe('sum(x) or vector(0)');
    expect(render(unless(x, y, on()))).toBe('x unless on () y');
  });

  it('refuses vector matching with a scalar operand', () => {
    expect(() => div(x, num(2), on('a'))).toThrow(/needs vectors on both sides/);
  });
});

describe('parentheses', () => {
  const a = selector('a');
  const b = selector('b');
  const c = selector('c');
  it.each([
    [sub(sub(a, b), c), 'a - b - c'],
    [sub(a, sub(b, c)), 'a - (b - c)'],
    [div(a, mul(b, c)), 'a / (b * c)'],
    [mul(add(a, b), c), '(a + b) * c'],
    [add(a, mul(b, c)), 'a + b * c'],
    [pow(a, pow(b, c)), 'a ^ b ^ c'],
    [pow(pow(a, b), c), '(a ^ b) ^ c'],
    [neg(add(a, b)), '-(a + b)'],
    [neg(a), '-a'],
    [pow(neg(a), b), '(-a) ^ b'],
    [mul(neg(a), b), '-a * b'],
    [or(a, unless(b, c)), 'a or b unless c'],
    [unless(or(a, b), c), '(a or b) unless c'],
    [greaterThan(add(a, b), c), 'a + b > c'],
    [add(a, num(-1)), 'a + -1'],
  ] as [InstantVector, string][])('renders %# minimally', (e, text) => {
    expect(render(e)).toBe(text);
    expect(findSyntaxError(text)).toBeUndefined();
  });
});


const OPS = [add, sub, mul, div, pow, (l: InstantVector, r: InstantVector) => greaterThan(l, r)] as const;
const OP_TOKENS = ['+', '-', '*', '/', '^', '>'];

/** A random expression and its structure as an s-expression over the same leaves. */
function randomExpr(rand: () => number, depth: number): { e: InstantVector; shape: string } {
  if (depth === 0 || rand() < 0.25) {
    const name = `m${Math.floor(rand() * 5)}`;
    return { e: selector(name), shape: name };
  }
  if (rand() < 0.15) {
    const inner = randomExpr(rand, depth - 1);
    return { e: neg(inner.e), shape: `(neg ${inner.shape})` };
  }
  if (rand() < 0.15) {
    const inner = randomExpr(rand, depth - 1);
    return { e: sum(inner.e), shape: `sum(${inner.shape})` };
  }
  const i = Math.floor(rand() * OPS.length);
  const l = randomExpr(rand, depth - 1);
  const r = randomExpr(rand, depth - 1);
  const op = OPS[i] as (l: NumericExpr, r: NumericExpr) => InstantVector;
  return { e: op(l.e, r.e), shape: `(${OP_TOKENS[i]} ${l.shape} ${r.shape})` };
}

/** The structure lezer parsed, in the same s-expression form (parentheses dropped). */
function parsedShape(text: string): string {
  const tree = parser.parse(text);
  const walk = (node: import('@lezer/common').SyntaxNode): string => {
    const kids: import('@lezer/common').SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) kids.push(c);
    switch (node.name) {
      case 'PromQL':
        return walk(kids[0]!);
      case 'ParenExpr':
        return walk(kids.find((k) => k.name !== '(' && k.name !== ')')!);
      case 'BinaryExpr': {
        const [l, op, ...rest] = kids;
        return `(${text.slice(op!.from, op!.to)} ${walk(l!)} ${walk(rest[rest.length - 1]!)})`;
      }
      case 'UnaryExpr':
        return `(neg ${walk(kids[kids.length - 1]!)})`;
      case 'AggregateExpr': {
        const body = kids.find((k) => k.name === 'FunctionCallBody')!;
        let inner: import('@lezer/common').SyntaxNode | null = body.firstChild;
        while (inner && (inner.name === '(' || inner.name === ')')) inner = inner.nextSibling;
        return `sum(${walk(inner!)})`;
      }
      default:
        return text.slice(node.from, node.to);
    }
  };
  return walk(tree.topNode);
}

describe('rendering agrees with Prometheus grammar on structure', () => {
  it('parses 2,000 random expressions back to the same operator tree', () => {
    const rand = prng(20261122);
    for (let n = 0; n < 2000; n++) {
      const { e, shape } = randomExpr(rand, 5);
      const text = render(e);
      expect(findSyntaxError(text), text).toBeUndefined();
      expect(parsedShape(text), text).toBe(shape);
    }
  });
});
