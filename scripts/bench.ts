/**
 * `npm run bench`: runs every benchmark module in scripts/bench/ (each default-exports an async
 * function returning a BenchResult), prints the results, and records them with the machine and date in
 * scripts/bench/RESULTS.md. Speed targets live here, never in timed tests.
 */
import { cpus, totalmem } from 'node:os';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from './lib/write-atomic.js';
import type { BenchResult } from './bench/stats.js';

const HELP = `Usage: npm run bench -- [--json] [--only NAME] [--no-write]

Runs the benchmarks in scripts/bench/ and writes scripts/bench/RESULTS.md.
  --json       print results as JSON
  --only NAME  run one benchmark (file name without .ts, e.g. build, lint or rule-cost)
  --no-write   do not update RESULTS.md`;

const DIR = resolve(import.meta.dirname, 'bench');

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' }, 'no-write': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const modules = readdirSync(DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'stats.ts')
    .map((f) => f.slice(0, -3))
    .filter((name) => !args.only || name === args.only)
    .sort();
  if (modules.length === 0) {
    process.stderr.write(`bench: no benchmark named "${args.only}".\n`);
    return 2;
  }
  const results: BenchResult[] = [];
  for (const name of modules) {
    const mod = (await import(pathToFileURL(resolve(DIR, `${name}.ts`)).href)) as { default: () => Promise<BenchResult> };
    if (!args.json) process.stdout.write(`running ${name}...\n`);
    results.push(await mod.default());
  }
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  if (args.json) process.stdout.write(`${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`);
  else for (const r of results) process.stdout.write(`\n## ${r.name}\n${r.summary}\n`);
  if (!args['no-write'] && !args.only) {
    const md = [
      '# Benchmark results',
      '',
      `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
      '',
      // A module may return `markdown` (e.g. a table) to be written as it is instead of as bullets.
      ...results.flatMap((r) => [`## ${r.name}`, '', ...('markdown' in r && typeof r.markdown === 'string' ? r.markdown.split('\n') : r.summary.split('\n').map((l) => `- ${l}`)), '']),
    ].join('\n');
    writeFileAtomic(resolve(DIR, 'RESULTS.md'), md);
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exitCode = 1;
  },
);
