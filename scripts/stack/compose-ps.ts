/**
 * Parsing `docker compose ps --format json`. Compose v2 prints one JSON object per line (newer
 * releases) or a single JSON array (releases before 2.21); both are accepted.
 */

/** Container state of one service, as `docker compose ps` reports it. */
export interface ContainerState {
  readonly service: string;
  /** running, exited, restarting, created, ... */
  readonly state: string;
  /** healthy, unhealthy, starting, or '' when the service has no healthcheck. */
  readonly health: string;
  /** Human-readable status, e.g. "Up 2 minutes (healthy)". */
  readonly status: string;
}

function toState(value: unknown): ContainerState {
  const record = (value ?? {}) as Record<string, unknown>;
  const text = (key: string): string => (typeof record[key] === 'string' ? (record[key] as string) : '');
  return { service: text('Service'), state: text('State'), health: text('Health'), status: text('Status') };
}

/**
 * Parses the output of `docker compose ps --all --format json`.
 *
 * @param output - the command's stdout
 * @throws Error when the output is not JSON in either form
 */
export function parseComposePs(output: string): ContainerState[] {
  const text = output.trim();
  if (text === '') return [];
  if (text.startsWith('[')) return (JSON.parse(text) as unknown[]).map(toState);
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => toState(JSON.parse(line)));
}
