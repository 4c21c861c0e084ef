/**
 * Finds and reads the build configuration file: `claude-code-dashboards.config.yaml` (or `.yml`,
 * `.json`) in the working directory, or the file given with `--config`. Parse errors name the file,
 * line and column; invalid values go through `parseConfig`, which names the field and the fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, parseConfig, resolveConfig, type Config } from '../../queries/config.js';
import { checkQueryOverrides } from '../../queries/overrides.js';

/** Names looked up in the working directory, in order. */
export const CONFIG_FILE_NAMES = ['claude-code-dashboards.config.yaml', 'claude-code-dashboards.config.yml', 'claude-code-dashboards.config.json'];

/** The configuration and where it came from (`undefined` when the defaults were used). */
export interface LoadedConfig {
  readonly config: Config;
  readonly path: string | undefined;
}

/**
 * Loads the configuration.
 * @param explicitPath - the `--config` argument, if any; a missing explicit file is an error
 * @param cwd - where to look for the default file names
 * @throws ConfigError for unreadable, unparsable or invalid files
 */
export function loadConfig(explicitPath: string | undefined, cwd = process.cwd()): LoadedConfig {
  const path = explicitPath ? resolve(cwd, explicitPath) : CONFIG_FILE_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
  if (!path) return { config: resolveConfig({}, 'defaults'), path: undefined };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}); fix: check the path given with --config`]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      path,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${pos ? `line ${pos.line}, column ${pos.col}: ` : ''}${e.message.split('\n')[0]}; fix: correct the YAML/JSON syntax`;
      }),
    );
  }
  const config = parseConfig(doc.toJS() ?? {}, path);
  checkQueryOverrides(config, path);
  return { config, path };
}
