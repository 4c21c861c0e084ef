/**
 * Draws one overview panel from what Prometheus answered for it: stat values, gauges, pie charts, bar
 * gauges and stacked time series, in Grafana's dark theme. Only the data and the panel's own settings
 * (unit, decimals, thresholds, mappings, legend format) decide what is drawn.
 */
import type { ResultSeries } from '../accuracy/prometheus-api.js';
import type { TargetData } from './data.js';
import { colour, escapeXml, formatValue, legendOf, mapped, n, PALETTE, thresholdColour, type FieldDefaults } from './format.js';

/** Where a panel's content goes (inside its frame, below its title). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A labelled value of an instant target. */
export interface Item {
  readonly label: string;
  readonly value: number;
}

export const TEXT = '#d8d9da';
export const MUTED = '#8e8e8e';

export function text(x: number, y: number, body: string, size: number, fill = TEXT, extra = ''): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}" fill="${fill}"${extra}>${escapeXml(body)}</text>`;
}

/** Instant results as labelled values, largest first. */
export function items(targets: readonly TargetData[]): Item[] {
  const out: Item[] = [];
  for (const t of targets) for (const s of t.series) out.push({ label: legendOf(t.legend, s.labels), value: s.points[0]?.[1] ?? Number.NaN });
  return out.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

/** A stat panel: one big value, or one value per series with its legend. */
export function stat(box: Box, targets: readonly TargetData[], field: FieldDefaults): string[] {
  const values = items(targets);
  if (values.length === 0) return [text(box.x + box.w / 2, box.y + box.h / 2, 'No data', 16, MUTED, ' text-anchor="middle"')];
  const single = values.length === 1 && !targets[0]?.legend;
  if (single) {
    const v = values[0]?.value ?? Number.NaN;
    const map = mapped(v, field);
    if (map) return [text(box.x + 8, box.y + box.h / 2 + 6, map.text.length > 150 ? `${map.text.slice(0, 147)}...` : map.text, 16, map.color)];
    const size = Math.min(34, box.h * 0.45, (box.w / Math.max(4, formatValue(v, field).length)) * 1.6);
    return [text(box.x + box.w / 2, box.y + box.h / 2 + size / 3, formatValue(v, field), size, thresholdColour(v, field), ' text-anchor="middle" font-weight="500"')];
  }
  const row = box.h / values.length;
  return values.flatMap((it, i) => [
    text(box.x + box.w / 2, box.y + row * i + row * 0.42, formatValue(it.value, field), Math.min(28, row * 0.45), thresholdColour(it.value, field), ' text-anchor="middle" font-weight="500"'),
    text(box.x + box.w / 2, box.y + row * i + row * 0.42 + 16, it.label, 11, MUTED, ' text-anchor="middle"'),
  ]);
}

/** A gauge: an arc from min to max, filled to the value in its threshold colour. */
export function gauge(box: Box, targets: readonly TargetData[], field: FieldDefaults): string[] {
  const v = items(targets)[0]?.value ?? Number.NaN;
  const min = field.min ?? 0;
  const max = field.max ?? 1;
  const r = Math.min(box.w / 2 - 10, box.h - 30);
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2 + r / 2;
  const point = (f: number) => [cx - r * Math.cos(Math.PI * f), cy - r * Math.sin(Math.PI * f)] as const;
  const arc = (f: number, stroke: string) => {
    const [x1, y1] = point(0);
    const [x2, y2] = point(Math.max(0.001, Math.min(1, f)));
    return `<path d="M${n(x1)} ${n(y1)} A${n(r)} ${n(r)} 0 0 1 ${n(x2)} ${n(y2)}" fill="none" stroke="${stroke}" stroke-width="${n(r * 0.22)}"/>`;
  };
  const f = (v - min) / (max - min);
  return [arc(1, '#2c3235'), arc(Number.isFinite(f) ? f : 0, thresholdColour(v, field)), text(cx, cy - 4, formatValue(v, field), Math.min(30, r * 0.45), thresholdColour(v, field), ' text-anchor="middle" font-weight="500"')];
}

/** A pie chart with its legend (label and value) to the right. */
export function pie(box: Box, targets: readonly TargetData[], field: FieldDefaults): string[] {
  const values = items(targets).filter((it) => it.value > 0);
  const total = values.reduce((a, it) => a + it.value, 0);
  const r = Math.min(box.h / 2 - 6, box.w * 0.22);
  const cx = box.x + r + 8;
  const cy = box.y + box.h / 2;
  const out: string[] = [];
  let angle = -Math.PI / 2;
  values.forEach((it, i) => {
    const a = (it.value / total) * 2 * Math.PI;
    const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    const [x2, y2] = [cx + r * Math.cos(angle + a), cy + r * Math.sin(angle + a)];
    const fill = PALETTE[i % PALETTE.length];
    out.push(values.length === 1
      ? `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}"/>`
      : `<path d="M${n(cx)} ${n(cy)} L${n(x1)} ${n(y1)} A${n(r)} ${n(r)} 0 ${a > Math.PI ? 1 : 0} 1 ${n(x2)} ${n(y2)} Z" fill="${fill}" stroke="#181b1f" stroke-width="1"/>`);
    angle += a;
  });
  const lx = cx + r + 16;
  const line = Math.min(18, (box.h - 4) / Math.max(1, values.length));
  values.forEach((it, i) => {
    const y = box.y + 4 + line * i + line / 2;
    out.push(`<rect x="${n(lx)}" y="${n(y - 5)}" width="10" height="10" rx="2" fill="${PALETTE[i % PALETTE.length]}"/>`);
    out.push(text(lx + 16, y + 4, it.label.slice(0, Math.floor((box.x + box.w - lx - 80) / 6)), 11));
    out.push(text(box.x + box.w - 6, y + 4, formatValue(it.value, field), 11, TEXT, ' text-anchor="end"'));
  });
  return out;
}

/** A horizontal bar gauge: label, bar scaled to the largest value (or the field's max), value. */
export function barGauge(box: Box, targets: readonly TargetData[], field: FieldDefaults): string[] {
  const values = items(targets);
  const line = Math.min(26, box.h / Math.max(1, values.length));
  const shown = values.slice(0, Math.max(1, Math.floor(box.h / line)));
  const max = field.max ?? Math.max(...shown.map((it) => it.value), 0);
  const labelW = Math.min(220, box.w * 0.32);
  const barX = box.x + labelW + 8;
  const barW = box.w - labelW - 90;
  return shown.flatMap((it, i) => {
    const y = box.y + line * i;
    const threshold = thresholdColour(it.value, field);
    const fill = threshold === colour('text') ? PALETTE[i % PALETTE.length] : threshold;
    return [
      text(box.x + 4, y + line * 0.65, it.label.slice(0, Math.floor(labelW / 6.3)), 11),
      `<rect x="${n(barX)}" y="${n(y + line * 0.18)}" width="${n(Math.max(1, (it.value / (max || 1)) * barW))}" height="${n(line * 0.64)}" rx="2" fill="${fill}"/>`,
      text(box.x + box.w - 6, y + line * 0.65, formatValue(it.value, field), 11, TEXT, ' text-anchor="end"'),
    ];
  });
}

/**
 * An SVG path through points, at whole pixels, without the middle points of straight horizontal runs
 * (idle hours are long runs of 0): what is drawn is unchanged, the file stays small.
 */
function pathOf(points: readonly (readonly [number, number])[]): string {
  const px = points.map(([x, y]) => [Math.round(x), Math.round(y)] as const);
  const unique = px.filter((p, i) => !(px[i - 1]?.[0] === p[0] && px[i - 1]?.[1] === p[1]));
  const kept = unique.filter((p, i) => !(unique[i - 1]?.[1] === p[1] && unique[i + 1]?.[1] === p[1]));
  return kept.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
}

/** Per-step sums of stacked series, for the y axis. */
function stackTop(series: readonly ResultSeries[]): number {
  const sums = new Map<number, number>();
  for (const s of series) for (const [t, v] of s.points) sums.set(t, (sums.get(t) ?? 0) + (Number.isFinite(v) ? v : 0));
  return Math.max(0, ...sums.values());
}

/** The runs of consecutive steps at which a series has a point. */
function runsOf(pts: readonly (readonly [number, number])[], present: (t: number) => boolean, stepS: number): (readonly [number, number])[][] {
  const runs: (readonly [number, number])[][] = [];
  for (const p of pts) {
    if (!present(p[0])) continue;
    const last = runs[runs.length - 1];
    if (last && present(p[0] - stepS)) last.push(p);
    else runs.push([p]);
  }
  return runs;
}

/** The highest finite value of any series (the y axis of unstacked lines). */
function highest(series: readonly ResultSeries[]): number {
  return Math.max(0, ...series.flatMap((s) => s.points.map(([, v]) => v).filter((v) => Number.isFinite(v))));
}

/**
 * Stacked areas (or, for a panel that does not stack, one line per series) over the range, with the y
 * axis' top value and the hours along the x axis.
 */
export function timeSeries(box: Box, target: TargetData | undefined, field: FieldDefaults, range: { fromMs: number; toMs: number }, stacked = true): string[] {
  const series = [...(target?.series ?? [])].sort((a, b) => legendOf(target?.legend, a.labels).localeCompare(legendOf(target?.legend, b.labels)));
  // A step of the range query (aligned as Grafana aligns it) where a series has no sample is drawn as 0,
  // what the trend queries mean by it: the stacked areas then never bridge idle hours.
  const stepMs = target?.stepMs ?? 60_000;
  const steps: number[] = [];
  for (let t = Math.floor(range.fromMs / stepMs) * stepMs; t <= range.toMs; t += stepMs) steps.push(t / 1000);
  const plot = { x: box.x + 56, y: box.y + 4, w: box.w - 64, h: box.h - 42 };
  const top = (stacked ? stackTop(series) : highest(series)) || 1;
  const xOf = (t: number) => plot.x + ((t * 1000 - range.fromMs) / (range.toMs - range.fromMs)) * plot.w;
  const yOf = (v: number) => plot.y + plot.h - (v / top) * plot.h;
  const out = [`<line x1="${n(plot.x)}" y1="${n(plot.y + plot.h)}" x2="${n(plot.x + plot.w)}" y2="${n(plot.y + plot.h)}" stroke="#2c3235"/>`,
    text(plot.x - 4, plot.y + 8, formatValue(top, field), 10, MUTED, ' text-anchor="end"'), text(plot.x - 4, plot.y + plot.h, formatValue(0, field), 10, MUTED, ' text-anchor="end"')];
  const base = new Map<number, number>();
  series.forEach((s, i) => {
    const byStep = new Map(s.points.filter(([, v]) => Number.isFinite(v)));
    const pts = steps.map((t) => [t, byStep.get(t) ?? 0] as const);
    const lower = pts.map(([t]) => [t, base.get(t) ?? 0] as const);
    const upper = pts.map(([t, v]) => [t, (base.get(t) ?? 0) + v] as const);
    if (stacked) for (const [t, v] of upper) base.set(t, v);
    const xy = (pts: readonly (readonly [number, number])[]) => pts.map(([t, v]) => [xOf(t), yOf(v)] as const);
    const c = PALETTE[i % PALETTE.length];
    if (!stacked) {
      // A line breaks where the series has no point (as Grafana draws it), e.g. a latency without requests.
      const runs = runsOf(pts, (t) => byStep.has(t), stepMs / 1000);
      out.push(`<path d="${runs.map((r) => pathOf(xy(r.length === 1 ? [...r, ...r] : r))).join(' ')}" fill="none" stroke="${c}" stroke-width="1"/>`);
      return;
    }
    // One path per series: the area down to the series below it, outlined (the outline's lower edge lies
    // on the line of the series below).
    out.push(`<path d="${pathOf([...xy(upper), ...xy(lower).reverse()])} Z" fill="${c}" fill-opacity="0.3" stroke="${c}" stroke-width="1"/>`);
  });
  for (let k = 0; k <= 4; k++) {
    const t = range.fromMs + ((range.toMs - range.fromMs) * k) / 4;
    out.push(text(xOf(t / 1000), plot.y + plot.h + 13, new Date(t).toISOString().slice(11, 16), 10, MUTED, ' text-anchor="middle"'));
  }
  return [...out, ...legendRow(series.map((s) => legendOf(target?.legend, s.labels)), plot.x, box.y + box.h - 10, box.x + box.w)];
}

/** The legend under a graph: as many series names as fit on one line, then "+N more". */
function legendRow(labels: readonly string[], x0: number, y: number, right: number): string[] {
  const out: string[] = [];
  let x = x0;
  for (const [i, full] of labels.entries()) {
    const label = full.slice(0, 24);
    if (x + 24 + label.length * 5.6 > right - 50) {
      out.push(text(x, y, `+${labels.length - i} more`, 10, MUTED));
      break;
    }
    out.push(`<rect x="${n(x)}" y="${n(y - 4)}" width="10" height="3" fill="${PALETTE[i % PALETTE.length]}"/>`, text(x + 14, y, label, 10));
    x += 24 + label.length * 5.6;
  }
  return out;
}
