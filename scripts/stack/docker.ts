/** Running `docker compose` from the repository root, with clear errors when Docker is missing. */
import { spawn, spawnSync } from 'node:child_process';
import { CliError } from '../lib/cli-kit.js';
import { repoRoot } from './paths.js';

const INSTALL_HINT =
  'Install Docker Engine (or Docker Desktop) with the Compose v2 plugin: https://docs.docker.com/compose/install/';

/**
 * Fails with an actionable message unless `docker compose` works on this machine.
 *
 * @throws CliError when the docker binary or the Compose v2 plugin is missing
 */
export function assertComposeAvailable(): void {
  const result = spawnSync('docker', ['compose', 'version'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.error !== undefined) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`docker was not found on PATH. ${INSTALL_HINT}`);
    throw new CliError(`could not run docker: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new CliError(`'docker compose' is not available (the Compose v2 plugin is missing?). ${INSTALL_HINT}`);
  }
}

/**
 * Runs `docker compose <args>` in the repository root with the terminal attached.
 *
 * @returns the exit code of docker compose
 */
export function composeInteractive(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['compose', ...args], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', (error) => reject(new CliError(`could not run docker: ${error.message}`)));
    child.on('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

/**
 * Runs `docker compose <args>` and captures its output.
 *
 * @throws CliError when the command fails
 */
export function composeCapture(args: readonly string[]): string {
  const result = spawnSync('docker', ['compose', ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (result.error !== undefined) throw new CliError(`could not run docker: ${result.error.message}`);
  if (result.status !== 0) {
    const detail = result.stderr.trim().split('\n').at(-1) ?? '';
    throw new CliError(`docker compose ${args.join(' ')} failed${detail === '' ? '' : `: ${detail}`}`);
  }
  return result.stdout;
}
