/**
 * Peak memory of linting many real-sized files from disk: writes N dashboards of the realistic corpus to
 * a temporary folder, lints the folder in a child process (`lintDashboards`, as the CLI does) and prints
 * the child's peak RSS, time and finding count. Usage:
 *   node --import tsx scripts/bench/lint/rss.ts [N=3000] [repo root whose linter to load, default this one]
 * The second argument lets the same corpus be measured against an older checkout of the linter.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { realisticCorpus } from './corpus.js';

const count = Number(process.argv[2] ?? 3000);
const root = path.resolve(process.argv[3] ?? path.join(import.meta.dirname, '../../..'));
const dir = mkdtempSync(path.join(tmpdir(), 'lint-rss-'));
try {
  let bytes = 0;
  for (const { file, text } of realisticCorpus(count)) {
    writeFileSync(path.join(dir, path.basename(file)), text);
    bytes += text.length;
  }
  const child = `
    const { lintDashboards } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dashboards/lint/index.ts')).href)});
    const t = performance.now();
    const result = await lintDashboards([${JSON.stringify(dir)}]);
    const ms = performance.now() - t;
    console.log(JSON.stringify({ files: result.files.length, findings: result.findings.length, ms: Math.round(ms), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { encoding: 'utf8', cwd: root });
  process.stdout.write(`${count} files, ${(bytes / count / 1024).toFixed(0)} KB average: ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
