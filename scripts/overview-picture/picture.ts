/**
 * The README's picture: the overview dashboard laid out on Grafana's 24-column grid (as the layout
 * previews in dashboards/previews/ are), each visible panel drawn from the numbers a real Prometheus
 * returned for its queries (data.ts), collapsed rows as bars. The SVG depends only on those numbers.
 */
import type { PanelJson } from '../../panels/layout.js';
import type { OverviewData, TargetData } from './data.js';
import { visiblePanels } from './data.js';
import { formatValue, type FieldDefaults } from './format.js';
import { barGauge, gauge, MUTED, pie, stat, text, timeSeries, type Box } from './panels.js';

const COLUMN = 50;
const UNIT = 30;
const TOP = 64;

interface TableOptions {
  readonly renameByName: Readonly<Record<string, string>>;
  readonly indexByName: Readonly<Record<string, number>>;
}

type Override = { matcher: { options: string }; properties: { id: string; value: unknown }[] };

/** The unit and decimals a table column gets from the panel's overrides. */
function columnField(panel: PanelJson, column: string): FieldDefaults {
  const overrides = ((panel['fieldConfig'] as { overrides?: Override[] } | undefined)?.overrides ?? []).filter((o) => o.matcher.options === column);
  const props = Object.fromEntries(overrides.flatMap((o) => o.properties.map((p) => [p.id, p.value])));
  return { unit: props['unit'] as string | undefined, decimals: props['decimals'] as number | undefined };
}

/** The users table: Grafana's merge + organize transformations applied to the instant results. */
function table(box: Box, panel: PanelJson, targets: readonly TargetData[]): string[] {
  const organize = ((panel['transformations'] as { id: string; options: TableOptions }[] | undefined) ?? []).find((t) => t.id === 'organize')?.options;
  if (!organize) return [];
  const columns = Object.entries(organize.indexByName).sort((a, b) => a[1] - b[1]).map(([name]) => name);
  const keyLabel = Object.entries(organize.renameByName).find(([from]) => !from.startsWith('Value #'))?.[0] ?? '';
  const rows = new Map<string, Record<string, number>>();
  for (const t of targets) {
    const column = organize.renameByName[`Value #${t.refId}`] ?? t.refId;
    for (const s of t.series) {
      const key = s.labels[keyLabel] ?? '';
      rows.set(key, { ...(rows.get(key) ?? {}), [column]: s.points[0]?.[1] ?? Number.NaN });
    }
  }
  const sorted = [...rows].sort((a, b) => (b[1][columns[1] ?? ''] ?? 0) - (a[1][columns[1] ?? ''] ?? 0) || a[0].localeCompare(b[0]));
  const width = box.w / (columns.length + 1.5);
  const line = 22;
  const out = columns.map((c, i) => text(box.x + 6 + (i === 0 ? 0 : width * (i + 1.5)), box.y + 14, c, 12, '#5794f2', ' font-weight="500"'));
  sorted.slice(0, Math.floor((box.h - 22) / line)).forEach(([key, values], r) => {
    const y = box.y + 14 + line * (r + 1);
    out.push(`<line x1="${box.x}" y1="${y - 15}" x2="${box.x + box.w}" y2="${y - 15}" stroke="#2c3235"/>`);
    columns.forEach((c, i) => {
      out.push(i === 0 ? text(box.x + 6, y, key.slice(0, Math.floor((width * 2.5 - 12) / 6)), 11) : text(box.x + 6 + width * (i + 1.5), y, formatValue(values[c] ?? 0, columnField(panel, c)), 11));
    });
  });
  return out;
}

/** The panel's stacking mode (`normal`, `none`, ...); Grafana stacks nothing without one. */
function stackingOf(panel: PanelJson): string {
  const custom = (panel['fieldConfig'] as { defaults?: { custom?: { stacking?: { mode?: string } } } } | undefined)?.defaults?.custom;
  return custom?.stacking?.mode ?? 'none';
}

/** One panel: its frame, title and content. */
function panelSvg(panel: PanelJson, data: OverviewData): string[] {
  const g = panel.gridPos;
  const frame = { x: g.x * COLUMN + 10, y: g.y * UNIT + TOP, w: g.w * COLUMN - 6, h: g.h * UNIT - 6 };
  const box: Box = { x: frame.x + 8, y: frame.y + 26, w: frame.w - 16, h: frame.h - 32 };
  const targets = data.panels.get(panel.id) ?? [];
  const field = ((panel['fieldConfig'] as { defaults?: FieldDefaults } | undefined)?.defaults ?? {}) as FieldDefaults;
  const content: Record<string, () => string[]> = {
    stat: () => stat(box, targets, field),
    gauge: () => gauge(box, targets, field),
    piechart: () => pie(box, targets, field),
    bargauge: () => barGauge(box, targets, field),
    timeseries: () => timeSeries(box, targets[0], field, data, stackingOf(panel) !== 'none'),
    table: () => table(box, panel, targets),
  };
  return [
    `<rect x="${frame.x}" y="${frame.y}" width="${frame.w}" height="${frame.h}" rx="3" fill="#181b1f" stroke="#2c3235"/>`,
    text(frame.x + 8, frame.y + 18, String(panel['title']), 13, '#ccccdc', ' font-weight="500"'),
    ...(content[panel.type]?.() ?? []),
  ];
}

/** The whole picture (of the overview, or of any dashboard whose panels were queried the same way). */
export function overviewPictureSvg(data: OverviewData): string {
  const shapes: string[] = [];
  let bottom = 0;
  for (const p of data.json['panels'] as PanelJson[]) {
    const y = p.gridPos.y * UNIT + TOP;
    bottom = Math.max(bottom, y + p.gridPos.h * UNIT);
    if (p.type !== 'row') continue;
    const hidden = ((p['panels'] as unknown[]) ?? []).length;
    const label = `${p['collapsed'] ? '▸' : '▾'} ${String(p['title'])}${p['collapsed'] ? `  (collapsed, ${hidden} panel${hidden === 1 ? '' : 's'})` : ''}`;
    shapes.push(text(10, y + 20, label, 16, '#ccccdc', ' font-weight="bold"'));
  }
  for (const p of visiblePanels(data.json)) shapes.push(...panelSvg(p, data));
  const width = 24 * COLUMN + 20;
  const height = bottom + 40;
  const from = new Date(data.fromMs).toISOString().slice(0, 16).replace('T', ' ');
  const to = new Date(data.toMs).toISOString().slice(0, 16).replace('T', ' ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter, Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#111217"/>`,
    text(10, 30, String(data.json['title']), 20, '#ffffff'),
    text(10, 52, `Real numbers from Prometheus 3 for ${data.source}, ${from} – ${to} UTC, every filter at All`, 12, MUTED),
    ...shapes,
    text(10, height - 14, 'Drawn by npm run render:overview from the answers of a real Prometheus to each panel\'s own queries; not a Grafana screenshot.', 11, MUTED),
    '</svg>',
    '',
  ].join('\n');
}
