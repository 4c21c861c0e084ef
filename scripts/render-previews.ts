/**
 * `npm run render:previews`: draws each built dashboard's layout as an SVG wireframe (rows, panels,
 * titles, panel types) into dashboards/previews/, for the README and for reviewing layout changes in a
 * diff without starting Grafana. `--check` exits 1 when the committed previews are out of date.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDashboards, dashboardSpecs, type BuiltDashboard } from '../dashboards/index.js';
import { teamBudgetDashboard } from '../dashboards/examples/team-budget.js';
import type { PanelJson } from '../panels/layout.js';
import { defaultConfig } from '../queries/config.js';
import { runIfMain, type CliIO } from './lib/cli-kit.js';
import { writeFileAtomic } from './lib/write-atomic.js';

const COLUMN = 40;
const UNIT = 26;
const COLOURS: Record<string, string> = {
  stat: '#3274d9',
  timeseries: '#56a64b',
  piechart: '#e0752d',
  bargauge: '#a352cc',
  table: '#8f8f8f',
  gauge: '#f2cc0c',
  text: '#5a6171',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The SVG wireframe of one dashboard: expanded rows with their panels, collapsed rows as one bar. */
export function previewSvg(d: BuiltDashboard): string {
  const top = d.json['panels'] as PanelJson[];
  const shapes: string[] = [];
  let bottom = 0;
  for (const p of top) {
    const g = p.gridPos;
    const x = g.x * COLUMN + 10;
    const y = g.y * UNIT + 50;
    bottom = Math.max(bottom, y + g.h * UNIT);
    if (p.type === 'row') {
      const hidden = ((p['panels'] as unknown[]) ?? []).length;
      const label = `${p['collapsed'] ? '▸' : '▾'} ${String(p['title'])}${p['collapsed'] ? `  (collapsed, ${hidden} panel${hidden === 1 ? '' : 's'})` : ''}`;
      shapes.push(`<text x="${x}" y="${y + 18}" font-size="15" font-weight="bold" fill="#d8d9da">${escapeXml(label)}</text>`);
      continue;
    }
    const colour = COLOURS[p.type] ?? '#5a6171';
    const w = g.w * COLUMN - 6;
    const h = g.h * UNIT - 6;
    shapes.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="#181b1f" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${x + 8}" y="${y + 18}" font-size="12" fill="#d8d9da">${escapeXml(String(p['title']).slice(0, Math.floor(w / 7)))}</text>`,
      `<text x="${x + 8}" y="${y + h - 8}" font-size="11" fill="${colour}">${p.type}</text>`,
    );
  }
  const width = 24 * COLUMN + 20;
  const height = bottom + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter, Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#111217"/>`,
    `<text x="10" y="30" font-size="20" fill="#ffffff">${escapeXml(d.title)}</text>`,
    ...shapes,
    '</svg>',
    '',
  ].join('\n');
}

/** Where the preview of a dashboard goes. */
export function previewPath(d: BuiltDashboard): string {
  return resolve(import.meta.dirname, '../dashboards/previews', `${d.uid}.svg`);
}

/** The render:previews command; returns its exit code (1 when `--check` finds a stale preview). */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: [...argv], options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (e) {
    io.stderr(`render:previews: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout('Usage: npm run render:previews -- [--check]\nWrites dashboards/previews/<uid>.svg for the default configuration (stock dashboards and the worked example).\n');
    return 0;
  }
  const stale: string[] = [];
  const config = defaultConfig();
  // The stock dashboards and the opt-in worked example (its preview shows what registering it gives).
  for (const d of buildDashboards(config, [...dashboardSpecs(config), teamBudgetDashboard(config)])) {
    const svg = previewSvg(d);
    const path = previewPath(d);
    if (args.check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== svg) stale.push(path);
    } else writeFileAtomic(path, svg);
  }
  if (stale.length) {
    io.stderr(`render:previews --check: out of date:\n${stale.map((s) => `  ${s}`).join('\n')}\nFix: npm run render:previews\n`);
    return 1;
  }
  return 0;
}

runIfMain(import.meta.url, 'render:previews', run);
