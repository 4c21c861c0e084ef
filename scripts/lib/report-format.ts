/**
 * The report as text: Markdown (tables people paste into an issue or a wiki), CSV (one row per number,
 * for spreadsheets) or JSON (for scripts). Formatting only: no querying or control flow here.
 */
import type { ReportValue } from './report-data.js';

/** Output formats of the report. */
export const REPORT_FORMATS = ['markdown', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What the report says besides its numbers. */
export interface ReportHeader {
  readonly url: string;
  readonly fromIso: string;
  readonly toIso: string;
  readonly rulesLoaded: boolean;
}

function show(value: number, measure: ReportValue['measure']): string {
  if (!Number.isFinite(value)) return '–';
  if (measure === 'usd' || measure === 'usdPerUnit') return `$${value.toFixed(2)}`;
  if (measure === 'ratio') return `${(value * 100).toFixed(1)} %`;
  if (measure === 'multiple') return `${value.toFixed(2)}×`;
  if (measure === 'seconds') return `${(value / 3600).toFixed(1)} h`;
  return Math.round(value).toLocaleString('en-US');
}

function change(now: number, before: number | undefined): string {
  if (before === undefined || !Number.isFinite(before) || before === 0) return '–';
  const pct = ((now - before) / Math.abs(before)) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(0)} %`;
}

function markdown(header: ReportHeader, sections: readonly { title: string; values: readonly ReportValue[] }[]): string {
  const lines = [`# Claude Code report, ${header.fromIso} to ${header.toIso}`, '', `From ${header.url}; change against the period of the same length before it.`];
  if (!header.rulesLoaded) lines.push('', '**The recording rules were not running in this period: the numbers are the raw approximation (see the dashboards\' Counting line).**');
  for (const section of sections) {
    const grouped = section.values.some((v) => v.groupBy.length > 0);
    lines.push('', `## ${section.title}`, '', grouped ? '| group | value | change |' : '| number | value | change |', '|---|---:|---:|');
    for (const v of section.values) {
      const rows = [...v.groups].sort((a, b) => b[1].now - a[1].now);
      if (rows.length === 0) lines.push(`| ${v.title} | – | – |`);
      for (const [key, g] of rows) lines.push(`| ${grouped ? key || '(none)' : v.title} | ${show(g.now, v.measure)} | ${change(g.now, g.before)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

function csv(values: readonly ReportValue[]): string {
  const rows = ['query,title,group,value,previous'];
  for (const v of values) for (const [key, g] of v.groups) rows.push([v.id, v.title, key, String(g.now), g.before === undefined ? '' : String(g.before)].map(csvCell).join(','));
  return `${rows.join('\n')}\n`;
}

function json(header: ReportHeader, values: readonly ReportValue[]): string {
  const queries = values.map((v) => ({
    id: v.id,
    title: v.title,
    measure: v.measure,
    groupBy: v.groupBy,
    values: [...v.groups].map(([group, g]) => ({ group, value: g.now, previous: g.before ?? null })),
  }));
  return `${JSON.stringify({ ...header, queries }, null, 2)}\n`;
}

/** The report in `format`. */
export function formatReport(format: ReportFormat, header: ReportHeader, sections: readonly { title: string; values: readonly ReportValue[] }[]): string {
  const values = sections.flatMap((s) => s.values);
  if (format === 'csv') return csv(values);
  if (format === 'json') return json(header, values);
  return markdown(header, sections);
}
