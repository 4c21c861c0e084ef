/** The PromQL analysis the rules rely on: selectors, matchers, ranges as written, frames, binaries. */
import { describe, expect, it } from 'vitest';
import { analyzePromQL } from '../../dashboards/lint/promql/analyze.js';
import { isBareValueUse, rangeFunctionOf } from '../../dashboards/lint/promql/counter-use.js';

describe('analyzePromQL', () => {
  it('keeps macros as written in ranges and maps offsets back to the original text', () => {
    const text = 'sum by (model) (rate(x_total{a="b", c=~"$v"}[$__rate_interval])) / on(model) sum(increase(y_total[1h] offset 1d))';
    const a = analyzePromQL(text);
    expect(a.parsed.error).toBeUndefined();
    const [x, y] = a.selectors;
    expect(x?.metric).toBe('x_total');
    expect(x?.range).toMatchObject({ text: '$__rate_interval', variable: '__rate_interval' });
    expect(text.slice(x!.range!.from, x!.range!.to)).toBe('$__rate_interval');
    expect(x?.matchers.map((m) => `${m.label}${m.op}${m.value}`)).toEqual(['a=b', 'c=~$v']);
    const c = x!.matchers[1]!;
    expect(text.slice(c.opFrom, c.opTo)).toBe('=~');
    expect(x?.frames.map((f) => f.kind)).toEqual(['binary', 'aggregation', 'call']);
    expect(rangeFunctionOf(x!)).toBe('rate');
    expect(y?.range).toMatchObject({ text: '1h', variable: undefined });
    expect(rangeFunctionOf(y!)).toBe('increase');
    expect(a.binaries[0]).toMatchObject({ op: '/' });
    expect(a.binaries[0]?.lhs.map((s) => s.metric)).toEqual(['x_total']);
    expect(a.aggregations.map((g) => [g.op, g.by])).toEqual([
      ['sum', ['model']],
      ['sum', undefined],
    ]);
  });

  it('reads UTF-8 quoted names and __name__ matchers', () => {
    const a = analyzePromQL('{"claude_code.cost.usage_USD_total", "session.id"="s"} + {__name__="up", job="x"}');
    expect(a.selectors.map((s) => s.metric)).toEqual(['claude_code.cost.usage_USD_total', 'up']);
    expect(a.selectors[0]?.matchers[0]?.label).toBe('session.id');
  });

  it('tells raw counter values from counters read over a range', () => {
    const uses = (q: string) => analyzePromQL(q).selectors.map(isBareValueUse);
    expect(uses('sum(x_total)')).toEqual([true]);
    expect(uses('sum(rate(x_total[5m]))')).toEqual([false]);
    expect(uses('x_total offset 5m')).toEqual([false]);
    expect(uses('count(count by (s) (x_total))')).toEqual([false]);
    expect(uses('sum_over_time((x_total - x_total offset 1m)[1h:1m])')).toEqual([false, false]);
  });

  it('reports syntax errors without throwing, also on pathological input', () => {
    expect(analyzePromQL('sum(rate(x[5m])').parsed.error).toBeDefined();
    expect(analyzePromQL('').parsed.error).toBeDefined();
    const deep = analyzePromQL(`${'('.repeat(3000)}x${')'.repeat(3000)}`);
    expect(deep.truncated).toBe(true);
  });
});
