/** The variables `docker compose` will see: the shell environment over the repository's `.env`. */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnvFile } from './env-file.js';
import { stackPaths } from './paths.js';

/**
 * Effective stack configuration, with Compose's precedence (shell environment wins over `.env`).
 *
 * @param envFile - path of the env file; defaults to the repository's `.env`
 */
export function loadStackEnv(envFile: string = stackPaths.env): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : new Map<string, string>();
  return { ...Object.fromEntries(fromFile), ...process.env };
}
