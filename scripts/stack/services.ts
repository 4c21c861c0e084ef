/**
 * The stack's services as the management CLI sees them: where each one publishes its health
 * endpoint on the host. test/stack/compose-policy.test.ts checks this table against
 * docker-compose.yml, so `stack status` always probes the ports Compose really publishes.
 */

/** One Compose service and how to reach its health endpoint from the host. */
export interface StackService {
  /** Service name in docker-compose.yml. */
  readonly name: string;
  /** `.env` variable holding the host interface the service binds to. */
  readonly bindVariable: string;
  /** `.env` variable holding the published host port of the health endpoint. */
  readonly portVariable: string;
  readonly defaultPort: number;
  /** Container port that `portVariable` publishes. */
  readonly containerPort: number;
  readonly healthPath: string;
  /** What the user opens or points clients at, shown by `stack up`. */
  readonly purpose: string;
}

/** The Compose services, in the order `stack status` lists them. */
export const stackServices: readonly StackService[] = [
  {
    name: 'otel-collector',
    bindVariable: 'OTEL_COLLECTOR_BIND',
    portVariable: 'OTEL_HEALTH_PORT',
    defaultPort: 13133,
    containerPort: 13133,
    healthPath: '/',
    purpose: 'OTLP receiver for Claude Code (gRPC 4317, HTTP 4318)',
  },
  {
    name: 'prometheus',
    bindVariable: 'PROMETHEUS_BIND',
    portVariable: 'PROMETHEUS_PORT',
    defaultPort: 9090,
    containerPort: 9090,
    healthPath: '/-/ready',
    purpose: 'metrics storage and PromQL',
  },
  {
    name: 'alertmanager',
    bindVariable: 'ALERTMANAGER_BIND',
    portVariable: 'ALERTMANAGER_PORT',
    defaultPort: 9093,
    containerPort: 9093,
    healthPath: '/-/ready',
    purpose: 'budget and pipeline alerts (routing by severity)',
  },
  {
    name: 'loki',
    bindVariable: 'LOKI_BIND',
    portVariable: 'LOKI_PORT',
    defaultPort: 3100,
    containerPort: 3100,
    healthPath: '/ready',
    purpose: 'Claude Code events (logs)',
  },
  {
    name: 'grafana',
    bindVariable: 'GRAFANA_BIND',
    portVariable: 'GRAFANA_PORT',
    defaultPort: 3000,
    containerPort: 3000,
    healthPath: '/api/health',
    purpose: 'dashboards',
  },
];

/**
 * The URL of a service's health endpoint as seen from the host.
 * A wildcard bind (0.0.0.0, ::, empty) is reached through loopback.
 *
 * @param service - the service
 * @param env - effective variables (shell environment over `.env`)
 */
export function healthUrl(service: StackService, env: Readonly<Record<string, string | undefined>>): string {
  const bind = env[service.bindVariable]?.trim() || '127.0.0.1';
  const port = env[service.portVariable]?.trim() || String(service.defaultPort);
  let host = bind;
  if (bind === '0.0.0.0') host = '127.0.0.1';
  else if (bind === '::' || bind === '[::]') host = '[::1]';
  else if (bind.includes(':') && !bind.startsWith('[')) host = `[${bind}]`;
  return `http://${host}:${port}${service.healthPath}`;
}
