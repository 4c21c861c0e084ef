/**
 * Gate for tests that need an installed tool (Debian's prometheus package: promtool, prometheus; or
 * victoria-metrics: vmalert).
 * Locally a missing binary skips the tests with the install command; in CI it fails them, so a
 * broken install step can never turn into a silently green run.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';

export const INSTALL_HINT = 'apt-get install -y prometheus';

/** Absolute path of `name` on PATH, or undefined. */
export function findBinary(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * `describe` that runs `body` with the binary's path when it is installed; otherwise skips (locally)
 * or fails (when CI=true) with the install command.
 */
export function describeWithBinary(binary: string, title: string, body: (binaryPath: string) => void, installHint: string = INSTALL_HINT): void {
  const found = findBinary(binary);
  describe(title, () => {
    if (found !== undefined) {
      body(found);
      return;
    }
    const message = `${binary} not found on PATH: ${installHint}`;
    if (process.env['CI'] === 'true') {
      it(`needs ${binary}`, () => {
        throw new Error(`${message} (required in CI)`);
      });
    } else {
      it.skip(`skipped: ${message}`, () => undefined);
    }
  });
}
