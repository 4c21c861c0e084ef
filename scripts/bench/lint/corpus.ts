/**
 * A realistic, deterministic corpus of dashboards for the lint benchmark and the memory measurement.
 * Real Claude Code dashboards (the public ones) carry about 1.3–1.8 KB of JSON per panel: full
 * fieldConfig (thresholds, colour, custom draw styles), options (legend, tooltip, reduce options),
 * overrides and one or two PromQL targets with legends. The sizes here follow a long-tailed spread
 * (roughly 12 KB to 180 KB, about 49 KB on average), every query text is distinct (no parse-cache
 * hits), and the layout is a valid 24-column grid.
 */
import { metricName } from '../../../queries/naming.js';
import { mulberry32 } from '../../dev/prng.js';

const PANEL_TYPES = ['timeseries', 'timeseries', 'stat', 'stat', 'table', 'piechart', 'bargauge', 'gauge', 'barchart'] as const;
const WINDOWS = ['$__range', '$__rate_interval', '5m', '1h', '$__interval', '1d'];
const LABELS = ['model', 'type', 'user_email', 'session_id', 'terminal_type', 'app_version'];

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** A PromQL query of the kinds real dashboards use, made distinct by its team filter. */
function query(r: Random, team: string): string {
  const m = (name: Parameters<typeof metricName>[1]) => metricName('otel-collector', name);
  const f = `team_id="${team}", model=~"$model"`;
  const w = pick(r, WINDOWS);
  const by = pick(r, LABELS);
  return pick(r, [
    `sum(increase(${m('cost')}{${f}}[${w}]))`,
    `sum by (${by}) (increase(${m('cost')}{${f}}[${w}]))`,
    `sum by (type) (rate(${m('tokens')}{${f}}[${w}])) * 3600`,
    `count(count by (session_id) (last_over_time(${m('sessionCount')}{${f}}[$__range])))`,
    `sum(increase(${m('tokens')}{${f}, type="cacheRead"}[$__range])) / sum(increase(${m('tokens')}{${f}, type=~"input|cacheRead|cacheCreation"}[$__range]))`,
    `topk(10, sum by (${by}) (increase(${m('cost')}{${f}}[$__range])))`,
    `sum(increase(${m('commits')}{${f}}[${w}])) or vector(0)`,
    `histogram_quantile(0.95, sum by (le) (rate(${m('tokens')}{${f}}[${w}])))`,
    `sum by (${by}) (increase(${m('linesOfCode')}{${f}, type="added"}[${w}])) - sum by (${by}) (increase(${m('linesOfCode')}{${f}, type="removed"}[${w}]))`,
  ]);
}

function thresholds(r: Random): unknown {
  const steps: unknown[] = [{ color: 'green', value: null }];
  for (let i = 0; i < 1 + Math.floor(r() * 3); i++) steps.push({ color: pick(r, ['yellow', 'orange', 'red', 'purple']), value: Math.round(r() * 1000) });
  return { mode: 'absolute', steps };
}

function customFor(type: string, r: Random): Record<string, unknown> {
  if (type === 'timeseries' || type === 'barchart') {
    return {
      axisBorderShow: false, axisCenteredZero: false, axisColorMode: 'text', axisLabel: '', axisPlacement: 'auto',
      barAlignment: 0, drawStyle: pick(r, ['line', 'bars']), fillOpacity: Math.round(r() * 30), gradientMode: 'none',
      hideFrom: { legend: false, tooltip: false, viz: false }, insertNulls: false, lineInterpolation: 'linear', lineWidth: 1,
      pointSize: 5, scaleDistribution: { type: 'linear' }, showPoints: 'auto', spanNulls: false,
      stacking: { group: 'A', mode: pick(r, ['none', 'normal']) }, thresholdsStyle: { mode: 'off' },
    };
  }
  if (type === 'table') return { align: 'auto', cellOptions: { type: 'auto' }, inspect: false, filterable: r() < 0.5 };
  return { hideFrom: { legend: false, tooltip: false, viz: false } };
}

function optionsFor(type: string, r: Random): Record<string, unknown> {
  const legend = { calcs: r() < 0.5 ? ['sum', 'mean'] : [], displayMode: pick(r, ['list', 'table']), placement: 'bottom', showLegend: true };
  const reduceOptions = { calcs: ['lastNotNull'], fields: '', values: false };
  if (type === 'timeseries' || type === 'barchart') return { legend, tooltip: { mode: 'multi', sort: 'desc', hideZeros: false } };
  if (type === 'stat') return { colorMode: 'value', graphMode: 'area', justifyMode: 'auto', orientation: 'auto', reduceOptions, showPercentChange: false, textMode: 'auto', wideLayout: true };
  if (type === 'table') return { cellHeight: 'sm', footer: { countRows: false, fields: '', reducer: ['sum'], show: false }, showHeader: true, sortBy: [{ desc: true, displayName: 'Value' }] };
  if (type === 'piechart') return { displayLabels: ['percent'], legend, pieType: 'donut', reduceOptions, tooltip: { mode: 'single', sort: 'none' } };
  return { displayMode: 'gradient', minVizHeight: 16, minVizWidth: 8, namePlacement: 'auto', orientation: 'horizontal', reduceOptions, showUnfilled: true, sizing: 'auto', valueMode: 'color' };
}

function overrides(r: Random): unknown[] {
  return Array.from({ length: Math.floor(r() * 3) }, (_, i) => ({
    matcher: { id: 'byName', options: `series ${i}` },
    properties: [{ id: 'color', value: { fixedColor: pick(r, ['blue', 'green', 'red']), mode: 'fixed' } }, { id: 'custom.width', value: 120 + i * 10 }],
  }));
}

function panel(r: Random, dashboard: number, p: number, gridPos: { x: number; y: number; w: number; h: number }): unknown {
  const type = pick(r, PANEL_TYPES);
  const ds = { type: 'prometheus', uid: '${datasource}' };
  const targets = Array.from({ length: 1 + (r() < 0.3 ? 1 : 0) }, (_, t) => ({
    datasource: ds, editorMode: 'code', expr: query(r, `team-${dashboard}-${p}-${t}`), instant: type !== 'timeseries',
    legendFormat: r() < 0.6 ? `{{${pick(r, LABELS)}}}` : '__auto', range: type === 'timeseries', refId: String.fromCharCode(65 + t),
  }));
  return {
    datasource: ds,
    description: r() < 0.8 ? `What panel ${p + 1} of dashboard ${dashboard} shows, and how to read it when the numbers look odd.` : undefined,
    fieldConfig: {
      defaults: { color: { mode: pick(r, ['palette-classic', 'thresholds']) }, custom: customFor(type, r), decimals: Math.floor(r() * 3), mappings: [], thresholds: thresholds(r), unit: pick(r, ['currencyUSD', 'short', 'none', 'percentunit', 's']) },
      overrides: overrides(r),
    },
    gridPos,
    id: p + 1,
    options: optionsFor(type, r),
    pluginVersion: '11.3.0',
    targets,
    title: `Panel ${p + 1}: ${pick(r, ['Cost', 'Tokens', 'Sessions', 'Commits', 'Lines of code', 'Cache hit ratio'])}`,
    type,
  };
}

/** Panels for roughly `bytes` of pretty-printed JSON (about 2.5 KB a panel), laid out on the grid without overlaps. */
function panels(r: Random, dashboard: number, bytes: number): unknown[] {
  const count = Math.max(4, Math.round(bytes / 2500));
  const out: unknown[] = [];
  let x = 0;
  let y = 0;
  for (let p = 0; p < count; p++) {
    const w = pick(r, [6, 8, 12, 24]);
    if (x + w > 24) {
      x = 0;
      y += 8;
    }
    out.push(panel(r, dashboard, p, { x, y, w, h: 8 }));
    x += w;
  }
  return out;
}

/** A dashboard target size: long-tailed, 12 KB to ~180 KB, about 49 KB on average. */
function targetBytes(r: Random): number {
  const u = r();
  return Math.round(12_000 + 30_000 * (-Math.log(1 - u * 0.995)));
}

/** One dashboard of the realistic corpus. */
export function realisticDashboard(i: number, r: Random): unknown {
  return {
    annotations: { list: [{ builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true, iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard' }] },
    description: `Claude Code usage for team ${i}.`,
    editable: r() < 0.5,
    graphTooltip: 1,
    id: null,
    links: [],
    panels: panels(r, i, targetBytes(r)),
    refresh: '1m',
    schemaVersion: 39,
    tags: ['claude-code', 'otel'],
    templating: {
      list: [
        { current: {}, hide: 0, includeAll: false, name: 'datasource', options: [], query: 'prometheus', refresh: 1, type: 'datasource' },
        { current: {}, datasource: { type: 'prometheus', uid: '${datasource}' }, definition: `label_values(${metricName('otel-collector', 'cost')}, model)`, hide: 0, includeAll: true, multi: true, name: 'model', options: [], query: { query: `label_values(${metricName('otel-collector', 'cost')}, model)`, refId: 'PrometheusVariableQueryEditor-VariableQuery' }, refresh: 2, sort: 1, type: 'query' },
      ],
    },
    time: { from: 'now-7d', to: 'now' },
    timepicker: {},
    timezone: 'browser',
    title: `Claude Code team ${i}`,
    uid: `realistic-${i}`,
    version: 1,
  };
}

/** `count` realistic dashboards as pretty-printed JSON texts (seeded: the same corpus every run). */
export function* realisticCorpus(count: number, seed = 42): Generator<{ file: string; text: string }> {
  const r = mulberry32(seed);
  for (let i = 0; i < count; i++) yield { file: `realistic/${String(i).padStart(5, '0')}.json`, text: JSON.stringify(realisticDashboard(i, r), null, 2) };
}
