/**
 * Whether Loki can write its data volume, checked from docker-compose.yml and the Loki configuration
 * without Docker. Loki runs as uid 10001; a new named volume takes the owner of the image's mount point,
 * which the 3.6.0 image left to root (its Dockerfile copied /loki without --chown; 3.6.1 added it), and
 * a volume keeps that owner across upgrades, so Loki fails on `mkdir /loki/rules` (grafana/loki#19904,
 * #19966) unless a one-shot service chowns the volume first and Loki waits for it to complete.
 */
import type { ComposeDocument } from './compose-file.js';

/** The user the Loki image runs as (cmd/loki/Dockerfile: `adduser -u 10001`, `USER 10001`). */
export const LOKI_UID = 10001;

/** The parts of a Loki configuration that name folders Loki writes. */
export interface LokiPaths {
  readonly common?: { readonly path_prefix?: string; readonly storage?: { readonly filesystem?: Record<string, string | undefined> } };
  readonly compactor?: { readonly working_directory?: string };
  readonly ruler?: { readonly rule_path?: string; readonly storage?: { readonly local?: { readonly directory?: string } } };
  readonly ingester?: { readonly wal?: { readonly dir?: string } };
}

/** Every folder the configuration makes Loki create or write. */
export function lokiWritePaths(config: LokiPaths): string[] {
  const fs = config.common?.storage?.filesystem ?? {};
  const paths = [
    config.common?.path_prefix,
    ...Object.values(fs),
    config.compactor?.working_directory,
    config.ruler?.rule_path,
    config.ruler?.storage?.local?.directory,
    config.ingester?.wal?.dir,
  ];
  return paths.filter((p): p is string => typeof p === 'string' && p !== '');
}

function namedMount(volumes: readonly string[] | undefined, named: ReadonlySet<string>): { volume: string; target: string } | undefined {
  for (const spec of volumes ?? []) {
    const [volume, target] = spec.split(':');
    if (volume !== undefined && target !== undefined && named.has(volume)) return { volume, target };
  }
  return undefined;
}

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir.replace(/\/$/, '')}/`);

/**
 * Problems that would stop Loki writing its data: a folder outside the named volume, or a volume nobody
 * hands to {@link LOKI_UID} before Loki starts.
 *
 * @returns one message per problem; [] when Loki can write every folder it needs
 */
export function lokiVolumeProblems(compose: ComposeDocument, config: LokiPaths, service = 'loki'): string[] {
  const named = new Set(Object.keys(compose.volumes ?? {}));
  const loki = compose.services[service];
  const mount = namedMount(loki?.volumes, named);
  if (mount === undefined) return [`${service} has no named volume for its data`];
  const problems = lokiWritePaths(config)
    .filter((p) => !inside(p, mount.target))
    .map((p) => `${p} is outside the volume ${mount.volume} on ${mount.target}: Loki loses it on every restart`);
  const deps = (Array.isArray(loki?.depends_on) ? {} : (loki?.depends_on ?? {})) as Record<string, { condition?: string }>;
  const init = Object.entries(deps).find(([name, dep]) => {
    const other = compose.services[name];
    const command = [other?.entrypoint, other?.command].flat().filter((c): c is string => typeof c === 'string');
    return (
      dep.condition === 'service_completed_successfully' &&
      ['0', '0:0', 'root'].includes(String(other?.['user'] ?? '')) &&
      namedMount(other?.volumes, named)?.volume === mount.volume &&
      command.join(' ') === `chown -R ${LOKI_UID}:${LOKI_UID} ${namedMount(other?.volumes, named)?.target ?? ''}`
    );
  });
  if (init === undefined) {
    problems.push(
      `a volume ${mount.volume} on ${mount.target} created by Loki 3.6.0 belongs to root, and Loki (uid ${LOKI_UID}) fails on "mkdir ${mount.target}/rules": ` +
        `add a one-shot service that runs "chown -R ${LOKI_UID}:${LOKI_UID} ${mount.target}" as root on the volume, and make ${service} depend on it with service_completed_successfully`,
    );
  }
  return problems;
}
