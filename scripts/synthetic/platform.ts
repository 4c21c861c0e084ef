/**
 * The platform of each synthetic session: the resource attributes Claude Code sets on its OTLP resource
 * (`service.name`, `service.version`, `os.type`, `host.arch`), which the stack's collector copies onto
 * every series (provisioning/otel-collector/config.yaml). A user works on one machine (its OS and
 * architecture) and upgrades Claude Code once during the history: sessions started before the upgrade
 * report the older version, later ones the newer. Drawn from streams of their own, so the rest of the
 * workload is the same with or without them.
 */
import { Random } from './random.js';
import type { SyntheticSession, SyntheticUser } from './types.js';

/** Claude Code versions, oldest first; a user upgrades from one to the next. */
export const VERSIONS = ['2.1.241', '2.1.245', '2.1.248'] as const;

/** Operating systems (`os.type`) with their share of users and architectures (`host.arch`) with theirs. */
const MACHINES: readonly (readonly [os: string, arch: string, weight: number])[] = [
  ['darwin', 'arm64', 5],
  ['darwin', 'amd64', 1],
  ['linux', 'amd64', 3],
  ['linux', 'arm64', 1],
  ['windows', 'amd64', 1],
];

/** The workload's time span, for the upgrade time. */
export interface PlatformSpan {
  readonly start: number;
  readonly end: number;
}

function machineOf(user: SyntheticUser): { os: string; arch: string } {
  const rng = new Random(`${user.userId}/machine`);
  const [os, arch] = rng.weighted(MACHINES.map(([o, a, w]) => [[o, a] as const, w] as const));
  return { os, arch };
}

/** The version a session reports: the user's older version before their upgrade, the next one after it. */
function versionOf(session: SyntheticSession, span: PlatformSpan): string {
  const rng = new Random(`${session.user.userId}/version`);
  const older = rng.int(0, VERSIONS.length - 2);
  const upgrade = span.start + rng.uniform(0, 1) * (span.end - span.start);
  return VERSIONS[session.start < upgrade ? older : older + 1] as string;
}

/** The resource attributes of a session, as labels on every one of its series. */
export function platformAttributes(session: SyntheticSession, span: PlatformSpan): Record<string, string> {
  const { os, arch } = machineOf(session.user);
  return { 'service.name': 'claude-code', 'service.version': versionOf(session, span), 'os.type': os, 'host.arch': arch };
}
