/** The span editor behind `--fix`: each kind of edit changes only its span, in the file's style. */
import { describe, expect, it } from 'vitest';
import { applyJsonEdits, SourceCopy } from '../../dashboards/lint/index.js';

describe('applyJsonEdits', () => {
  it('replaces a value and leaves its neighbours spelled as they were', () => {
    expect(applyJsonEdits('{ "a": 1.0, "id": 7, "b": "\\u00e9" }', [{ op: 'set', pointer: '/id', value: null }])).toBe('{ "a": 1.0, "id": null, "b": "\\u00e9" }');
  });
  it('adds a member after the last one with its indentation, separator and line ending', () => {
    expect(applyJsonEdits('{\r\n\t"a": 1\r\n}\r\n', [{ op: 'set', pointer: '/editable', value: false }])).toBe('{\r\n\t"a": 1,\r\n\t"editable": false\r\n}\r\n');
    expect(applyJsonEdits('{"a":1}', [{ op: 'set', pointer: '/b', value: { c: [1] } }])).toBe('{"a":1,"b":{"c":[1]}}');
  });
  it('fills an empty object: pretty in a pretty file, compact in a one-line file', () => {
    expect(applyJsonEdits('{\n  "t": {}\n}', [{ op: 'set', pointer: '/t/list', value: [] }])).toBe('{\n  "t": {\n    "list": []\n  }\n}');
    expect(applyJsonEdits('{"t":{}}', [{ op: 'set', pointer: '/t/list', value: [] }])).toBe('{"t":{"list":[]}}');
  });
  it('removes the first, a middle, the last and the only member', () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}';
    expect(applyJsonEdits(text, [{ op: 'remove', pointer: '/a' }])).toBe('{\n  "b": 2,\n  "c": 3\n}');
    expect(applyJsonEdits(text, [{ op: 'remove', pointer: '/b' }])).toBe('{\n  "a": 1,\n  "c": 3\n}');
    expect(applyJsonEdits(text, [{ op: 'remove', pointer: '/c' }])).toBe('{\n  "a": 1,\n  "b": 2\n}');
    expect(applyJsonEdits('{"x":{"only":1}}', [{ op: 'remove', pointer: '/x/only' }])).toBe('{"x":{}}');
  });
  it('inserts array items before an index and at the end, and moves text re-indented', () => {
    expect(applyJsonEdits('[1, 2]', [{ op: 'insert', pointer: '/0', values: [0] }])).toBe('[0, 1, 2]');
    expect(applyJsonEdits('[1, 2]', [{ op: 'insert', pointer: '/2', values: [3, 4] }])).toBe('[1, 2, 3, 4]');
    const rows = '[\n  {\n    "p": [\n      {\n        "n": 1.0\n      }\n    ]\n  }\n]';
    expect(applyJsonEdits(rows, [
      { op: 'insert', pointer: '/1', values: [new SourceCopy('/0/p/0')] },
      { op: 'set', pointer: '/0/p', value: [] },
    ])).toBe('[\n  {\n    "p": []\n  },\n  {\n    "n": 1.0\n  }\n]');
  });
  it('refuses edits that do not fit the document, naming the pointer', () => {
    expect(() => applyJsonEdits('{"a":1}', [{ op: 'set', pointer: '/missing/x', value: 1 }])).toThrow(/\/missing/);
    expect(() => applyJsonEdits('{"a":1}', [{ op: 'remove', pointer: '/b' }])).toThrow(/\/b/);
    expect(() => applyJsonEdits('{"a":{"b":1}}', [{ op: 'set', pointer: '/a', value: 1 }, { op: 'set', pointer: '/a/b', value: 2 }])).toThrow(/same part/);
  });
});
