/**
 * The dashboard linter's command line, parsed: its help text and its options resolved against the lint
 * config and the build configuration (scripts/lint-dashboards.ts runs them).
 *
 * Why apart: the command (reading inputs, printing findings, exit codes) and the parsing of its dozen
 * options each fill a file; every mistake here is a `UsageError` or a `ConfigError` of the shared CLI
 * module, so the command prints one line and exits 2.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError as BuildConfigError } from '../../queries/config.js';
import { NAMING_SCHEMES, type NamingScheme } from '../../queries/naming.js';
import { defaultLintConfig, LintConfigError, loadLintConfig, MAX_FILE_BYTES, OUTPUT_FORMATS, type LintConfig, type OutputFormat } from '../../dashboards/lint/index.js';
import { ConfigError, UsageError } from './cli-kit.js';
import { defaultLintInputs, withBuildConfig } from './lint-from-build.js';
import { loadConfig } from './load-config.js';

/** The folder linted when no path is given and the build configuration names none. */
export const DEFAULT_INPUT = 'provisioning/grafana/dashboards';

/** The name of a dashboard read from stdin when `--stdin-filename` gives none. */
export const STDIN_NAME = '<stdin>';

/** How the linter is invoked, for its help text and messages: as the package's bin or as this repository's npm script. */
export interface LintInvocation {
  /** The command as a user types it, e.g. `claude-code-dashboards lint`. */
  readonly command: string;
  /** What comes before the options in the examples, e.g. `npx claude-code-dashboards lint`. */
  readonly example: string;
  /** The program name in messages (`<name>: error: ...`); default: the command. */
  readonly name?: string;
}

/** This repository's npm script. */
export const SCRIPT_INVOCATION: LintInvocation = { command: 'npm run lint:dashboards --', example: 'npm run lint:dashboards --', name: 'lint:dashboards' };

/** The help text, with the command as the user invoked it. */
export const lintHelp = (inv: LintInvocation): string => `Usage: ${inv.command} [options] [paths, directories, globs...]

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
  -V, --version           print the package's version

Exit codes: 0 no errors, 1 errors found (more warnings than --max-warnings, or a --fix write
failed), 2 bad usage or configuration (unknown option, bad lint config, nothing to lint).
Colour is used on a terminal unless NO_COLOR is set; FORCE_COLOR=1 forces it, FORCE_COLOR=0 turns it off.

Examples:
  ${inv.example.replace(/ --$/, '')}
  ${inv.example} 'dashboards/**/*.json' --format github
  ${inv.example} exported.json --config .dashboard-lint.yaml --max-warnings 0
  ${inv.example} --stdin --stdin-filename dashboards/cost.json --fix < cost.json > fixed.json
`;

/** The linter's options, resolved. */
export interface LintOptions {
  readonly format: OutputFormat;
  readonly maxWarnings: number | undefined;
  readonly config: LintConfig;
  readonly fix: boolean;
  readonly maxFileBytes: number | undefined;
  readonly inputs: string[];
  /** SARIF: the directory artifact URIs are relative to. */
  readonly base: string;
  /** Lint one dashboard from stdin under this name (`--stdin` or `-`). */
  readonly stdinName?: string;
}

/** What the command line asks for: help, the version, or a lint run. */
export type LintRequest = { readonly kind: 'help' } | { readonly kind: 'version' } | ({ readonly kind: 'lint' } & LintOptions);

const OPTIONS = {
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
  version: { type: 'boolean', short: 'V' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

/** Parses the command line; throws `UsageError` (bad flags or values) or `ConfigError` (bad lint or build config). */
export function parseLintArgs(argv: readonly string[], cwd: string): LintRequest {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const format = (values.format ?? 'pretty') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got "${values.format}")`);
  const base = path.resolve(cwd, values.base ?? '.');
  if (values.base !== undefined && !isDirectory(base)) throw new UsageError(`--base must be a directory (got "${values.base}")`);
  const { config, inputs } = configAndInputs(values, positionals, cwd);
  return {
    kind: 'lint',
    format,
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    config,
    fix: values.fix === true,
    maxFileBytes: parseMaxFileBytes(values['max-file-mb']),
    inputs,
    base,
    stdinName: stdinName(values, positionals),
  };
}

/** The lint config (file, then the build configuration's naming and labels, then `--naming`) and what to lint. */
function configAndInputs(values: Values, positionals: readonly string[], cwd: string): { config: LintConfig; inputs: string[] } {
  try {
    // The build's configuration (found as the build finds it): naming, team labels, output folder.
    const build = loadConfig(values['build-config'], cwd).config;
    let config = withBuildConfig(values.config ? loadLintConfig(path.resolve(cwd, values.config)) : defaultLintConfig(), build);
    if (values.naming !== undefined) {
      if (!(NAMING_SCHEMES as readonly string[]).includes(values.naming)) {
        throw new UsageError(`--naming must be one of ${NAMING_SCHEMES.join(', ')} (got "${values.naming}")`);
      }
      config = { ...config, naming: values.naming as NamingScheme };
    }
    return { config, inputs: positionals.length ? [...positionals] : defaultLintInputs(build) };
  } catch (error) {
    if (error instanceof LintConfigError || error instanceof BuildConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

function parseMaxWarnings(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings needs a whole number of 0 or more (got "${raw}")`);
  return Number(raw);
}

/** `--max-file-mb` in bytes (undefined: the default limit). */
function parseMaxFileBytes(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new UsageError(`--max-file-mb needs a number of megabytes above 0 (got "${raw}")`);
  return Math.round(Number(raw) * 1024 * 1024);
}

/** The name of the stdin dashboard in findings, or `undefined` without `--stdin`/`-`. */
function stdinName(values: Values, positionals: readonly string[]): string | undefined {
  const fromStdin = values.stdin === true || positionals.includes('-');
  if (!fromStdin) {
    if (values['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename needs --stdin (or - as the path)');
    return undefined;
  }
  if (positionals.some((p) => p !== '-')) throw new UsageError('--stdin (or -) lints one dashboard from stdin; give no other paths');
  if (values['stdin-filename'] === '') throw new UsageError('--stdin-filename needs a name');
  return values['stdin-filename'] ?? STDIN_NAME;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
