/**
 * `npm run lint:dashboards -- [paths...]`: the dashboard linter's command line. The logic is the
 * exported `runLintCli` so the package's `claude-code-dashboards lint` command can delegate to it.
 *
 * Exit codes: 0 clean (or only warnings within --max-warnings), 1 errors or too many warnings,
 * 2 bad usage (unknown option, bad value, invalid config, missing input). Never prints a stack trace.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from './lib/package-version.js';
import { lintDocsUri } from './lib/lint-docs-uri.js';
import { loadConfig } from './lib/load-config.js';
import { ConfigError } from '../queries/config.js';
import { defaultLintInputs, withBuildConfig } from './lib/lint-from-build.js';
import { parseArgs } from 'node:util';
import { NAMING_SCHEMES, type NamingScheme } from '../queries/naming.js';
import {
  defaultLintConfig,
  formatFindings,
  lintDashboards,
  lintText,
  LintConfigError,
  MAX_FILE_BYTES,
  type FormatOptions,
  type LintResult,
  loadLintConfig,
  OUTPUT_FORMATS,
  type LintConfig,
  type OutputFormat,
} from '../dashboards/lint/index.js';

/** Where output goes; `process.stdout`/`process.stderr` fit, and so do test doubles. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Environment for NO_COLOR / FORCE_COLOR (default: `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory inputs are resolved against (default: `process.cwd()`). */
  readonly cwd?: string;
  /** Where `--stdin` (or `-`) reads the dashboard from (default: `process.stdin`). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** How the user invoked the linter, for `--help` (default: this repository's npm script). */
  readonly invocation?: LintInvocation;
}

/** The folder linted when no path is given: where `npm run build:dashboards` writes. */
export const DEFAULT_INPUT = 'provisioning/grafana/dashboards';

/** How the linter is invoked, for its help text: as the package's bin or as this repository's npm script. */
export interface LintInvocation {
  /** The command as a user types it, e.g. `claude-code-dashboards lint`. */
  readonly command: string;
  /** What comes before the options in the examples, e.g. `npx claude-code-dashboards lint`. */
  readonly example: string;
}

const SCRIPT_INVOCATION: LintInvocation = { command: 'npm run lint:dashboards --', example: 'npm run lint:dashboards --' };

const help = (inv: LintInvocation): string => `Usage: ${inv.command} [options] [paths, directories, globs...]

Lints Grafana dashboard JSON (bare, or wrapped in a Kubernetes-style manifest) for structure,
variables, PromQL and the mistakes that make Claude Code dashboards wrong.
With no paths, lints the build's output.dashboards (default ${DEFAULT_INPUT}).

Options:
  -f, --format <format>   output format: ${OUTPUT_FORMATS.join(', ')} (default: pretty)
      --max-warnings <n>  also fail when there are more than n warnings (default: no limit)
  -c, --config <file>     lint config (.json, .yaml, .yml): rules, severities, exclusions, naming
      --fix               fix the mechanical problems in place (ids, refIds, editable, refresh, ...),
                          editing only the fixed values: formatting, line endings, BOM, escapes and
                          number spellings stay; a symbolic link stays a link (its target is written)
      --max-file-mb <n>   files larger than n MB are reported, not read (default: 20)
      --naming <scheme>   metric naming scheme to check against: ${NAMING_SCHEMES.join(', ')}
                          (default: the lint config's, else the build configuration's)
      --build-config <f>  the build configuration (default: claude-code-dashboards.config.{yaml,yml,json}
                          here, as the build finds it): its naming, teamLabels and output.dashboards
                          (what is linted when no path is given) apply unless the lint config says otherwise
      --stdin             lint one dashboard read from stdin (also: - as the only path), up to ${MAX_FILE_BYTES / 1024 / 1024} MB;
                          with --fix, the fixed file goes to stdout and the findings to stderr
      --stdin-filename <name>
                          the name of the stdin dashboard in findings and for the config's globs
                          (default: ${STDIN_NAME})
      --base <dir>        SARIF: the directory file URIs are relative to (%SRCROOT%; default: the
                          working directory, i.e. run it from the repository root)
  -h, --help              show this help

Exit codes: 0 no errors, 1 errors found (more warnings than --max-warnings, or a --fix write
failed), 2 bad usage or configuration (unknown option, bad lint config, nothing to lint).
Colour is used on a terminal unless NO_COLOR is set; FORCE_COLOR=1 forces it, FORCE_COLOR=0 turns it off.

Examples:
  ${inv.example.replace(/ --$/, '')}
  ${inv.example} 'dashboards/**/*.json' --format github
  ${inv.example} exported.json --config .dashboard-lint.yaml --max-warnings 0
  ${inv.example} --stdin --stdin-filename dashboards/cost.json --fix < cost.json > fixed.json
`;

class UsageError extends Error {}


interface CliOptions {
  readonly format: OutputFormat;
  readonly maxWarnings: number | undefined;
  readonly config: LintConfig;
  readonly fix: boolean;
  readonly maxFileBytes: number | undefined;
  readonly inputs: string[];
  readonly help: boolean;
  /** SARIF: the directory artifact URIs are relative to. */
  readonly base: string;
  /** Lint one dashboard from stdin under this name (`--stdin` or `-`). */
  readonly stdinName?: string;
}

/** `--max-file-mb` in bytes (undefined: the default limit). */
function parseMaxFileBytes(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new UsageError(`--max-file-mb needs a number of megabytes above 0 (got "${raw}")`);
  return Math.round(Number(raw) * 1024 * 1024);
}

function parseCli(argv: readonly string[], cwd: string): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'max-warnings': { type: 'string' },
        config: { type: 'string', short: 'c' },
        fix: { type: 'boolean' },
        'max-file-mb': { type: 'string' },
        naming: { type: 'string' },
        'build-config': { type: 'string' },
        base: { type: 'string' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return { format: 'pretty', maxWarnings: undefined, config: defaultLintConfig(), fix: false, maxFileBytes: undefined, inputs: [], help: true, base: cwd };
  const format = (values.format ?? 'pretty') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got "${values.format}")`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings needs a whole number of 0 or more (got "${raw}")`);
    maxWarnings = Number(raw);
  }
  const base = path.resolve(cwd, values.base ?? '.');
  if (values.base !== undefined && !isDirectory(base)) throw new UsageError(`--base must be a directory (got "${values.base}")`);
  const maxFileBytes = parseMaxFileBytes(values['max-file-mb']);
  // The build's configuration (found as the build finds it): naming, team labels, output folder.
  const build = loadConfig(values['build-config'], cwd).config;
  let config = withBuildConfig(values.config ? loadLintConfig(path.resolve(cwd, values.config)) : defaultLintConfig(), build);
  if (values.naming !== undefined) {
    if (!(NAMING_SCHEMES as readonly string[]).includes(values.naming)) {
      throw new UsageError(`--naming must be one of ${NAMING_SCHEMES.join(', ')} (got "${values.naming}")`);
    }
    config = { ...config, naming: values.naming as NamingScheme };
  }
  return { format, maxWarnings, config, fix: values.fix === true, maxFileBytes, inputs: positionals.length ? positionals : defaultLintInputs(build), help: false, base, stdinName: stdinName(values, positionals) };
}

/** The name of the stdin dashboard in findings, or `undefined` without `--stdin`/`-`. */
function stdinName(values: { stdin?: boolean; 'stdin-filename'?: string }, positionals: readonly string[]): string | undefined {
  const fromStdin = values.stdin === true || positionals.includes('-');
  if (!fromStdin) {
    if (values['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename needs --stdin (or - as the path)');
    return undefined;
  }
  if (positionals.some((p) => p !== '-')) throw new UsageError('--stdin (or -) lints one dashboard from stdin; give no other paths');
  if (values['stdin-filename'] === '') throw new UsageError('--stdin-filename needs a name');
  return values['stdin-filename'] ?? STDIN_NAME;
}

/** The name of a dashboard read from stdin when `--stdin-filename` gives none. */
export const STDIN_NAME = '<stdin>';

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

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function formatOptions(options: CliOptions, io: CliIO, cwd: string): FormatOptions {
  return { color: useColor(io), toolVersion: packageVersion(), base: options.base, cwd, docsUri: lintDocsUri() };
}

/** 1 on errors or more warnings than --max-warnings (said on stderr for the pretty format), else 0. */
function exitCode(result: LintResult, options: CliOptions, io: CliIO): number {
  const tooManyWarnings = options.maxWarnings !== undefined && result.warningCount > options.maxWarnings;
  if (tooManyWarnings && options.format === 'pretty') {
    io.stderr.write(`lint-dashboards: ${result.warningCount} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  }
  return result.errorCount > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * `--stdin`/`-`: lints one dashboard read from stdin. With `--fix` the whole fixed file goes to stdout
 * (for an editor to replace its buffer) and the findings left to stderr; otherwise findings to stdout.
 */
async function lintStdin(options: CliOptions, name: string, io: CliIO, cwd: string): Promise<number> {
  const bytes = await readStdin(io.stdin ?? process.stdin);
  if (bytes === undefined) {
    io.stderr.write(`lint-dashboards: stdin holds more than ${MAX_FILE_BYTES / 1024 / 1024} MB, above the limit for a dashboard; it was not linted\n`);
    return 2;
  }
  const result = lintText(name, bytes, { config: options.config, fix: options.fix });
  for (const f of result.fixRejected) io.stderr.write(`not fixed ${f.file}: ${f.reason}\n`);
  const report = formatFindings(result, options.format, formatOptions(options, io, cwd));
  if (options.fix) {
    io.stdout.write(result.fixedText ?? '');
    io.stderr.write(report);
  } else io.stdout.write(report);
  return exitCode(result, options, io);
}

function useColor(io: CliIO): boolean {
  const env = io.env ?? process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR !== undefined) return true;
  return io.stdout.isTTY === true;
}

/**
 * Runs the linter's command line.
 * @param argv - the arguments after the command (e.g. `['--format', 'json', 'dashboards/']`)
 * @returns the exit code
 */
export async function runLintCli(argv: readonly string[], io: CliIO): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  let options: CliOptions;
  try {
    options = parseCli(argv, cwd);
  } catch (error) {
    if (error instanceof LintConfigError || error instanceof ConfigError) io.stderr.write(`lint-dashboards: ${error.message}\n`);
    else io.stderr.write(`lint-dashboards: ${(error as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(help(io.invocation ?? SCRIPT_INVOCATION));
    return 0;
  }
  if (options.stdinName !== undefined) return lintStdin(options, options.stdinName, io, cwd);
  try {
    const result = await lintDashboards(options.inputs, { config: options.config, cwd, fix: options.fix, maxFileBytes: options.maxFileBytes });
    if (result.missing.length > 0) {
      io.stderr.write(`lint-dashboards: nothing found at ${result.missing.map((m) => JSON.stringify(m)).join(', ')}\n`);
      return 2;
    }
    if (result.files.length === 0) {
      io.stderr.write(`lint-dashboards: no dashboard files (*.json) in ${options.inputs.map((i) => JSON.stringify(i)).join(', ')}\n`);
      return 2;
    }
    for (const f of result.skipped) io.stderr.write(`skipped ${f}: JSON, but not a Grafana dashboard\n`);
    for (const f of result.fixed) io.stderr.write(`fixed ${f.file} (${f.rules.join(', ')})\n`);
    for (const f of result.fixRejected) io.stderr.write(`not fixed ${f.file}: ${f.reason}\n`);
    io.stdout.write(formatFindings(result, options.format, formatOptions(options, io, cwd)));
    return exitCode(result, options, io);
  } catch (error) {
    // Input problems are findings; anything that reaches here is a bug or an I/O failure (e.g. --fix write).
    io.stderr.write(`lint-dashboards: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runLintCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`lint-dashboards: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
