/**
 * Garbage in, one clear finding out: every bad file gets an `input-readable` (or v2) finding for that
 * file, and the good files of the same run are still linted.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_NESTING } from '../../dashboards/lint/input/load-dashboard.js';
import { lintInMemory } from './helpers.js';

const GOOD = { uid: 'good', title: 'Good', schemaVersion: 41, editable: false, templating: { list: [] }, annotations: { list: [] }, panels: [] };

const GARBAGE: Record<string, { content: unknown; message: RegExp }> = {
  'not-json.json': { content: 'this is { not json', message: /not valid JSON/ },
  'trailing-comma.json': { content: '{"title": "x",\n "panels": [],\n}', message: /not valid JSON at line 3/ },
  'empty.json': { content: '', message: /empty/ },
  'whitespace.json': { content: ' \n\t ', message: /empty/ },
  'binary.json': { content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), message: /binary/ },
  'latin1.json': { content: new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]), message: /UTF-8/ },
  'array.json': { content: '[1, 2, 3]', message: /an array, not a dashboard/ },
  'number.json': { content: '42', message: /a number, not a dashboard/ },
  'null.json': { content: 'null', message: /null, not a dashboard/ },
  'string.json': { content: '"dashboard"', message: /a string, not a dashboard/ },
  'other-object.json': { content: '{"name": "my-package", "version": "1.0.0"}', message: /none of the fields of a Grafana dashboard/ },
  'deep.json': { content: `${'['.repeat(MAX_NESTING + 5000)}${']'.repeat(MAX_NESTING + 5000)}`, message: /nested more than/ },
  'huge.json': { content: new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20), message: /above the 20 MB limit/ },
  'wrong-kind.json': { content: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} }, message: /kind "ConfigMap", not a Dashboard/ },
  'spec-not-object.json': { content: { apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', spec: 'x' }, message: /"spec" is a string/ },
};

describe('garbage inputs', () => {
  const files: Record<string, unknown> = { 'good.json': GOOD };
  for (const [name, { content }] of Object.entries(GARBAGE)) files[name] = content;
  const result = lintInMemory(files);

  it.each(Object.entries(GARBAGE))('%s gives one clear input finding', (name, { message }) => {
    const findings = result.findings.filter((f) => f.file === name);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.ruleId).toBe('input-readable');
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.message).toMatch(message);
  });

  it('the good file of the same run is still linted (and clean)', () => {
    expect(result.files.find((f) => f.file === 'good.json')?.loaded).toBeDefined();
    expect(result.findings.filter((f) => f.file === 'good.json')).toEqual([]);
  });

  it('wrong types inside a dashboard are findings, not crashes', () => {
    const weird = {
      uid: 7,
      title: ['x'],
      schemaVersion: '41',
      templating: { list: [null, 3, { name: 5, type: 'query', query: { a: 1 } }] },
      annotations: 'none',
      panels: [null, 1, 'x', { type: 7, targets: 'A', gridPos: 'top' }, { type: 'row', panels: { a: 1 } }, { type: 'timeseries', targets: [null, { expr: 5 }, { expr: '' }] }],
    };
    const r = lintInMemory({ 'weird.json': weird });
    expect(r.findings.filter((f) => f.message.includes('rule failed'))).toEqual([]);
    expect(r.findings.some((f) => f.ruleId === 'dashboard-schema')).toBe(true);
  });

  it('a v2 dashboard is linted, bare or in a manifest; a v2 manifest without elements and layout is reported as not checked', () => {
    const r = lintInMemory({
      'bare-v2.json': { title: 'v2', editable: false, elements: {}, layout: { kind: 'GridLayout', spec: { items: [] } } },
      'manifest-v2.json': { apiVersion: 'dashboard.grafana.app/v2beta1', kind: 'Dashboard', metadata: { name: 'x' }, spec: { title: 'x', editable: false, elements: {}, layout: {} } },
      'empty-v2.json': { apiVersion: 'dashboard.grafana.app/v2beta1', kind: 'Dashboard', metadata: { name: 'y' }, spec: { title: 'y' } },
    });
    expect(r.findings.map((f) => [f.file, f.ruleId, f.pointer])).toEqual([
      ['bare-v2.json', 'uid-present', ''],
      ['manifest-v2.json', 'dashboard-v2-structure', '/spec/layout'],
      ['empty-v2.json', 'input-v2-unsupported', '/apiVersion'],
    ]);
    expect(r.findings[2]?.message).toMatch(/v2 dashboard.*nothing in it was checked/);
  });

  it('a manifest is linted through its spec, with pointers into the file', () => {
    const r = lintInMemory({ 'manifest.json': { apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', metadata: { name: 'other' }, spec: { ...GOOD, id: 3 } } });
    const pointers = r.findings.map((f) => `${f.ruleId} ${f.pointer}`);
    expect(pointers).toContain('dashboard-id-null /spec/id');
    expect(pointers).toContain('uid-unique /metadata/name');
    expect(r.findings.find((f) => f.ruleId === 'dashboard-id-null')?.line).toBeGreaterThan(1);
  });

  it('YAML manifests are read too', () => {
    const yaml = `apiVersion: dashboard.grafana.app/v1beta1\nkind: Dashboard\nmetadata:\n  name: good\nspec:\n  uid: good\n  title: Good\n  schemaVersion: 41\n  editable: false\n  templating: {list: []}\n  annotations: {list: []}\n  panels: []\n`;
    const r = lintInMemory({ 'good.yaml': yaml, 'bad.yaml': 'a: [unclosed' });
    expect(r.findings.filter((f) => f.file === 'good.yaml')).toEqual([]);
    expect(r.findings.find((f) => f.file === 'bad.yaml')?.message).toMatch(/not valid YAML/);
  });
});
