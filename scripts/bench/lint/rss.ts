/**
 * Peak memory of linting many real-sized files from disk: writes N dashboards of the realistic corpus to
 * a temporary folder, lints the folder in a child process (`lintDashboards`, as the CLI does) and prints
 * the child's peak RSS, time and finding count. Usage:
 *   node --import tsx scripts/bench/lint/rss.ts [N=3000] [repo root whose linter to load, default this one]
 * The second argument lets the same corpus be measured against an older checkout of the linter.
 * A `run(argv, io)` command of the shared CLI module: exit 0 measured, 1 the child failed, 2 bad usage.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, guarded, runIfMain, UsageError, versionText, type CliIO } from '../../lib/cli-kit.js';
import { realisticCorpus } from './corpus.js';

const HELP = `Usage: node --import tsx scripts/bench/lint/rss.ts [N] [ROOT]

Lints N real-sized dashboards (default 3000) from a temporary folder in a child process and prints its
peak RSS, time and finding count. ROOT: the checkout whose linter to load (default this repository).
  -h, --help     show this help
  -V, --version  print the package's version
Exit codes: 0 measured, 1 the child process failed, 2 bad usage.
`;

/** Parses `[N] [ROOT]`; throws `UsageError` on a bad count or a root without the linter. */
function parse(argv: readonly string[]): { count: number; root: string } | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv.includes('-V') || argv.includes('--version')) return 'version';
  const flag = argv.find((a) => a.startsWith('-'));
  if (flag !== undefined) throw new UsageError(`unknown option ${JSON.stringify(flag)}`);
  if (argv.length > 2) throw new UsageError(`at most two arguments, N and ROOT (got ${argv.length})`);
  const count = Number(argv[0] ?? 3000);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`N must be a whole number of files above 0 (got ${JSON.stringify(argv[0])})`);
  const root = path.resolve(argv[1] ?? path.join(import.meta.dirname, '../../..'));
  if (!existsSync(path.join(root, 'dashboards/lint/index.ts'))) throw new UsageError(`ROOT ${root} holds no dashboards/lint/index.ts`);
  return { count, root };
}

function measure(count: number, root: string): string {
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
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { encoding: 'utf8', cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
      throw new CliError(`the linting child process failed${stderr ? `: ${stderr}` : ''}`);
    }
    return `${count} files, ${(bytes / count / 1024).toFixed(0)} KB average: ${out}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The command: exit 0 measured, 1 the child failed, 2 bad usage. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  return guarded('lint-rss', io, async () => {
    const request = parse(argv);
    if (request === 'help' || request === 'version') {
      io.stdout(request === 'help' ? HELP : versionText());
      return 0;
    }
    io.stdout(measure(request.count, request.root));
    return 0;
  });
}

runIfMain(import.meta.url, 'lint-rss', run);
