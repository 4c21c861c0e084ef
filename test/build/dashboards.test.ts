/** Built dashboards: layout, ids, uids, determinism, schema validity, links and variables. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { allPanels, assemble, buildDashboards, dashboardSpecs, overviewVariables, SCHEMA_VERSION } from '../../dashboards/index.js';
import { teamBudgetDashboard } from '../../dashboards/examples/team-budget.js';
import { queryTarget, queryTimeSeries, statPanel, timeSeriesPanel } from '../../panels/index.js';
import { costRateByModel, costTotal, unfiltered } from '../../queries/index.js';
import { validateDashboard } from '../../dashboards/schema/validate.js';
import { GRID_COLUMNS, type GridPos, type PanelJson } from '../../panels/layout.js';
import { NAMING_SCHEMES, LOG_QUERIES, QUERIES, resolveConfig, type Config } from '../../queries/index.js';

const CONFIGS: Record<string, Config> = {
  default: resolveConfig({}),
  teams: resolveConfig({ teamLabels: ['team.id', 'department'], identity: 'user_account_uuid' }),
  ...Object.fromEntries(NAMING_SCHEMES.map((n) => [n, resolveConfig({ naming: n })])),
};

function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Panels grouped by the row section they belong to, as Grafana lays them out when every row is open. */
function sections(json: Record<string, unknown>): PanelJson[][] {
  const out: PanelJson[][] = [];
  for (const p of json['panels'] as PanelJson[]) {
    if (p.type === 'row') out.push([p, ...((p['panels'] as PanelJson[]) ?? [])]);
    else out[out.length - 1]?.push(p);
  }
  return out;
}

describe.each(Object.entries(CONFIGS))('dashboards built with the %s configuration', (_name, config) => {
  // The stock dashboards and the opt-in worked example, as a user who registers it builds them.
  const dashboards = buildDashboards(config, [...dashboardSpecs(config), teamBudgetDashboard(config)]);

  it('have stable, valid, unique uids, no id, editable false and a pinned schemaVersion', () => {
    const uids = dashboards.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const d of dashboards) {
      expect(d.uid).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(d.uid.length).toBeLessThanOrEqual(40);
      expect(d.json['uid']).toBe(d.uid);
      expect('id' in d.json).toBe(false);
      expect(d.json['editable']).toBe(false);
      expect(d.json['schemaVersion']).toBe(SCHEMA_VERSION);
    }
  });

  it('lay panels on the 24-column grid without overlaps, rows expanded or collapsed as Grafana expects', () => {
    for (const d of dashboards) {
      for (const section of sections(d.json)) {
        const [row, ...panels] = section;
        expect(row!.type).toBe('row');
        expect(row!.gridPos).toEqual({ x: 0, y: row!.gridPos.y, w: GRID_COLUMNS, h: 1 });
        if (row!['collapsed']) expect((row!['panels'] as unknown[]).length).toBe(panels.length);
        else expect(row!['panels']).toEqual([]);
        for (const p of panels) {
          const g = p.gridPos;
          expect(g.x >= 0 && g.w >= 1 && g.x + g.w <= GRID_COLUMNS && g.h >= 1, `${d.uid}/${p.id}`).toBe(true);
          expect(g.y, `${d.uid}/${p.id} sits above its row`).toBeGreaterThan(row!.gridPos.y);
        }
        for (let i = 0; i < panels.length; i++) {
          for (let j = i + 1; j < panels.length; j++) {
            expect(overlaps(panels[i]!.gridPos, panels[j]!.gridPos), `${d.uid}: panels ${panels[i]!.id} and ${panels[j]!.id} overlap`).toBe(false);
          }
        }
      }
      // Expanded sections follow each other without overlapping (collapsed rows take one line).
      const top = d.json['panels'] as PanelJson[];
      for (let i = 0; i < top.length; i++) {
        for (let j = i + 1; j < top.length; j++) expect(overlaps(top[i]!.gridPos, top[j]!.gridPos), `${d.uid}: ${top[i]!.id}/${top[j]!.id}`).toBe(false);
      }
    }
  });

  it('number panels 1..n in document order and give each target a unique refId', () => {
    for (const d of dashboards) {
      const panels = allPanels(d.json);
      expect(panels.map((p) => p.id)).toEqual(panels.map((_, i) => i + 1));
      for (const p of panels) {
        const refIds = ((p['targets'] as { refId: string }[] | undefined) ?? []).map((t) => t.refId);
        expect(new Set(refIds).size, `${d.uid}/${p.id}`).toBe(refIds.length);
        for (const r of refIds) expect(r).toMatch(/^[A-Z]+$/);
      }
    }
  });

  it('describe every panel and give every data panel a unit from the SDK', () => {
    for (const d of dashboards) {
      for (const p of allPanels(d.json).filter((x) => x.type !== 'row')) {
        expect(String(p['description'] ?? '').length, `${d.uid}/${p['title']}`).toBeGreaterThan(30);
        if (p.type !== 'text' && p.type !== 'table' && p.type !== 'logs') {
          expect((p['fieldConfig'] as { defaults: { unit?: string } }).defaults.unit, `${d.uid}/${p['title']}`).toBeTruthy();
        }
      }
    }
  });

  it('index every target by a named query, with instant/range matching the query kind', () => {
    for (const d of dashboards) {
      expect(d.targets.length + d.logTargets.length).toBeGreaterThan(0);
      for (const t of d.targets) {
        const q = QUERIES.find((x) => x.id === t.queryId);
        if (!t.queryId.startsWith('example.')) expect(q, t.queryId).toBeDefined();
        if (q) expect(t.instant).toBe(q.kind === 'instant');
      }
      const panelTargets = new Map(allPanels(d.json).map((p) => [p.id, (p['targets'] as Record<string, unknown>[] | undefined) ?? []]));
      for (const t of d.logTargets) {
        const q = LOG_QUERIES.find((x) => x.id === t.queryId);
        expect(q, t.queryId).toBeDefined();
        const json = panelTargets.get(t.panelId)?.find((x) => x['refId'] === t.refId);
        expect(json?.['datasource'], t.queryId).toEqual({ type: 'loki', uid: '${loki_datasource}' });
        expect(json?.['queryType'], t.queryId).toBe(q?.kind === 'instant' ? 'instant' : 'range');
      }
    }
  });

  it('validate against the Grafana schema derived from the foundation SDK (both variants)', () => {
    for (const d of dashboards) {
      expect(validateDashboard(d.json)).toEqual([]);
      const { __inputs, __requires, ...body } = d.importable;
      const prometheusInput = expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' });
      const lokiInput = expect.objectContaining({ name: 'DS_LOKI', type: 'datasource', pluginId: 'loki' });
      expect(__inputs).toEqual(d.logTargets.length > 0 ? [prometheusInput, lokiInput] : [prometheusInput]);
      expect(__requires).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'grafana' })]));
      expect(validateDashboard(body)).toEqual([]);
    }
  });
});

describe('determinism', () => {
  it('builds byte-identical JSON twice in a row', () => {
    const a = buildDashboards(resolveConfig({ teamLabels: ['team.id'] }));
    const b = buildDashboards(resolveConfig({ teamLabels: ['team.id'] }));
    expect(a.map((d) => JSON.stringify(d.json))).toEqual(b.map((d) => JSON.stringify(d.json)));
    expect(a.map((d) => JSON.stringify(d.importable))).toEqual(b.map((d) => JSON.stringify(d.importable)));
  });
});

describe('variables and links', () => {
  const [overview, user] = buildDashboards(resolveConfig({ teamLabels: ['team.id'] }));
  const vars = (json: Record<string, unknown>) => (json['templating'] as { list: Record<string, unknown>[] }).list;

  it('offer datasource, user, model, terminal and team variables; filters are multi-value with All = .*', () => {
    const list = vars(overview!.json);
    expect(list.map((v) => v['name'])).toEqual(['datasource', 'user', 'model', 'terminal', 'team_id', 'ccd_fallback']);
    for (const v of list.slice(1, -1)) {
      expect(v).toMatchObject({ type: 'query', multi: true, includeAll: true, allValue: '.*', refresh: 2 });
    }
    expect(list[1]!['query']).toBe('label_values(claude_code_session_count_total, user_email)');
    expect(list[2]!['query']).toBe('label_values(claude_code_cost_usage_USD_total, model)');
    expect(list[4]!['query']).toBe('label_values(claude_code_session_count_total, team_id)');
  });

  it('link the users table to the per-user dashboard', () => {
    const table = allPanels(overview!.json).find((p) => p.type === 'table' && p['title'] === 'Users')!;
    const text = JSON.stringify(table);
    expect(text).toContain(`/d/${user!.uid}?var-user=\${__value.raw}`);
    // The fallback switch first: the user variable's query reads it.
    expect(vars(user!.json).map((v) => v['name'])).toEqual(['datasource', 'ccd_fallback', 'user']);
  });

  it('keep the per-user dashboard on the identity label alone when no fallback is configured (every identity is a label value then)', () => {
    const config = resolveConfig({ identityFallback: null });
    const built = buildDashboards(config, dashboardSpecs(config)).find((d) => d.uid.endsWith('-user'))!;
    const userVar = vars(built.json).find((v) => v['name'] === 'user')!;
    expect(userVar['query']).toBe('label_values(claude_code_session_count_total, user_email)');
    const text = JSON.stringify(built.json);
    expect(text).toContain('user_email=~\\"$user\\"');
    expect(text).not.toContain('ccd_shown');
  });

  it('offer on the per-user dashboard every identity the overview shows, fallbacks included, and filter every panel on it', () => {
    const userVar = vars(user!.json).find((v) => v['name'] === 'user')!;
    expect(userVar).toMatchObject({ type: 'query', multi: true, includeAll: false, refresh: 2, regex: '/user_email="([^"]*)"/' });
    // The overview's own users query (label_join/label_replace to user_id:<id>), not label_values of user_email.
    expect(String(userVar['query'])).toMatch(/^query_result\(sum by \(user_email\) \(label_replace\(label_join\(/);
    expect(String(userVar['query'])).toContain('"user_email", "user_id:$1"');
    const exprs = allPanels(user!.json).flatMap((p) => ((p['targets'] ?? []) as { expr?: string }[]).map((t) => t.expr ?? ''));
    const filtered = exprs.filter((e) => e.includes('$user'));
    expect(filtered.length).toBeGreaterThan(10);
    for (const e of filtered) {
      // Selectors keep the selected identities and the series without one; the totals keep the selected shown identity.
      expect(e).not.toMatch(/user_email=~"\$user"/);
      expect(e).toContain('user_email=~"$user|"');
      expect(e).toContain('"ccd_shown", "1", "user_email", "$user") and on (ccd_shown) label_replace(vector(1), "ccd_shown", "1", "", "")');
    }
  });

  it('show active users on the overview but not on one user\'s dashboard, whose stats still fill the row', () => {
    const titles = (json: Record<string, unknown>) => allPanels(json).filter((p) => p.type === 'stat').map((p) => p['title']);
    expect(titles(overview!.json)).toContain('Active users');
    expect(titles(user!.json)).not.toContain('Active users');
    const firstRow = allPanels(user!.json).filter((p) => p.type === 'stat' && (p['gridPos'] as GridPos).y === 3);
    expect(firstRow.reduce((w, p) => w + (p['gridPos'] as GridPos).w, 0)).toBe(GRID_COLUMNS);
  });

  it('switch the raw-counter fallback with a hidden variable read from the rules\' heartbeat', () => {
    const fallback = vars(overview!.json).find((v) => v['name'] === 'ccd_fallback')!;
    expect(fallback).toMatchObject({ type: 'query', hide: 2, refresh: 2, regex: '/ccd_fallback="([^"]*)"/' });
    expect(String(fallback['query'])).toMatch(/^query_result\(.*claude_code:rules:loaded\[\$__range\].*\)$/);
    const status = allPanels(overview!.json).find((p) => p['title'] === 'Counting')!;
    expect(JSON.stringify(status)).toContain('Approximate: the recording rules are not loaded');
  });
});

const shared = resolve(import.meta.dirname, '../../../shared/reference/grafana-jsonschema');

describe.skipIf(!existsSync(shared))('published Grafana JSON Schemas (../shared/reference/grafana-jsonschema)', () => {
  it('accept every built dashboard, with the documented quirks patched', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    for (const f of readdirSync(shared).filter((n) => n.endsWith('.jsonschema.json'))) {
      const schema = JSON.parse(readFileSync(join(shared, f), 'utf8')) as { definitions?: Record<string, { properties?: Record<string, unknown> }> };
      // Known quirks (see scripts/generate-schema.ts): these two are TS `any` in Grafana, emitted as "object".
      const defs = schema.definitions ?? {};
      if (defs['MatcherConfig']?.properties) defs['MatcherConfig'].properties['options'] = {};
      if (defs['DynamicConfigValue']?.properties) defs['DynamicConfigValue'].properties['value'] = {};
      ajv.addSchema(schema, f);
    }
    const def = (name: string) => {
      const v = ajv.getSchema(`dashboard.jsonschema.json#/definitions/${name}`);
      if (!v) throw new Error(`definition ${name} missing from the published schema`);
      return v;
    };
    const [dashboardSchema, panelSchema, rowSchema] = [def('Dashboard'), def('Panel'), def('RowPanel')];
    for (const d of buildDashboards(resolveConfig({}))) {
      // Rows and panels are checked against their own definitions, as Grafana dispatches on type.
      const withoutPanels = { ...d.json, panels: [] };
      expect(dashboardSchema(withoutPanels), `${d.uid}: ${JSON.stringify(dashboardSchema.errors?.slice(0, 3))}`).toBe(true);
      for (const p of allPanels(d.json)) {
        const check = p.type === 'row' ? rowSchema : panelSchema;
        const body = p.type === 'row' ? { ...p, panels: [] } : p;
        expect(check(body), `${d.uid}/${p.id}: ${JSON.stringify(check.errors?.slice(0, 3))}`).toBe(true);
      }
    }
  });
});
if (!existsSync(shared)) console.warn(`Skipping published-schema checks: ${shared} is absent (it is present in CI).`);

describe('query kind against panel type', () => {
  const config = resolveConfig({});
  const ctx = unfiltered(config);

  it('queryTimeSeries refuses an instant total, naming the query and what to use instead', () => {
    expect(() => queryTimeSeries(ctx, costTotal)).toThrow(/"cost\.total" is an instant query .* Use queryStat/);
    expect(() => queryTimeSeries(ctx, costRateByModel)).not.toThrow();
  });

  it('assemble refuses a time series whose target is instant-only, and accepts it in a stat', () => {
    const spec = (panel: unknown) => ({
      uid: 'kind-check',
      title: 'Kind check',
      description: 'query kind against panel type',
      variables: overviewVariables(config),
      rows: [{ title: 'Cost', panels: [{ panel, w: 12, h: 8 }] }],
    });
    const series = timeSeriesPanel({ title: 'Cost', description: 'Cost over time', unit: 'currencyUSD', targets: [queryTarget(ctx, costTotal)] });
    expect(() => assemble(spec(series) as Parameters<typeof assemble>[0])).toThrow(/Panel "Cost" is a time series but its query "cost\.total" is instant-only/);
    const stat = statPanel({ title: 'Cost', description: 'Cost in the range', unit: 'currencyUSD', targets: [queryTarget(ctx, costTotal)] });
    expect(() => assemble(spec(stat) as Parameters<typeof assemble>[0])).not.toThrow();
  });
});

describe('raw PromQL through the typed escape hatch', () => {
  const config = resolveConfig({});
  const ctx = unfiltered(config);

  it('a defineRawQuery panel is accepted by assemble, written verbatim, and parenthesised as an operand', async () => {
    const { defineRawQuery, promql, render } = await import('../../queries/index.js');
    const { queryStat } = await import('../../panels/index.js');
    const uptime = defineRawQuery({ id: 'mine.apiUp', title: 'API up', description: 'Share of API targets up.', measure: 'ratio', expr: () => 'avg(up{job="api"})' });
    const { json, targets } = assemble({
      uid: 'raw-check',
      title: 'Raw check',
      description: 'a raw query beside ours',
      variables: overviewVariables(config),
      rows: [{ title: 'Mine', panels: [{ panel: queryStat(ctx, uptime), w: 6, h: 4 }, { panel: queryStat(ctx, costTotal), w: 6, h: 4 }] }],
    });
    expect(targets.map((t) => t.expr)[0]).toBe('avg(up{job="api"})');
    expect(JSON.stringify(json)).toContain('avg(up{job=\\"api\\"})');
    expect(render(promql.mul(uptime.build(ctx), promql.num(100)))).toBe('(avg(up{job="api"})) * 100');
  });

  it('a raw query that does not parse fails the build naming the query', async () => {
    const { defineRawQuery } = await import('../../queries/index.js');
    const broken = defineRawQuery({ id: 'mine.broken', title: 'Broken', description: 'A typo.', measure: 'count', expr: () => 'sum(up{job="api"}' });
    expect(() => broken.build(ctx)).toThrow(/Query "mine\.broken"/);
  });
});
