/**
 * Where the Prometheus engines live: Debian stable's 2.x on PATH (`apt-get install -y prometheus`) and
 * 3.x unpacked into .tmp/prometheus3 by `.ci/fetch-prometheus3.sh`. Both matter: range windows include
 * their start in 2.x and exclude it in 3.x, and only 3.x parses UTF-8 metric names.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Prometheus major versions the suite runs on. */
export type EngineMajor = 2 | 3;

/** A usable Prometheus installation. */
export interface Engine {
  readonly major: EngineMajor;
  readonly prometheus: string;
  readonly promtool: string;
  /** e.g. `2.42.0+ds`. */
  readonly version: string;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How to install each engine, for skip and failure messages. */
export const INSTALL_HINT: Readonly<Record<EngineMajor, string>> = {
  2: 'apt-get install -y prometheus',
  3: 'bash .ci/fetch-prometheus3.sh',
};

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function versionOf(binary: string): string | undefined {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return /version (\S+)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

/** Finds the engine of the given major version, or `undefined` with the reason. */
export function findEngine(major: EngineMajor): Engine | { missing: string } {
  const candidates =
    major === 3
      ? [join(REPO_ROOT, '.tmp/prometheus3/usr/bin/prometheus'), join(REPO_ROOT, '.tmp/prometheus3/usr/bin/promtool')]
      : [onPath('prometheus'), onPath('promtool')];
  const [prometheus, promtool] = candidates;
  if (!prometheus || !promtool || !existsSync(prometheus) || !existsSync(promtool)) {
    return { missing: `Prometheus ${major}.x not found; install it with \`${INSTALL_HINT[major]}\`` };
  }
  const version = versionOf(prometheus);
  if (!version || !version.startsWith(`${major}.`)) {
    return { missing: `${prometheus} is not Prometheus ${major}.x (version ${version ?? 'unknown'}); install it with \`${INSTALL_HINT[major]}\`` };
  }
  return { major, prometheus, promtool, version };
}

/** True in CI, where a missing engine must fail the run instead of skipping. */
export function inCI(): boolean {
  return process.env.CI === 'true';
}
