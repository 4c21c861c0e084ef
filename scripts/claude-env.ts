/**
 * Prints (or writes to a shell profile, only when asked) the environment that makes Claude Code
 * send its metrics and events to this stack's OpenTelemetry Collector.
 * Exit codes: 0 success, 1 failure, 2 bad usage or configuration.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_PROTOCOL,
  OTLP_PROTOCOLS,
  claudeCodeEnvironment,
  defaultEndpoint,
  endpointProblem,
  tokenProblem,
  TOKEN_VARIABLE,
  type OtlpProtocol,
} from './stack/claude-env-vars.js';
import { CliError, ConfigError, UsageError, guarded, runIfMain, type CliIO } from './lib/cli-kit.js';
import { stackPaths } from './stack/paths.js';
import { DamagedBlockError, upsertBlock } from './stack/profile-block.js';
import { loadStackEnv } from './stack/stack-env.js';
import { SHELLS, isShell, renderAssignments, shellForProfile, shellFromEnvironment, type Shell } from './stack/shell-syntax.js';

const HELP = `Usage: tsx scripts/claude-env.ts [options]
       npm run --silent claude:env [-- options]

Prints the environment that makes Claude Code send its telemetry (metrics and events) to the
collector of this stack. Nothing is written unless --write-profile is given.

Options:
  --shell ${SHELLS.join('|')}
                        Output syntax (default: from $SHELL, else bash).
  --endpoint URL        Collector OTLP endpoint (default: http://localhost:$OTEL_HTTP_PORT, or
                        :$OTEL_GRPC_PORT with --protocol grpc, from the shell or .env as the
                        stack publishes them; ${defaultEndpoint('http/protobuf')} / ${defaultEndpoint('grpc')} when unset).
  --protocol ${OTLP_PROTOCOLS.join('|')}
                        OTLP protocol (default: ${DEFAULT_PROTOCOL}).
  --write-profile FILE  Write the settings into FILE inside a marked block instead of printing
                        them. Running it again replaces that block; the rest of FILE is kept.
                        The shell is guessed from FILE unless --shell is given.
  --managed-settings    Print a managed-settings.json "env" block for organisations instead.
  -h, --help            Show this help.

When OTEL_COLLECTOR_TOKEN is set (the shell over .env), the output also sets
OTEL_EXPORTER_OTLP_HEADERS to "Authorization=Bearer <token>", the header the collector requires
with docker-compose.auth.yml (docs/stack-security.md). It is a secret: treat the output as one.

Examples:
  eval "$(npm run --silent claude:env)"                 # current bash/zsh session
  npm run --silent claude:env -- --shell fish | source
  npm run --silent claude:env -- --shell powershell | Out-String | Invoke-Expression
  npm run claude:env -- --write-profile ~/.bashrc       # every new shell
  npm run --silent claude:env -- --managed-settings --endpoint https://otel.example.com:4318
`;

interface Parsed {
  readonly help: boolean;
  readonly shell: Shell | undefined;
  readonly protocol: OtlpProtocol;
  readonly endpoint: string;
  readonly profile: string | undefined;
  readonly managedSettings: boolean;
}

function parseCommandLine(argv: readonly string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        shell: { type: 'string' },
        endpoint: { type: 'string' },
        protocol: { type: 'string' },
        'write-profile': { type: 'string' },
        'managed-settings': { type: 'boolean' },
      },
    }) as { values: Record<string, string | boolean | undefined> });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const shell = values['shell'];
  if (typeof shell === 'string' && !isShell(shell)) {
    throw new UsageError(`--shell must be one of ${SHELLS.join(', ')}, not "${shell}"`);
  }
  const protocol = (values['protocol'] as string | undefined) ?? DEFAULT_PROTOCOL;
  if (!(OTLP_PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new UsageError(`--protocol must be one of ${OTLP_PROTOCOLS.join(', ')}, not "${protocol}"`);
  }
  const endpoint = (values['endpoint'] as string | undefined) ?? stackEndpoint(protocol as OtlpProtocol);
  const problem = endpointProblem(endpoint);
  if (problem !== undefined) throw new UsageError(`--endpoint: ${problem}`);
  const profile = values['write-profile'] as string | undefined;
  if (profile === '') throw new UsageError('--write-profile needs a file name');
  const managedSettings = values['managed-settings'] === true;
  if (managedSettings && (profile !== undefined || shell !== undefined)) {
    throw new UsageError('--managed-settings prints JSON; it cannot be combined with --shell or --write-profile');
  }
  return {
    help: values['help'] === true,
    shell: shell as Shell | undefined,
    protocol: protocol as OtlpProtocol,
    endpoint,
    profile,
    managedSettings,
  };
}

/** The endpoint on the port the stack publishes (the shell environment over `.env`, as Compose reads them). */
function stackEndpoint(protocol: OtlpProtocol): string {
  try {
    return defaultEndpoint(protocol, loadStackEnv());
  } catch (error) {
    throw new ConfigError(`${stackPaths.env} or the shell: ${(error as Error).message}`);
  }
}

/** The receivers' bearer token from the shell or .env, checked; undefined when unset or empty. */
function stackToken(): string | undefined {
  let token: string | undefined;
  try {
    token = loadStackEnv()[TOKEN_VARIABLE];
  } catch (error) {
    throw new ConfigError(`${stackPaths.env} or the shell: ${(error as Error).message}`);
  }
  if (token === undefined || token === '') return undefined;
  const problem = tokenProblem(token);
  if (problem !== undefined) throw new ConfigError(`${stackPaths.env} or the shell: ${problem}`);
  return token;
}

function writeProfile(file: string, lines: readonly string[], io: CliIO): void {
  const target = path.resolve(io.cwd ?? process.cwd(), file);
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  let next: string;
  try {
    next = upsertBlock(current, lines);
  } catch (error) {
    if (error instanceof DamagedBlockError) throw new CliError(`${target}: ${error.message}`);
    throw error;
  }
  try {
    writeFileSync(target, next);
  } catch (error) {
    throw new CliError(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.stdout(`Wrote the Claude Code telemetry settings to ${target}. Open a new shell, then start claude.\n`);
}

/**
 * The claude:env command: prints (or writes into a profile) the telemetry environment for this stack.
 * @returns the exit code (0 ok, 1 failure, 2 bad usage or configuration)
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  return guarded('claude-env', io, async () => environmentCommand(argv, io));
}

async function environmentCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const options = parseCommandLine(argv);
  if (options.help) {
    io.stdout(HELP);
    return 0;
  }
  const vars = claudeCodeEnvironment({ protocol: options.protocol, endpoint: options.endpoint, token: stackToken() });
  if (options.managedSettings) {
    io.stdout(`${JSON.stringify({ env: Object.fromEntries(vars) }, null, 2)}\n`);
    return 0;
  }
  const shell =
    options.shell ??
    (options.profile !== undefined ? shellForProfile(options.profile) : shellFromEnvironment(process.env['SHELL']));
  const lines = [
    '# Claude Code telemetry -> the claude-code-dashboards stack (npm run claude:env).',
    ...renderAssignments(vars, shell),
  ];
  if (options.profile !== undefined) {
    writeProfile(options.profile, lines, io);
  } else {
    io.stdout(`${lines.join('\n')}\n`);
  }
  return 0;
}

runIfMain(import.meta.url, 'claude-env', run);
