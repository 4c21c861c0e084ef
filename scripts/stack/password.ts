/** `stack up --generate-password`: puts a random Grafana admin password into `.env` when none is set. */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnvFile, setEnvValue } from './env-file.js';

/** What `ensureGrafanaPassword` did. */
export type PasswordOutcome = 'kept' | 'generated';

/**
 * Makes sure `envFile` sets a non-empty GRAFANA_ADMIN_PASSWORD. A missing `.env` starts as a copy
 * of `.env.example`. The file is made private (0600) because it now holds a credential.
 *
 * @param envFile - the `.env` to edit
 * @param exampleFile - template used when `envFile` does not exist yet
 */
export function ensureGrafanaPassword(envFile: string, exampleFile: string): PasswordOutcome {
  const text = existsSync(envFile) ? readFileSync(envFile, 'utf8') : readFileSync(exampleFile, 'utf8');
  if ((parseEnvFile(text).get('GRAFANA_ADMIN_PASSWORD') ?? '') !== '') return 'kept';
  // base64url: no quote or dollar sign, so Compose reads it literally.
  const password = randomBytes(18).toString('base64url');
  writeFileSync(envFile, setEnvValue(text, 'GRAFANA_ADMIN_PASSWORD', password), { mode: 0o600 });
  chmodSync(envFile, 0o600);
  return 'generated';
}
