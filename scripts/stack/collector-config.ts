/**
 * Structural checks of the OpenTelemetry Collector configuration, run without the collector:
 * pipeline wiring, the delta-to-cumulative requirements of Claude Code metrics, and listen ports.
 */
import { formatDuration, type Config } from '../../queries/config.js';
import { parseDuration } from '../../queries/duration.js';

type Section = Readonly<Record<string, unknown>>;

/** The parts of a collector configuration these checks read. */
export interface CollectorConfig {
  readonly receivers?: Section;
  readonly processors?: Section;
  readonly exporters?: Section;
  readonly connectors?: Section;
  readonly extensions?: Section;
  readonly service?: {
    readonly extensions?: readonly string[];
    readonly pipelines?: Readonly<
      Record<string, { readonly receivers?: readonly string[]; readonly processors?: readonly string[]; readonly exporters?: readonly string[] }>
    >;
    readonly telemetry?: unknown;
  };
}

/**
 * How often deltatocumulative sweeps stale streams: a stream outlives max_stale by up to this much
 * (processor/deltatocumulativeprocessor starts a one-minute ticker when max_stale is set).
 */
export const DELTATOCUMULATIVE_SWEEP_MS = 60_000;

/** Default of both settings when absent: 5m (component READMEs). */
const DEFAULT_EXPIRY = '5m';

/** `type/name` → `type`. */
export function componentType(id: string): string {
  return id.split('/')[0] ?? id;
}

function keys(section: Section | undefined): string[] {
  return Object.keys(section ?? {});
}

/**
 * Wiring problems: undefined or unused components, extensions not enabled, empty pipelines.
 *
 * @param config - parsed collector configuration
 * @returns one message per problem; [] when the wiring is sound
 */
export function wiringProblems(config: CollectorConfig): string[] {
  const problems: string[] = [];
  const pipelines = config.service?.pipelines ?? {};
  if (Object.keys(pipelines).length === 0) problems.push('service.pipelines is empty');
  const connectors = new Set(keys(config.connectors));
  const used = { receivers: new Set<string>(), processors: new Set<string>(), exporters: new Set<string>() };
  for (const [name, pipeline] of Object.entries(pipelines)) {
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      const defined = new Set(keys(config[kind]));
      const list = pipeline[kind] ?? [];
      if (kind !== 'processors' && list.length === 0) problems.push(`pipeline ${name} has no ${kind}`);
      for (const id of list) {
        used[kind].add(id);
        const isConnector = kind !== 'processors' && connectors.has(id);
        if (!defined.has(id) && !isConnector) problems.push(`pipeline ${name} uses ${kind.slice(0, -1)} ${id}, which is not defined`);
      }
      if (new Set(list).size !== list.length) problems.push(`pipeline ${name} lists a ${kind.slice(0, -1)} twice`);
    }
  }
  for (const kind of ['receivers', 'processors', 'exporters'] as const) {
    for (const id of keys(config[kind])) {
      if (!used[kind].has(id)) problems.push(`${kind.slice(0, -1)} ${id} is defined but used by no pipeline`);
    }
  }
  const enabled = new Set(config.service?.extensions ?? []);
  for (const id of keys(config.extensions)) {
    if (!enabled.has(id)) problems.push(`extension ${id} is defined but not listed in service.extensions`);
  }
  for (const id of enabled) {
    if (!keys(config.extensions).includes(id)) problems.push(`service.extensions lists ${id}, which is not defined`);
  }
  return problems;
}

/**
 * Requirements for Claude Code's delta-temporality counters in every metrics pipeline:
 * memory_limiter first, a deltatocumulative processor, and batch after it.
 *
 * @param config - parsed collector configuration
 */
export function metricsPipelineProblems(config: CollectorConfig): string[] {
  const problems: string[] = [];
  const metrics = Object.entries(config.service?.pipelines ?? {}).filter(([name]) => componentType(name) === 'metrics');
  if (metrics.length === 0) problems.push('no metrics pipeline');
  for (const [name, pipeline] of metrics) {
    const types = (pipeline.processors ?? []).map(componentType);
    const delta = types.indexOf('deltatocumulative');
    const batch = types.indexOf('batch');
    if (types[0] !== 'memory_limiter') problems.push(`pipeline ${name}: memory_limiter must be the first processor`);
    if (delta === -1) problems.push(`pipeline ${name}: no deltatocumulative processor (Claude Code exports delta temporality)`);
    if (batch === -1) problems.push(`pipeline ${name}: no batch processor`);
    if (delta !== -1 && batch !== -1 && batch < delta) problems.push(`pipeline ${name}: batch must come after deltatocumulative`);
  }
  return problems;
}

function setting(section: Section | undefined, id: string, key: string): unknown {
  const component = section?.[id];
  return component !== null && typeof component === 'object' ? (component as Record<string, unknown>)[key] : undefined;
}

/** The expiry settings that decide whether a returning series is a new counter. */
export interface ExpirySettings {
  readonly maxStaleMs: number;
  readonly metricExpirationMs: number;
  /** Whether both were written explicitly in the file. */
  readonly explicit: boolean;
}

/**
 * Reads deltatocumulative `max_stale` and prometheus exporter `metric_expiration`
 * (first component of each type).
 *
 * @param config - parsed collector configuration
 */
export function expirySettings(config: CollectorConfig): ExpirySettings | undefined {
  const delta = keys(config.processors).find((id) => componentType(id) === 'deltatocumulative');
  const exporter = keys(config.exporters).find((id) => componentType(id) === 'prometheus');
  if (delta === undefined || exporter === undefined) return undefined;
  const maxStale = setting(config.processors, delta, 'max_stale');
  const expiration = setting(config.exporters, exporter, 'metric_expiration');
  return {
    maxStaleMs: parseDuration(typeof maxStale === 'string' ? maxStale : DEFAULT_EXPIRY),
    metricExpirationMs: parseDuration(typeof expiration === 'string' ? expiration : DEFAULT_EXPIRY),
    explicit: typeof maxStale === 'string' && typeof expiration === 'string',
  };
}

/**
 * The recording rules are built for the configuration's `pipeline` block: they tell a series that comes
 * back with its old total from one that starts from zero by how long it was away (queries/counters.ts).
 * That holds only if the collector does what the block says: the prometheus exporter stops showing an
 * idle series after `exporterExpiry` (metric_expiration), and deltatocumulative forgets its total after
 * `seriesMemory` (max_stale plus its one-minute sweep), which must be the longer of the two.
 *
 * @param config - parsed collector configuration
 * @param pipeline - the build configuration's pipeline block
 */
export function expiryProblems(config: CollectorConfig, pipeline: Config['pipeline']): string[] {
  const settings = expirySettings(config);
  if (settings === undefined) return ['no deltatocumulative processor or no prometheus exporter'];
  const problems: string[] = [];
  if (!settings.explicit) problems.push('set deltatocumulative max_stale and prometheus metric_expiration explicitly');
  const expiry = parseDuration(pipeline.exporterExpiry);
  const memory = parseDuration(pipeline.seriesMemory);
  if (settings.metricExpirationMs !== expiry) {
    problems.push(`prometheus exporter metric_expiration is ${formatDuration(settings.metricExpirationMs)} but pipeline.exporterExpiry says ${pipeline.exporterExpiry}: set both to the same duration`);
  }
  if (settings.maxStaleMs + DELTATOCUMULATIVE_SWEEP_MS !== memory) {
    problems.push(
      `deltatocumulative max_stale is ${formatDuration(settings.maxStaleMs)} but pipeline.seriesMemory says ${pipeline.seriesMemory}: ` +
        `set max_stale to ${formatDuration(memory - DELTATOCUMULATIVE_SWEEP_MS)} (the memory less its 1m sweep)`,
    );
  }
  return problems;
}

/** A port some component listens on inside the container. */
export interface ListenPort {
  readonly component: string;
  readonly port: number;
}

function portOf(endpoint: unknown): number | undefined {
  if (typeof endpoint !== 'string') return undefined;
  const match = /:(\d+)$/.exec(endpoint);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Ports the collector listens on: OTLP receiver protocols, prometheus exporters, health_check,
 * and a pull reader for its own metrics.
 *
 * @param config - parsed collector configuration
 */
export function listenPorts(config: CollectorConfig): ListenPort[] {
  const ports: ListenPort[] = [];
  for (const id of keys(config.receivers)) {
    const protocols = setting(config.receivers, id, 'protocols');
    if (protocols === null || typeof protocols !== 'object') continue;
    for (const [protocol, options] of Object.entries(protocols)) {
      const port = portOf((options as { endpoint?: unknown } | null)?.endpoint);
      if (port !== undefined) ports.push({ component: `${id}/${protocol}`, port });
    }
  }
  for (const id of keys(config.exporters).filter((e) => componentType(e) === 'prometheus')) {
    const port = portOf(setting(config.exporters, id, 'endpoint'));
    if (port !== undefined) ports.push({ component: id, port });
  }
  for (const id of keys(config.extensions)) {
    const port = portOf(setting(config.extensions, id, 'endpoint'));
    if (port !== undefined) ports.push({ component: id, port });
  }
  const readers = (config.service?.telemetry as { metrics?: { readers?: unknown[] } } | undefined)?.metrics?.readers ?? [];
  for (const reader of readers) {
    const port = (reader as { pull?: { exporter?: { prometheus?: { port?: unknown } } } }).pull?.exporter?.prometheus?.port;
    if (typeof port === 'number') ports.push({ component: 'service.telemetry', port });
  }
  return ports;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Merges collector configurations the way `otelcol --config=a --config=b` does (confmap's default):
 * maps merge key by key, later files win, lists and scalars are replaced whole.
 *
 * @param configs - parsed configuration files, in command-line order
 */
export function mergeCollectorConfigs(...configs: readonly unknown[]): CollectorConfig {
  const merge = (base: unknown, over: unknown): unknown => {
    if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
    return out;
  };
  return configs.reduce<unknown>((acc, next) => merge(acc, next), {}) as CollectorConfig;
}

/** Extension types that can authenticate a receiver's clients. */
export const SERVER_AUTHENTICATORS = ['bearertokenauth', 'basicauth', 'oidc'] as const;

/**
 * Receiver protocols that accept clients without authentication: no `auth.authenticator`, or one that
 * names an extension that is not defined, not enabled, or cannot authenticate servers.
 *
 * @param config - parsed (merged) collector configuration
 * @returns one message per unauthenticated protocol; [] when every OTLP endpoint needs credentials
 */
export function receiverAuthProblems(config: CollectorConfig): string[] {
  const problems: string[] = [];
  const enabled = new Set(config.service?.extensions ?? []);
  for (const id of keys(config.receivers)) {
    const protocols = setting(config.receivers, id, 'protocols');
    if (!isMap(protocols)) continue;
    for (const [protocol, options] of Object.entries(protocols)) {
      const auth = isMap(options) && isMap(options['auth']) ? options['auth']['authenticator'] : undefined;
      if (typeof auth !== 'string') {
        problems.push(`receiver ${id} ${protocol}: no auth.authenticator, it accepts anything sent to it`);
      } else if (!keys(config.extensions).includes(auth) || !enabled.has(auth)) {
        problems.push(`receiver ${id} ${protocol}: authenticator ${auth} is not a defined, enabled extension`);
      } else if (!(SERVER_AUTHENTICATORS as readonly string[]).includes(componentType(auth))) {
        problems.push(`receiver ${id} ${protocol}: ${auth} cannot authenticate clients (use ${SERVER_AUTHENTICATORS.join(', ')})`);
      }
    }
  }
  return problems;
}
