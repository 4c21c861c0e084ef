/**
 * Error types and the top-level runner shared by the stack CLIs (scripts/stack.ts, scripts/claude-env.ts).
 * Exit codes follow the usual convention: 0 success, 1 failure, 2 bad usage or configuration.
 */

/** A failure the user can act on; printed as one line, without a stack trace. Exit code 1. */
export class CliError extends Error {
  readonly exitCode: number = 1;
}

/** The command line itself is wrong (unknown flag, missing argument). Exit code 2. */
export class UsageError extends CliError {
  override readonly exitCode: number = 2;
}

/** The configuration (`.env`, the config file) is wrong: nothing was done. Exit code 2, no usage hint. */
export class ConfigError extends CliError {
  override readonly exitCode: number = 2;
}

/**
 * Runs a CLI entry point and turns its outcome into an exit code.
 * Known errors print `error: <message>` (plus a hint for usage errors); anything else is a bug,
 * so it is reported with its message only, still without a stack trace.
 *
 * @param name - program name used in messages, e.g. `stack`
 * @param main - the command; resolves to the exit code to use
 */
export async function runCli(name: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${name}: error: ${error.message}\n`);
      if (error instanceof UsageError) process.stderr.write(`Run '${name} --help' for usage.\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: unexpected error: ${message}\n`);
    process.exitCode = 1;
  }
}
