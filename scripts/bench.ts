/**
 * `npm run bench`: runs every benchmark module in scripts/bench/ (each default-exports a `Benchmark`:
 * an async function of a `BenchContext` returning a `BenchResult`), prints the results, and records them
 * with the machine and date in scripts/bench/RESULTS.md. Speed targets live here, never in timed tests.
 *
 * A `run(argv, io)` command of the shared CLI module (scripts/lib/cli-kit.ts). Exit codes: 0 ran,
 * 1 a benchmark failed, 2 bad usage (unknown option, no benchmark of that name).
 */
import { cpus, totalmem } from 'node:os';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { CliError, guarded, runIfMain, UsageError, versionText, type CliIO } from './lib/cli-kit.js';
import { writeFileAtomic } from './lib/write-atomic.js';
import type { Benchmark, BenchContext, BenchResult } from './bench/stats.js';

const HELP = `Usage: npm run bench -- [--json] [--only NAME] [--no-write]

Runs the benchmarks in scripts/bench/ and writes scripts/bench/RESULTS.md.
  --json         print results as JSON
  --only NAME    run one benchmark (file name without .ts, e.g. build, lint or rules)
  --no-write     do not update RESULTS.md
  -h, --help     show this help
  -V, --version  print the package's version

Exit codes: 0 ran, 1 a benchmark failed, 2 bad usage (unknown option, no benchmark of that name).
`;

/** The benchmark's IO; `dir` is the folder of benchmark modules and RESULTS.md (default scripts/bench/). */
export interface BenchIO extends CliIO {
  readonly dir?: string;
}

const DIR = resolve(import.meta.dirname, 'bench');

/** The benchmark modules in `dir`: every top-level `.ts` file but the shared `stats.ts`, by name, sorted. */
export function benchModules(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'stats.ts')
    .map((f) => f.slice(0, -3))
    .sort();
}

function parse(argv: readonly string[]): { json: boolean; only: string | undefined; write: boolean; help: boolean; version: boolean } {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { json: { type: 'boolean' }, only: { type: 'string' }, 'no-write': { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' } },
    });
    return { json: values.json === true, only: values.only, write: values['no-write'] !== true, help: values.help === true, version: values.version === true };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? String(error));
  }
}

/** Runs one module, turning its failure into a one-line error naming it. */
async function runModule(dir: string, name: string, context: BenchContext): Promise<BenchResult> {
  try {
    const mod = (await import(pathToFileURL(resolve(dir, `${name}.ts`)).href)) as { default: Benchmark };
    return await mod.default(context);
  } catch (error) {
    throw new CliError(`the ${name} benchmark failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

function resultsMarkdown(machine: string, results: readonly BenchResult[]): string {
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
    '',
    // A module may return `markdown` (e.g. a table) to be written as it is instead of as bullets.
    ...results.flatMap((r) => [`## ${r.name}`, '', ...('markdown' in r && typeof r.markdown === 'string' ? r.markdown.split('\n') : r.summary.split('\n').map((l) => `- ${l}`)), '']),
  ].join('\n');
}

/**
 * The bench command.
 * @returns the exit code (0 ran, 1 a benchmark failed, 2 bad usage)
 */
export async function run(argv: readonly string[], io: BenchIO): Promise<number> {
  return guarded('bench', io, async () => {
    const args = parse(argv);
    if (args.help) {
      io.stdout(HELP);
      return 0;
    }
    if (args.version) {
      io.stdout(versionText());
      return 0;
    }
    const dir = io.dir ?? DIR;
    const available = benchModules(dir);
    if (args.only !== undefined && !available.includes(args.only)) {
      throw new UsageError(`no benchmark named "${args.only}" (there are: ${available.join(', ')})`);
    }
    const context: BenchContext = { only: args.only !== undefined, write: args.write, log: (line) => io.stderr(`${line}\n`) };
    const results: BenchResult[] = [];
    for (const name of args.only !== undefined ? [args.only] : available) {
      if (!args.json) io.stdout(`running ${name}...\n`);
      results.push(await runModule(dir, name, context));
    }
    const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    if (args.json) io.stdout(`${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`);
    else for (const r of results) io.stdout(`\n## ${r.name}\n${r.summary}\n`);
    if (args.write && args.only === undefined) writeFileAtomic(resolve(dir, 'RESULTS.md'), resultsMarkdown(machine, results));
    return 0;
  });
}

runIfMain(import.meta.url, 'bench', run);
