/**
 * The one CLI module every command of this package runs on: `run(argv, io): Promise<number>`.
 *
 * Why: a command that writes to `process.stdout` directly, throws to the top or calls `main()` unguarded
 * cannot be tested in process, and each such command ends up with its own exit-code habits. Here a
 * command gets its output, environment and working directory as `io`, returns its exit code, and signals
 * the errors a user can act on with the three error classes below, which {@link guarded} turns into one
 * line (never a stack trace) and the convention every command follows:
 * 0 success, 1 findings or failure, 2 bad usage or configuration.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageVersion } from './package-version.js';

/** Where a command writes and what it may read of its process; `processIO()` is the real one. */
export interface CliIO {
  /** Writes text to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error (messages, progress, errors). */
  readonly stderr: (text: string) => void;
  /** Environment (default: `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against (default: `process.cwd()`). */
  readonly cwd?: string;
  /** Whether standard output is a terminal (colour, progress, default formats). */
  readonly isTTY?: boolean;
  /** Whether standard error is a terminal (progress lines). */
  readonly stderrIsTTY?: boolean;
}

/** A command: parses `argv`, does its work through `io`, resolves to its exit code. */
export type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

/** A failure the user can act on; printed as one line, without a stack trace. Exit code 1. */
export class CliError extends Error {
  readonly exitCode: number = 1;
}

/** The command line itself is wrong (unknown flag, missing argument). Exit code 2, with a `--help` hint. */
export class UsageError extends CliError {
  override readonly exitCode: number = 2;
}

/** The configuration (`.env`, the config file) is wrong: nothing was done. Exit code 2, no usage hint. */
export class ConfigError extends CliError {
  override readonly exitCode: number = 2;
}

/** What `--version` prints, the same for every command: the package's name and installed version. */
export function versionText(): string {
  return `claude-code-dashboards ${packageVersion()}\n`;
}

/**
 * Whether a command colours its output: never when `NO_COLOR` is set (non-empty) or `FORCE_COLOR` is
 * `0`/`false`, always when `FORCE_COLOR` is otherwise set, else only when standard output is a terminal.
 */
export function colorEnabled(io: CliIO): boolean {
  const env = io.env ?? process.env;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return false;
  if (env['FORCE_COLOR'] !== undefined) return true;
  return io.isTTY === true;
}

/** The IO of the running process. */
export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/**
 * Runs `body` and turns its outcome into an exit code. Known errors print `<name>: error: <message>`
 * (usage errors add a `--help` hint); anything else is a bug, reported by its message only, exit 1.
 *
 * @param name - program name used in messages, e.g. `stack` or `claude-code-dashboards report`
 */
export async function guarded(name: string, io: CliIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${name}: error: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr(`Run '${name} --help' for usage.\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${name}: unexpected error: ${message}\n`);
    return 1;
  }
}

/** Whether the module at `moduleUrl` is the script node was started with (through a symlink too). */
export function isMainModule(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Runs `command` with the process's arguments and IO when `moduleUrl` is the started script, and sets
 * the exit code from its result. A command that throws past its own guard still exits 1 with one line.
 */
export function runIfMain(moduleUrl: string, name: string, command: Command): void {
  if (!isMainModule(moduleUrl)) return;
  const io = processIO();
  void guarded(name, io, () => command(process.argv.slice(2), io)).then((code) => {
    process.exitCode = code;
  });
}
