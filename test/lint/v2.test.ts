/**
 * Grafana v2 dashboards (elements, nested layouts, v2 variables) are linted with the classic rules
 * through the v2 adapter: realistic Grafana 12/13 exports in both v2 spellings lint clean, the adapted
 * view holds every panel, query and variable, findings carry lines of the v2 file (JSON and YAML), and
 * repeats and row variables count as variable uses. The per-rule bad-v2.json fixtures cover recall.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FIXTURES, lintInMemory } from './helpers.js';

const read = (rel: string) => readFileSync(path.join(FIXTURES, rel), 'utf8');
/** A v2beta1 export: tabs, rows with their own grids, an auto grid, a library panel, Prometheus and Loki. */
const BETA = read('dashboard-v2-structure/good.json');
/** The same dashboard in the v2alpha1 spelling (plugin and datasource types as `kind`). */
const ALPHA = read('dashboard-v2-unplaced-element/good.json');

type Doc = { spec: { variables: unknown[]; layout: { spec: { tabs: { spec: Record<string, unknown> }[] } } } };

describe('Grafana v2 dashboards', () => {
  it.each([
    ['v2beta1', BETA],
    ['v2alpha1', ALPHA],
  ])('a realistic %s export lints clean (two rows whose grids both start at y=0 do not overlap)', (_, text) => {
    const r = lintInMemory({ 'cc.json': text });
    expect(r.findings).toEqual([]);
  });

  it.each([
    ['v2beta1', BETA],
    ['v2alpha1', ALPHA],
  ])('the %s view holds every element, query and variable where the layout puts it', (_, text) => {
    const loaded = lintInMemory({ 'cc.json': text }).files[0]?.loaded;
    expect(loaded?.v2).toBeDefined();
    const panels = loaded!.body.panels as { type?: string; title?: string; targets?: { datasource: { type: string } }[]; libraryPanel?: unknown }[];
    expect(panels.map((p) => `${p.type ?? 'library'}:${p.title}`)).toEqual([
      'row:Cost',
      'row:Overview',
      'stat:Cost',
      'library:Team budget',
      'timeseries:Cost per hour',
      'row:Tokens',
      'timeseries:Tokens per second by type',
      'row:Events',
      'stat:API errors',
      'stat:Commits',
      'logs:API error events',
    ]);
    expect(panels.flatMap((p) => p.targets ?? []).map((t) => t.datasource.type)).toEqual(['prometheus', 'prometheus', 'prometheus', 'loki', 'prometheus', 'loki']);
    // Each GridLayout is its own grid; rows, tabs and auto-grid items have none.
    expect(loaded!.v2!.grids).toEqual([undefined, undefined, 0, 0, 0, undefined, 1, undefined, undefined, undefined, undefined]);
    const variables = (loaded!.body.templating as { list: { name: string; type: string; query: unknown }[] }).list;
    expect(variables.map((v) => `${v.type}:${v.name}`)).toEqual(['datasource:datasource', 'datasource:loki', 'query:model']);
  });

  it('findings carry the line of the v2 file, in JSON and in YAML', () => {
    const bad = read('variable-undefined/bad-v2.json');
    const yamlText = stringify(JSON.parse(bad));
    const r = lintInMemory({ 'bad.json': bad, 'bad.yaml': yamlText });
    for (const [file, text] of [['bad.json', bad], ['bad.yaml', yamlText]] as const) {
      const finding = r.findings.find((f) => f.file === file && f.ruleId === 'variable-undefined');
      expect(finding?.pointer, file).toBe('/spec/elements/cost-total/spec/data/spec/queries/0/spec/query/spec/expr');
      expect(finding?.panelTitle).toBe('Cost');
      const line = text.split('\n').findIndex((l) => l.includes('$modle')) + 1;
      expect(finding?.line, file).toBe(line);
    }
  });

  it('a layout item repeat and a tab repeat use their variables; without them the variable is unused', () => {
    const withRepeats = JSON.parse(BETA) as Doc;
    withRepeats.spec.variables.push(
      { kind: 'CustomVariable', spec: { name: 'team', query: 'a,b', current: { text: 'a', value: 'a' }, options: [], multi: true, includeAll: false, hide: 'dontHide', skipUrlSync: false, allowCustomValue: true } },
      { kind: 'CustomVariable', spec: { name: 'region', query: 'eu,us', current: { text: 'eu', value: 'eu' }, options: [], multi: true, includeAll: false, hide: 'dontHide', skipUrlSync: false, allowCustomValue: true } },
    );
    const without = structuredClone(withRepeats);
    const tabs = withRepeats.spec.layout.spec.tabs;
    tabs[1]!.spec.repeat = { mode: 'variable', value: 'region' };
    const rows = (tabs[0]!.spec.layout as { spec: { rows: { spec: { layout: { spec: { items: { spec: Record<string, unknown> }[] } } } }[] } }).spec.rows;
    rows[1]!.spec.layout.spec.items[0]!.spec.repeat = { mode: 'variable', value: 'team', direction: 'h' };
    const unused = (doc: Doc) => lintInMemory({ 'cc.json': doc }).findings.filter((f) => f.ruleId === 'variable-unused').map((f) => f.pointer);
    expect(unused(withRepeats)).toEqual([]);
    expect(unused(without).sort()).toEqual(['/spec/variables/3/spec', '/spec/variables/4/spec']);
  });
});
