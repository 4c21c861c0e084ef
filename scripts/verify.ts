/**
 * `npm run verify`: builds the synthetic workload, loads it into real Prometheus engines, has them compute
 * our recording rules' series from it (`promtool tsdb create-blocks-from rules`), evaluates every dashboard
 * target (scripts/accuracy/suites.ts), prints the accuracy table and writes test/accuracy/REPORT.md with
 * our queries next to the naive formulation. Exits 1 when any of our numbers misses its tolerance.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inCI } from './accuracy/engines.js';
import { runIfMain, type CliIO } from './lib/cli-kit.js';
import { markdownReport, summarize, textTable, type SuiteResult } from './accuracy/report.js';
import { findSuiteEngine } from './accuracy/suite-engine.js';
import { describeWorkload, runSuite, standardWorkload, SUITES } from './accuracy/suites.js';

const HELP = `Usage: npm run verify -- [options]

Evaluates every target of every built dashboard in Prometheus (the dashboards read our recording
rules, backfilled from the loaded samples with promtool) against the ground truth of a seeded synthetic
Claude Code workload, next to the naive increase() formulation, and writes test/accuracy/REPORT.md.

Options:
  --json             print the rows as JSON instead of a table
  --suite <name>     run only this suite (${SUITES.map((s) => s.name).join(', ')}); repeatable
  --all              print every row (default: the "all users" rows and every miss)
  --no-report        do not write test/accuracy/REPORT.md
  --concurrency <n>  queries in flight per engine (default 3)
  -h, --help         show this help

Needs Prometheus 2 (apt-get install -y prometheus), 3 (bash .ci/fetch-prometheus3.sh) and
VictoriaMetrics (apt-get install -y victoria-metrics).
Exit status: 0 when every number of our queries is within tolerance, 1 otherwise, 2 on usage errors.`;

/** The verify command: runs the accuracy suites, prints the table, writes the report; returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        suite: { type: 'string', multiple: true },
        all: { type: 'boolean', default: false },
        'no-report': { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '3' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  const unknown = (args.suite ?? []).filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length) {
    io.stderr(`Unknown suite(s): ${unknown.join(', ')}. Known: ${SUITES.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  const concurrency = Number(args.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    io.stderr(`--concurrency must be a positive integer, got ${args.concurrency}\n`);
    return 2;
  }
  const specs = SUITES.filter((s) => !args.suite?.length || args.suite.includes(s.name));
  const log = (text: string) => (args.json ? io.stderr(`${text}\n`) : io.stdout(`${text}\n`));
  const workload = standardWorkload();
  log(`Workload: ${describeWorkload(workload.usage)}`);
  const results: SuiteResult[] = [];
  let missingEngine = false;
  for (const spec of specs) {
    const engine = findSuiteEngine(spec.engine);
    if ('missing' in engine) {
      log(`Suite ${spec.name}: skipped: ${engine.missing}`);
      missingEngine = true;
      continue;
    }
    log(`Suite ${spec.name}: ${spec.description} ...`);
    const result = await runSuite(spec, engine, workload, { naive: true, concurrency });
    log(
      `  ${result.rows.length} numbers; samples loaded in ${result.loadSeconds.toFixed(1)} s, recording rules backfilled (${result.ruleSamples} samples) in ${result.rulesSeconds.toFixed(1)} s, evaluated in ${result.evaluateSeconds.toFixed(1)} s`,
    );
    results.push(result);
  }
  const rows = results.flatMap((r) => r.rows.map((row) => ({ suite: r.name, ...row })));
  if (args.json) {
    io.stdout(`${JSON.stringify({ workload: describeWorkload(workload.usage), suites: results.map(({ rows: _rows, ...rest }) => rest), rows }, null, 1)}\n`);
  } else {
    const shown = args.all ? rows : rows.filter((r) => r.scenario === 'all' || (r.formulation === 'ours' && !r.pass));
    io.stdout(`\n${textTable(shown)}\n\n`);
    for (const r of results) {
      for (const s of summarize(r.rows)) io.stdout(`${r.name}: ${s.formulation.padEnd(5)} ${s.window.padEnd(4)} ${s.within}/${s.total} within tolerance\n`);
    }
  }
  if (!args['no-report'] && results.length) {
    const file = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'test/accuracy/REPORT.md');
    writeFileSync(file, markdownReport(results, 'npm run verify', describeWorkload(workload.usage)));
    log(`Wrote ${file}`);
  }
  // The import-only suite measures the raw fallback; only the suites with the rules are held to the tolerances.
  const judged = new Set(results.filter((r) => r.rulesLoaded).map((r) => r.name));
  const misses = rows.filter((r) => r.formulation === 'ours' && !r.pass && judged.has(r.suite));
  if (misses.length) {
    log(`${misses.length} of our numbers missed their tolerance.`);
    return 1;
  }
  if (missingEngine && inCI()) return 1;
  return 0;
}

runIfMain(import.meta.url, 'verify', run);
