/**
 * Where the linter's documentation (docs/linter.md) is, as an absolute URI for SARIF's `helpUri`: the
 * file beside the code (scripts/lib/ in a checkout, dist/scripts/lib/ in a build), or `undefined` when
 * it is not there (a build copied without docs/), in which case SARIF carries no helpUri. The published
 * package ships docs/, so an installed linter points at its own docs/linter.md.
 */
import { existsSync } from 'node:fs';

/** The file URI of docs/linter.md beside this code, when it exists. */
export function lintDocsUri(): string | undefined {
  for (const candidate of ['../../docs/linter.md', '../../../docs/linter.md']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return url.href;
  }
  return undefined;
}
