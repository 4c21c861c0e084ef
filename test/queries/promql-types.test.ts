/**
 * Type-level tests of the PromQL builder: each `@ts-expect-error` line must fail to compile, which
 * `npm run typecheck` (part of `npm test`) enforces. The calls sit in a function that never runs,
 * so only the compiler sees them; the runtime test checks the valid forms render.
 */
import { describe, expect, it } from 'vitest';
import {
  and,
  by,
  div,
  duration,
  greaterThan,
  increase,
  num,
  offset,
  or,
  range,
  rate,
  render,
  scalar,
  selector,
  subquery,
  sum,
  sumOverTime,
  time,
  topk,
} from '../../queries/promql/index.js';

function compileTimeOnly(): void {
  const v = selector('x_total');
  const m = range(v, duration('5m'));
  const s = num(1);

  // @ts-expect-error rate() takes a range vector, not an instant vector
  rate(v);
  // @ts-expect-error sum() aggregates instant vectors, not range vectors
  sum(m);
  // @ts-expect-error increase() of a scalar
  increase(s);
  // @ts-expect-error set operators need vectors on both sides
  and(s, s);
  // @ts-expect-error `or` between a vector and a scalar is not PromQL
  or(v, s);
  // @ts-expect-error comparing two scalars requires the bool modifier
  greaterThan(s, s);
  // @ts-expect-error a range can only be taken of a selector, not of a function result
  range(rate(m), duration('5m'));
  // @ts-expect-error offset applies to selectors and subqueries, not to function results
  offset(rate(m), duration('1h'));
  // @ts-expect-error a subquery wraps an instant vector, not a range vector
  subquery(m, duration('1h'));
  // @ts-expect-error topk's k is a number or scalar, not a vector
  topk(v, v);
  // @ts-expect-error scalar() takes an instant vector
  scalar(m);
  // @ts-expect-error scalar / scalar is a scalar, which cannot be aggregated
  sum(div(s, time()));
}

describe('typed PromQL builder', () => {
  it('keeps the compile-time-only block out of the runtime', () => {
    expect(typeof compileTimeOnly).toBe('function');
  });

  it('infers the result types PromQL would: scalar op scalar is a scalar, vector op scalar a vector', () => {
    const s = div(num(1), time());
    const v = div(selector('x'), num(2));
    expect(s.valueType).toBe('scalar');
    expect(v.valueType).toBe('vector');
    expect(greaterThan(num(1), num(2), { bool: true }).valueType).toBe('scalar');
  });

  it('renders the valid forms', () => {
    const v = selector('x_total');
    expect(render(sum(rate(range(v, duration('5m'))), by('a')))).toBe('sum by (a) (rate(x_total[5m]))');
    expect(render(sumOverTime(subquery(v, duration('1h'), duration('1m'))))).toBe('sum_over_time(x_total[1h:1m])');
  });
});
