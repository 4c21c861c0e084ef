/**
 * `npm run lint:dashboards -- [paths...]` and `claude-code-dashboards lint`: the dashboard linter's
 * command line, a `run(argv, io)` command of the shared CLI module (scripts/lib/cli-kit.ts); its options
 * are parsed in scripts/lib/lint-args.ts.
 *
 * Exit codes: 0 clean (or only warnings within --max-warnings), 1 errors or too many warnings (or a
 * --fix write failed), 2 bad usage or configuration (unknown option, bad value, invalid config, nothing
 * to lint). Never prints a stack trace.
 */
import { packageVersion } from './lib/package-version.js';
import { lintDocsUri } from './lib/lint-docs-uri.js';
import { CliError, colorEnabled, guarded, runIfMain, versionText, type CliIO } from './lib/cli-kit.js';
import { lintHelp, parseLintArgs, SCRIPT_INVOCATION, type LintInvocation, type LintOptions } from './lib/lint-args.js';
import { formatFindings, lintDashboards, lintText, MAX_FILE_BYTES, type FormatOptions, type LintResult } from '../dashboards/lint/index.js';

export { DEFAULT_INPUT, STDIN_NAME, type LintInvocation } from './lib/lint-args.js';

/** The linter's IO: the shared one, plus where `--stdin` reads from and how the user invoked it. */
export interface LintIO extends CliIO {
  /** Where `--stdin` (or `-`) reads the dashboard from (default: `process.stdin`). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** How the user invoked the linter, for `--help` and messages (default: this repository's npm script). */
  readonly invocation?: LintInvocation;
}

/** There is nothing to lint (no such path, no dashboard in a folder, stdin too large): exit 2, nothing was done. */
class NothingToLint extends CliError {
  override readonly exitCode: number = 2;
}

/** Reads stdin up to the size limit of a dashboard; `undefined` when there is more. */
async function readStdin(stdin: AsyncIterable<Uint8Array | string>): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > MAX_FILE_BYTES) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function formatOptions(options: LintOptions, io: CliIO, cwd: string): FormatOptions {
  return { color: colorEnabled(io), toolVersion: packageVersion(), base: options.base, cwd, docsUri: lintDocsUri() };
}

/** 1 on errors or more warnings than --max-warnings (said on stderr for the pretty format), else 0. */
function exitCode(result: LintResult, options: LintOptions, io: CliIO, name: string): number {
  const tooManyWarnings = options.maxWarnings !== undefined && result.warningCount > options.maxWarnings;
  if (tooManyWarnings && options.format === 'pretty') {
    io.stderr(`${name}: ${result.warningCount} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  }
  return result.errorCount > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * `--stdin`/`-`: lints one dashboard read from stdin. With `--fix` the whole fixed file goes to stdout
 * (for an editor to replace its buffer) and the findings left to stderr; otherwise findings to stdout.
 */
async function lintStdin(options: LintOptions, file: string, io: LintIO, cwd: string, name: string): Promise<number> {
  const bytes = await readStdin(io.stdin ?? process.stdin);
  if (bytes === undefined) {
    throw new NothingToLint(`stdin holds more than ${MAX_FILE_BYTES / 1024 / 1024} MB, above the limit for a dashboard; it was not linted`);
  }
  const result = lintText(file, bytes, { config: options.config, fix: options.fix });
  for (const f of result.fixRejected) io.stderr(`not fixed ${f.file}: ${f.reason}\n`);
  const report = formatFindings(result, options.format, formatOptions(options, io, cwd));
  if (options.fix) {
    io.stdout(result.fixedText ?? '');
    io.stderr(report);
  } else io.stdout(report);
  return exitCode(result, options, io, name);
}

/** Lints the files, directories and globs of the command line (fixing them with `--fix`). */
async function lintFiles(options: LintOptions, io: CliIO, cwd: string, name: string): Promise<number> {
  let result;
  try {
    result = await lintDashboards(options.inputs, { config: options.config, cwd, fix: options.fix, maxFileBytes: options.maxFileBytes });
  } catch (error) {
    // Input problems are findings; what reaches here is an I/O failure (e.g. a --fix write) or a bug.
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (result.missing.length > 0) throw new NothingToLint(`nothing found at ${result.missing.map((m) => JSON.stringify(m)).join(', ')}`);
  if (result.files.length === 0) throw new NothingToLint(`no dashboard files (*.json) in ${options.inputs.map((i) => JSON.stringify(i)).join(', ')}`);
  for (const f of result.skipped) io.stderr(`skipped ${f}: JSON, but not a Grafana dashboard\n`);
  for (const f of result.fixed) io.stderr(`fixed ${f.file} (${f.rules.join(', ')})\n`);
  for (const f of result.fixRejected) io.stderr(`not fixed ${f.file}: ${f.reason}\n`);
  io.stdout(formatFindings(result, options.format, formatOptions(options, io, cwd)));
  return exitCode(result, options, io, name);
}

/**
 * Runs the linter's command line.
 * @param argv - the arguments after the command (e.g. `['--format', 'json', 'dashboards/']`)
 * @returns the exit code
 */
export async function run(argv: readonly string[], io: LintIO): Promise<number> {
  const invocation = io.invocation ?? SCRIPT_INVOCATION;
  const name = invocation.name ?? invocation.command;
  const cwd = io.cwd ?? process.cwd();
  return guarded(name, io, async () => {
    const request = parseLintArgs(argv, cwd);
    if (request.kind === 'help') {
      io.stdout(lintHelp(invocation));
      return 0;
    }
    if (request.kind === 'version') {
      io.stdout(versionText());
      return 0;
    }
    if (request.stdinName !== undefined) return lintStdin(request, request.stdinName, io, cwd, name);
    return lintFiles(request, io, cwd, name);
  });
}

/** The same command under its former name (the package's `lint` command and older callers). */
export const runLintCli = run;

runIfMain(import.meta.url, SCRIPT_INVOCATION.name ?? 'lint:dashboards', (argv, io) => run(argv, io));
