/**
 * Updates one section of scripts/bench/RESULTS.md in place, leaving every other section as it is: the
 * recording-rule benchmark takes minutes and needs two Prometheus engines, so it can refresh its own
 * numbers without re-running (and rewriting) the others. A full `npm run bench` rewrites the whole file
 * the same way (heading, blank line, the module's markdown).
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../lib/write-atomic.js';

/**
 * Replaces the `## heading` section that contains `marker` (the module's own, never another module's
 * section of the same title) with `markdown`, or appends it when there is none.
 */
export function writeResultsSection(path: string, heading: string, marker: string, markdown: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const lines = text.replace(/\n+$/, '').split('\n');
  const section = [`## ${heading}`, '', ...markdown.split('\n')];
  const starts = lines.flatMap((line, i) => (line === `## ${heading}` ? [i] : []));
  for (const start of starts) {
    const rest = lines.slice(start + 1).findIndex((line) => line.startsWith('## '));
    const end = rest < 0 ? lines.length : start + 1 + rest;
    if (lines.slice(start, end).some((line) => line.includes(marker))) {
      const tail = lines.slice(end);
      lines.splice(start, end - start, ...section, ...(tail.length > 0 ? [''] : []));
      writeFileAtomic(path, `${lines.join('\n')}\n`);
      return;
    }
  }
  writeFileAtomic(path, `${[...lines, '', ...section].join('\n')}\n`);
}
