/** Input expansion (files, directories, globs) and JSON Pointer → line mapping. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs, globToRegExp } from '../../dashboards/lint/input/expand-inputs.js';
import { locateJsonValues } from '../../dashboards/lint/input/json-locations.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lint-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('expandInputs', () => {
  mkdirSync(path.join(dir, 'a/b'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules/x'), { recursive: true });
  for (const f of ['a/one.json', 'a/b/two.json', 'a/b/three.yaml', 'a/readme.md', 'node_modules/x/dep.json']) writeFileSync(path.join(dir, f), '{}');

  it('finds *.json in directories recursively, skipping node_modules', () => {
    expect(expandInputs(['.'], dir).files.sort()).toEqual(['a/b/two.json', 'a/one.json']);
  });

  it('matches globs with **, *, ? and {a,b}', () => {
    expect(expandInputs(['a/b/tw?.json'], dir).files).toEqual(['a/b/two.json']);
    expect(expandInputs(['a/**/*.json'], dir).files.sort()).toEqual(['a/b/two.json', 'a/one.json']);
    expect(expandInputs(['a/*/t*.{json,yaml}'], dir).files.sort()).toEqual(['a/b/three.yaml', 'a/b/two.json']);
    expect(globToRegExp('a/**/x.json').test('a/x.json')).toBe(true);
  });

  it('reports inputs that match nothing, and deduplicates', () => {
    const r = expandInputs(['missing.json', 'a/one.json', './a/one.json', 'z/**/*.json'], dir);
    expect(r.missing).toEqual(['missing.json', 'z/**/*.json']);
    expect(r.files).toEqual(['a/one.json']);
  });
});

describe('locateJsonValues', () => {
  it('maps pointers to the line and column where the value starts, falling back to the parent', () => {
    const text = '{\n  "a": 1,\n  "panels": [\n    {"id": 2, "t/x": "y"},\n    [true]\n  ]\n}\n';
    const at = locateJsonValues(text);
    expect(at('')).toEqual({ line: 1, column: 1 });
    expect(at('/a')).toEqual({ line: 2, column: 8 });
    expect(at('/panels/0/id')).toEqual({ line: 4, column: 12 });
    expect(at('/panels/0/t~1x')).toEqual({ line: 4, column: 22 });
    expect(at('/panels/1/0')).toEqual({ line: 5, column: 6 });
    expect(at('/panels/0/missing')).toEqual({ line: 4, column: 5 });
  });
});
