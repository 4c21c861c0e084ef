/** The stack's files, parsed once per test file. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { interpolateCompose, readComposeRaw, type ComposeDocument } from '../../../scripts/stack/compose-file.js';
import { stackPaths } from '../../../scripts/stack/paths.js';

/** Placeholder for the one variable Compose requires, when a test wants the defaults. */
export const TEST_PASSWORD = 'test-password';

/** Parses a YAML file of the stack. */
export function readYaml(file: string): unknown {
  return parse(readFileSync(file, 'utf8')) as unknown;
}

/** docker-compose.yml with every variable at its default (and a placeholder Grafana password). */
export function composeWithDefaults(extra: Readonly<Record<string, string>> = {}): ComposeDocument {
  return interpolateCompose(readComposeRaw(stackPaths.compose), { GRAFANA_ADMIN_PASSWORD: TEST_PASSWORD, ...extra });
}
