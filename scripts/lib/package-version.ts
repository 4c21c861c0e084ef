/**
 * The package's version for `--version` and for the linter's SARIF `tool.driver.version`: read from the
 * package.json that ships with the code, so it is the installed version, never a copy of it.
 */
import { readFileSync } from 'node:fs';

/** The package's version, from the package.json beside the source (scripts/lib/) or the build (dist/scripts/lib/). */
export function packageVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'claude-code-dashboards' && pkg.version) return pkg.version;
    } catch {
      // Not there: try the next location.
    }
  }
  return 'unknown';
}
