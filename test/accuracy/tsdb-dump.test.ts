/**
 * Parsing `promtool tsdb dump` lines (scripts/accuracy/tsdb-dump.ts), which the recording-rule backfill
 * replays into Prometheus: Go-quoted label values and names, float formats, and clear errors.
 */
import { describe, expect, it } from 'vitest';
import { parseDumpLine } from '../../scripts/accuracy/tsdb-dump.js';

describe('promtool tsdb dump lines', () => {
  it('reads labels (sorted), the shortest float text and the timestamp', () => {
    const sample = parseDumpLine('{__name__="claude_code:tokens:reported_increments", type="input", model="claude-opus-4-1"} 32.65599999999999 1787745600000');
    expect(sample).toEqual({
      labels: [['__name__', 'claude_code:tokens:reported_increments'], ['model', 'claude-opus-4-1'], ['type', 'input']],
      value: 32.65599999999999,
      timestamp: 1787745600000,
    });
  });

  it('reads quoted label names (UTF-8 names on Prometheus 3) and Go escapes in values', () => {
    const line = String.raw`{"user.email"="a\"b\\c\nd", __name__="m", x="caf\u00e9 \xc3\xa9 \303\251 ✓"} 1e-05 1`;
    const sample = parseDumpLine(line);
    expect(sample.labels).toEqual([['__name__', 'm'], ['user.email', 'a"b\\c\nd'], ['x', 'café é é ✓']]);
    expect(sample.value).toBe(0.00001);
  });

  it('reads infinities and NaN', () => {
    expect(parseDumpLine('{a="b"} +Inf 5').value).toBe(Infinity);
    expect(parseDumpLine('{a="b"} -Inf 5').value).toBe(-Infinity);
    expect(parseDumpLine('{a="b"} NaN 5').value).toBeNaN();
  });

  it('rejects what is not a dump line, saying where', () => {
    expect(() => parseDumpLine('level=info msg=x')).toThrow(/not a dump line/);
    expect(() => parseDumpLine('{a="b} 1 2')).toThrow(/unterminated/);
    expect(() => parseDumpLine('{a="b" c="d"} 1 2')).toThrow(/expected ', ' or '}' at column 7/);
    expect(() => parseDumpLine('{a="b"} one 2')).toThrow(/bad value/);
    expect(() => parseDumpLine('{a="b"} 1 2.5')).toThrow(/bad value or timestamp/);
    expect(() => parseDumpLine('{a="\\q"} 1 2')).toThrow(/unknown escape/);
  });
});
