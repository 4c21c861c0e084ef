/**
 * The environment that makes Claude Code send its telemetry to this stack's collector.
 * One source for `npm run claude:env` and for provisioning/claude-code/managed-settings.json
 * (a test keeps the template in step with this list).
 */

/** OTLP protocols Claude Code accepts. It has no default, and an invalid value silently exports nothing. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'grpc'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/**
 * http/protobuf by default: it goes to the collector's 4318, works through the `otelHeadersHelper`
 * setting (HTTP only), and is not routed through an `http_proxy` the way gRPC clients can be.
 */
export const DEFAULT_PROTOCOL: OtlpProtocol = 'http/protobuf';

/** Export interval for metrics, ms. Matches the 15 s scrape interval, so new data shows within ~30 s. */
export const METRIC_EXPORT_INTERVAL_MS = 15_000;
/** Export interval for events, ms (Claude Code's default). */
export const LOGS_EXPORT_INTERVAL_MS = 5_000;

/** The stack variable that publishes the collector's port for a protocol, and Compose's default for it. */
export const PORT_VARIABLES: Readonly<Record<OtlpProtocol, { readonly name: string; readonly fallback: number }>> = {
  'http/protobuf': { name: 'OTEL_HTTP_PORT', fallback: 4318 },
  grpc: { name: 'OTEL_GRPC_PORT', fallback: 4317 },
};

/**
 * The local collector's OTLP endpoint for a protocol, on the port the stack publishes: `OTEL_HTTP_PORT` or
 * `OTEL_GRPC_PORT` from `env` (the shell over `.env`, as Compose reads them), else Compose's default.
 * Throws when the variable is set to something that is not a port.
 */
export function defaultEndpoint(protocol: OtlpProtocol, env: Readonly<Record<string, string | undefined>> = {}): string {
  const { name, fallback } = PORT_VARIABLES[protocol];
  const raw = env[name];
  if (raw === undefined || raw === '') return `http://localhost:${fallback}`;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
    throw new Error(`${name} is "${raw}", not a port: set it to a number from 1 to 65535 in .env (or unset it for ${fallback})`);
  }
  return `http://localhost:${port}`;
}

/** Options for {@link claudeCodeEnvironment}. */
export interface ClaudeEnvOptions {
  readonly protocol: OtlpProtocol;
  /** Collector base URL; the OTLP HTTP exporter appends /v1/metrics and /v1/logs itself. */
  readonly endpoint: string;
  /** Bearer token the collector's receivers require (docker-compose.auth.yml); none by default. */
  readonly token?: string | undefined;
}

/** The stack variable holding the receivers' bearer token (docker-compose.auth.yml). */
export const TOKEN_VARIABLE = 'OTEL_COLLECTOR_TOKEN';

/**
 * Checks a bearer token for OTEL_EXPORTER_OTLP_HEADERS, a comma-separated list of key=value pairs whose
 * values are percent-decoded: a comma, equals sign, percent sign or white space would change the header.
 *
 * @returns an error message, or undefined when the token can be sent as it is
 */
export function tokenProblem(token: string): string | undefined {
  if (/^[A-Za-z0-9._~+/-]+$/.test(token)) return undefined;
  return `${TOKEN_VARIABLE} may contain only letters, digits and . _ ~ + / - (no comma, =, % or space); e.g. openssl rand -hex 32`;
}

/**
 * The variables to set for Claude Code, in a stable order; OTEL_EXPORTER_OTLP_HEADERS only with a token.
 * Temporality is delta, Claude Code's default, stated explicitly: the collector's deltatocumulative
 * processor is built for it, and a delta stream that pauses longer than the collector's expiry comes
 * back as a new counter, which is what the dashboards' queries expect.
 */
export function claudeCodeEnvironment(options: ClaudeEnvOptions): ReadonlyArray<readonly [string, string]> {
  const auth: [string, string][] = options.token === undefined ? [] : [['OTEL_EXPORTER_OTLP_HEADERS', `Authorization=Bearer ${options.token}`]];
  return [
    ['CLAUDE_CODE_ENABLE_TELEMETRY', '1'],
    ['OTEL_METRICS_EXPORTER', 'otlp'],
    ['OTEL_LOGS_EXPORTER', 'otlp'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', options.protocol],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', options.endpoint],
    ...auth,
    ['OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'delta'],
    ['OTEL_METRIC_EXPORT_INTERVAL', String(METRIC_EXPORT_INTERVAL_MS)],
    ['OTEL_LOGS_EXPORT_INTERVAL', String(LOGS_EXPORT_INTERVAL_MS)],
  ];
}

/**
 * Checks an endpoint given on the command line.
 *
 * @returns an error message, or undefined when the URL is usable
 */
export function endpointProblem(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `not a URL: "${endpoint}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `endpoint must be http:// or https://, not ${url.protocol}`;
  if (/\/v1\/(metrics|logs|traces)\/?$/.test(url.pathname)) {
    return 'give the collector base URL (e.g. http://localhost:4318), not a per-signal /v1/... path';
  }
  return undefined;
}
