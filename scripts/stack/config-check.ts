/**
 * What `stack up` checks of the build configuration before it starts anything: the stack serves what the
 * build wrote only when the build's output folders are the ones docker-compose.yml mounts and the
 * Grafana provider file is the one the current configuration generates.
 *
 * Why: the stack used to count dashboards in a hard-coded `claude-code/` folder. With
 * `grafana.folderUid` changed, the build wrote a new folder, the old provider file kept pointing
 * Grafana at the old one, and `stack up` reported success while Grafana served stale dashboards.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../queries/config.js';
import { PROVIDER_FILE_NAME, providerYaml } from '../lib/provider-file.js';
import { bindSources } from './mount-modes.js';
import type { ComposeDocument } from './compose-file.js';

/** The output folders the stack's containers read, by config field. */
const MOUNTED_OUTPUTS = ['dashboards', 'providers', 'rules'] as const;

function sameFolder(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/** Problems of `output.*` against the compose file's bind mounts, each naming the field and the fix. */
function mountProblems(config: Config, compose: ComposeDocument, root: string): string[] {
  const mounted = bindSources(compose).map((s) => path.join(root, s));
  return MOUNTED_OUTPUTS.filter((field) => !mounted.some((m) => sameFolder(m, path.resolve(root, config.output[field])))).map(
    (field) =>
      `output.${field} is "${config.output[field]}", a folder docker-compose.yml does not mount, so the stack would not see it. ` +
      `Fix: leave output.${field} at its default for the bundled stack (custom output folders are for your own Grafana and Prometheus)`,
  );
}

function dashboardCount(folder: string): number {
  if (!existsSync(folder)) return 0;
  return readdirSync(folder).filter((name) => name.endsWith('.json')).length;
}

/** Problems of the built files against the configuration: no dashboards, or a stale provider file. */
function buildProblems(config: Config, root: string): string[] {
  const folder = path.join(config.output.dashboards, config.grafana.folderUid);
  if (dashboardCount(path.resolve(root, folder)) === 0) {
    return [`no dashboards in ${folder}/ (grafana.folderUid "${config.grafana.folderUid}"). Fix: npm run build:dashboards`];
  }
  const provider = path.join(config.output.providers, PROVIDER_FILE_NAME);
  const full = path.resolve(root, provider);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  if (current !== providerYaml(config)) {
    return [
      `${provider} ${current === undefined ? 'is missing' : 'does not match the configuration (grafana.folder / grafana.folderUid)'}, ` +
        'so Grafana would serve another folder. Fix: npm run build:dashboards',
    ];
  }
  return [];
}

/**
 * Everything that would make the stack serve something other than what the configuration builds.
 *
 * @param config - the build configuration (the same file `build:dashboards` and `lint:dashboards` read)
 * @param compose - docker-compose.yml, interpolated
 * @param root - the repository root the compose file's `./` sources are relative to
 * @returns one message per problem; [] when the stack will serve the configured build
 */
export function stackConfigProblems(config: Config, compose: ComposeDocument, root: string): string[] {
  const mounts = mountProblems(config, compose, root);
  return mounts.length > 0 ? mounts : buildProblems(config, root);
}
