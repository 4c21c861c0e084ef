/**
 * Bind-mounted files the containers cannot read. The services run as other users than the one who owns
 * the checkout (Grafana 472, Prometheus and Alertmanager nobody, Loki 10001, the collector 10001), so a
 * mounted file must be world-readable and a mounted folder world-searchable. A clone or build under
 * `umask 077` gives 0600 / 0700 instead, and the containers fail with "permission denied" on start.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ComposeDocument } from './compose-file.js';

/** The repository paths that docker-compose.yml bind-mounts (`./…` sources). */
export function bindSources(compose: ComposeDocument): string[] {
  const sources = Object.values(compose.services).flatMap((s) => (s.volumes ?? []).map((v) => v.split(':')[0] ?? ''));
  return [...new Set(sources.filter((s) => s.startsWith('./')))];
}

function walk(file: string, out: string[]): void {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return;
  }
  const needed = stat.isDirectory() ? 0o005 : 0o004;
  if ((stat.mode & needed) !== needed) out.push(file);
  if (stat.isDirectory()) for (const name of readdirSync(file)) walk(path.join(file, name), out);
}

/**
 * Mounted files not readable (folders not searchable) by other users.
 *
 * @param compose - docker-compose.yml, interpolated
 * @param root - the folder the `./` sources are relative to
 * @returns paths relative to `root`; [] when every container can read its mounts
 */
export function unreadableMounts(compose: ComposeDocument, root: string): string[] {
  const out: string[] = [];
  for (const source of bindSources(compose)) walk(path.join(root, source), out);
  return out.map((p) => path.relative(root, p));
}

/** The message `stack up` fails with when {@link unreadableMounts} finds any. */
export function unreadableMessage(paths: readonly string[]): string {
  const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? `, and ${paths.length - 5} more` : '');
  return (
    `the containers run as other users and cannot read ${shown} (a checkout or build under umask 077?). ` +
    'Fix: chmod -R a+rX provisioning, then run this again'
  );
}
