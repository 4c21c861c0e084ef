/** Human-readable output, grouped by file (the default format). */
import type { LintResult } from '../engine.js';
import type { Finding } from '../types.js';
import { palette, type Palette } from './colors.js';

function where(f: Finding): string {
  const parts: string[] = [];
  if (f.panelId !== undefined || f.panelTitle !== undefined) {
    parts.push(`panel${f.panelId !== undefined ? ` ${f.panelId}` : ''}${f.panelTitle ? ` ${JSON.stringify(f.panelTitle)}` : ''}`);
  }
  if (f.refId) parts.push(`refId ${f.refId}`);
  parts.push(f.pointer === '' ? '(dashboard)' : f.pointer);
  return parts.join(' · ');
}

function severityLabel(f: Finding, c: Palette): string {
  const text = f.severity.padEnd(7);
  return f.severity === 'error' ? c.red(text) : f.severity === 'warning' ? c.yellow(text) : c.blue(text);
}

/** Renders findings for a terminal. */
export function formatPretty(result: LintResult, color: boolean): string {
  const c = palette(color);
  const lines: string[] = [];
  for (const file of result.files) {
    if (file.findings.length === 0) continue;
    lines.push(c.bold(file.file) + (file.uid ? c.dim(`  (uid ${file.uid})`) : ''));
    for (const f of file.findings) {
      const position = f.line !== undefined ? `${f.line}:${f.column ?? 1}` : '-';
      lines.push(`  ${c.dim(position.padStart(7))}  ${severityLabel(f, c)} ${f.message}  ${c.dim(f.ruleId)}`);
      lines.push(`  ${' '.repeat(7)}  ${' '.repeat(8)}${c.dim(where(f))}`);
      lines.push(`  ${' '.repeat(7)}  ${' '.repeat(8)}${c.dim(`fix: ${f.fix}`)}`);
    }
    lines.push('');
  }
  const total = result.findings.length;
  const fixable = result.findings.filter((f) => f.fixable).length;
  const counts = `${result.errorCount} error${result.errorCount === 1 ? '' : 's'}, ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'}${result.infoCount ? `, ${result.infoCount} info` : ''}`;
  const files = `${result.files.length} file${result.files.length === 1 ? '' : 's'}`;
  if (total === 0) lines.push(c.green(`✔ ${files} linted, no problems`) + (result.excludedCount ? c.dim(` (${result.excludedCount} excluded by config)`) : ''));
  else {
    const mark = result.errorCount > 0 ? c.red('✖') : c.yellow('⚠');
    lines.push(
      `${mark} ${c.bold(`${total} problem${total === 1 ? '' : 's'}`)} (${counts}) in ${files}` +
        (fixable ? c.dim(` · ${fixable} fixable with --fix`) : '') +
        (result.excludedCount ? c.dim(` · ${result.excludedCount} excluded by config`) : ''),
    );
  }
  return `${lines.join('\n')}\n`;
}
