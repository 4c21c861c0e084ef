/**
 * Manages the Compose stack: up, down, status, logs, reset.
 * Run through npm (`npm run stack:status`) or directly (`tsx scripts/stack.ts status`).
 * Exit codes: 0 success, 1 failure (including an unhealthy stack), 2 bad usage or configuration.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, ConfigError, UsageError, guarded, runIfMain, type CliIO } from './lib/cli-kit.js';
import { loadConfig } from './lib/load-config.js';
import { ConfigError as BuildConfigError } from '../queries/config.js';
import { stackConfigProblems } from './stack/config-check.js';
import { interpolateCompose, readComposeRaw } from './stack/compose-file.js';
import { parseComposePs, type ContainerState } from './stack/compose-ps.js';
import { assertComposeAvailable, composeCapture, composeInteractive } from './stack/docker.js';
import { probe } from './stack/health.js';
import { ensureGrafanaPassword } from './stack/password.js';
import { unreadableMounts, unreadableMessage } from './stack/mount-modes.js';
import { repoRoot, stackPaths } from './stack/paths.js';
import { healthUrl, stackServices } from './stack/services.js';
import { loadStackEnv } from './stack/stack-env.js';

const HELP = `Usage: tsx scripts/stack.ts <command> [options]
       npm run stack:<command> [-- options]

Manage the Claude Code monitoring stack (docker-compose.yml in the repository root).

Commands:
  up [--generate-password] [--config FILE]
                             Start the stack in the background and wait until it is healthy.
                             --generate-password writes a random GRAFANA_ADMIN_PASSWORD to .env
                             when none is set, and says so. Refuses to start when the build
                             (from the same configuration file as build:dashboards) is missing
                             or stale, or writes folders the stack does not mount.
  down                       Stop and remove the containers. Stored data is kept.
  status [--json]            Container state and HTTP health of every service.
                             Exits 1 unless every service is up and healthy.
  logs [SERVICE...] [-f|--follow] [--tail N]
                             Show service logs (default: all services, last 200 lines).
  reset --yes                Stop the stack and DELETE its volumes: all metrics, events and
                             Grafana state. Refuses to run without --yes.

Options:
  -h, --help                 Show this help.

Services: ${stackServices.map((s) => s.name).join(', ')}
Configuration: .env (copy .env.example); shell variables override it.
`;

const EMAIL_MODES = ['keep', 'hash', 'drop'] as const;

type Options = ParseArgsConfig['options'];

function parse(args: readonly string[], options: Options, positionals = false): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: positionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The build configuration the stack serves (the file `build:dashboards` reads); errors exit 2. */
function stackConfig(explicit: string | undefined, io: CliIO) {
  try {
    return loadConfig(explicit, io.cwd ?? repoRoot).config;
  } catch (error) {
    if (error instanceof BuildConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

function preflight(env: Record<string, string | undefined>, configPath: string | undefined, io: CliIO): void {
  if ((env['GRAFANA_ADMIN_PASSWORD'] ?? '') === '') {
    throw new CliError(
      'GRAFANA_ADMIN_PASSWORD is not set. Copy .env.example to .env and set it, ' +
        'or run: npm run stack:up -- --generate-password',
    );
  }
  const mode = env['CLAUDE_USER_EMAIL_MODE'];
  if (mode !== undefined && mode !== '' && !(EMAIL_MODES as readonly string[]).includes(mode)) {
    throw new CliError(`CLAUDE_USER_EMAIL_MODE must be one of ${EMAIL_MODES.join(', ')}, not "${mode}"`);
  }
  const compose = interpolateCompose(readComposeRaw(stackPaths.compose), { ...env, GRAFANA_ADMIN_PASSWORD: 'x' });
  const unreadable = unreadableMounts(compose, repoRoot);
  if (unreadable.length > 0) throw new CliError(unreadableMessage(unreadable));
  const problems = stackConfigProblems(stackConfig(configPath, io), compose, repoRoot);
  if (problems.length > 0) throw new CliError(problems.join('\n  '));
}

async function up(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { 'generate-password': { type: 'boolean' }, config: { type: 'string' } });
  assertComposeAvailable();
  if (values['generate-password'] === true && ((io.env ?? process.env)['GRAFANA_ADMIN_PASSWORD'] ?? '') === '') {
    if (ensureGrafanaPassword(stackPaths.env, stackPaths.envExample) === 'generated') {
      io.stdout(`Generated a Grafana admin password in ${stackPaths.env} (GRAFANA_ADMIN_PASSWORD).\n`);
    }
  }
  const env = loadStackEnv();
  preflight(env, values['config'] as string | undefined, io);
  const code = await composeInteractive(['up', '--detach', '--wait']);
  if (code !== 0) return code;
  const grafana = stackServices.find((s) => s.name === 'grafana');
  const grafanaUrl = grafana === undefined ? '' : healthUrl(grafana, env).replace(/\/api\/health$/, '/');
  io.stdout(
    `\nThe stack is up. Grafana: ${grafanaUrl} (user ${env['GRAFANA_ADMIN_USER'] || 'admin'}), ` +
      `dashboards in the "Claude Code" folder.\nPoint Claude Code at it: npm run claude:env\n`,
  );
  return 0;
}

async function down(args: readonly string[], _io: CliIO): Promise<number> {
  parse(args, {});
  assertComposeAvailable();
  return composeInteractive(['down']);
}

async function reset(args: readonly string[], _io: CliIO): Promise<number> {
  const { values } = parse(args, { yes: { type: 'boolean' } });
  if (values['yes'] !== true) {
    throw new UsageError(
      'reset deletes every stored metric, event and Grafana setting (the Compose volumes). ' +
        'Run it again with --yes to confirm.',
    );
  }
  assertComposeAvailable();
  return composeInteractive(['down', '--volumes', '--remove-orphans']);
}

async function logs(args: readonly string[], _io: CliIO): Promise<number> {
  const { values, positionals } = parse(
    args,
    { follow: { type: 'boolean', short: 'f' }, tail: { type: 'string' } },
    true,
  );
  const known = new Set(stackServices.map((s) => s.name));
  const unknown = positionals.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new UsageError(`unknown service: ${unknown.join(', ')}`);
  const tail = typeof values['tail'] === 'string' ? values['tail'] : '200';
  if (!/^(\d+|all)$/.test(tail)) throw new UsageError(`--tail takes a number of lines or "all", not "${tail}"`);
  assertComposeAvailable();
  return composeInteractive(['logs', '--tail', tail, ...(values['follow'] === true ? ['--follow'] : []), ...positionals]);
}

interface ServiceStatus {
  readonly service: string;
  readonly container: string;
  readonly health: string;
  readonly url: string;
  readonly http: string;
  readonly ok: boolean;
}

function describeContainer(state: ContainerState | undefined): { container: string; health: string; up: boolean } {
  if (state === undefined) return { container: 'absent', health: '-', up: false };
  const health = state.health === '' ? '-' : state.health;
  return { container: state.state, health, up: state.state === 'running' && state.health !== 'unhealthy' };
}

async function status(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  assertComposeAvailable();
  const env = loadStackEnv();
  const states = parseComposePs(composeCapture(['ps', '--all', '--format', 'json']));
  const rows: ServiceStatus[] = await Promise.all(
    stackServices.map(async (service) => {
      const container = describeContainer(states.find((s) => s.service === service.name));
      const result = await probe(healthUrl(service, env));
      return {
        service: service.name,
        container: container.container,
        health: container.health,
        url: result.url,
        http: result.ok ? 'ok' : result.detail,
        ok: container.up && result.ok,
      };
    }),
  );
  if (values['json'] === true) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    const header = ['SERVICE', 'CONTAINER', 'HEALTHCHECK', 'HTTP', 'URL'];
    const table = [header, ...rows.map((r) => [r.service, r.container, r.health, r.http, r.url])];
    const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
    for (const row of table) {
      io.stdout(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`);
    }
  }
  const healthy = rows.every((r) => r.ok);
  if (values['json'] !== true) {
    io.stdout(healthy ? '\nAll services are up and healthy.\n' : '\nSome services are down or unhealthy.\n');
  }
  return healthy ? 0 : 1;
}

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIO) => Promise<number>>> = {
  up,
  down,
  status,
  logs,
  reset,
};

/**
 * The stack command: `up`, `down`, `status`, `logs`, `reset`.
 * @returns the exit code (0 ok, 1 failure or unhealthy, 2 bad usage or configuration)
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  return guarded('stack', io, async () => {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(HELP);
      return 0;
    }
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError('missing command (up, down, status, logs, reset)');
    const subcommand = COMMANDS[command];
    if (subcommand === undefined) throw new UsageError(`unknown command "${command}"`);
    return subcommand(rest, io);
  });
}

runIfMain(import.meta.url, 'stack', run);
