/**
 * Grafana's substitution of macros and template variables for one panel query, reproduced from Grafana's
 * own code so the engine evaluates exactly what a browser would send:
 *
 * - Frontend interval (packages/grafana-data/src/datetime/rangeutil.ts `calculateInterval`, `roundInterval`
 *   with `<` bounds): intervalMs = max(roundInterval(range / maxDataPoints), lower limit), where the lower
 *   limit is the panel's min interval or else the data source's scrape interval (`timeInterval`).
 * - Backend step (pkg/promlib/models/query.go `calculatePrometheusInterval`, pkg/promlib/intervalv2
 *   `Calculate`/`CalculateSafeInterval`, `roundInterval` with `<=` bounds): minInterval = the frontend
 *   intervalMs (the query has no own min step), step = max(roundInterval(range / maxDataPoints) floored at
 *   minInterval, roundInterval(range / 11000)).
 * - `interpolateVariables` in the same file: `$__interval` = the step formatted by gtime.FormatInterval
 *   (whole units, truncating), `$__interval_ms`, `$__range` = round(range in s) + "s", `$__range_s`,
 *   `$__range_ms`, `$__rate_interval` = max(frontend interval + scrape interval, 4 × scrape interval)
 *   formatted like Go's time.Duration.String().
 * - Range queries: start and end rounded down to a multiple of the step (`AlignTimeRange`, UTC offset 0);
 *   instant queries: evaluated at the range end itself (pkg/promlib/client/client.go `QueryInstant`).
 * - Template variables with multi/include-all: All → the variable's allValue (`.*`); one value →
 *   `prometheusSpecialRegexEscape` (packages/grafana-prometheus/src/escaping.ts, classic behaviour).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** Grafana's frontend `roundInterval` (ms → ms), bounds with `<`. */
export function roundIntervalFrontend(ms: number): number {
  const table: [number, number][] = [
    [10, 1], [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500], [1500, 1000], [3500, 2000],
    [7500, 5000], [12500, 10000], [17500, 15000], [25000, 20000], [45000, 30000], [90000, 60000],
    [210000, 120000], [450000, 300000], [750000, 600000], [1050000, 900000], [1500000, 1200000],
    [2700000, 1800000], [5400000, 3600000], [9000000, 7200000], [16200000, 10800000], [32400000, 21600000],
    [86400000, 43200000], [604800000, 86400000], [1814400000, 604800000], [3628800000, 2592000000],
  ];
  for (const [bound, value] of table) if (ms < bound) return value;
  return 31536000000;
}

/** Grafana's backend `roundInterval` (ms → ms), bounds with `<=`. */
export function roundIntervalBackend(ms: number): number {
  const table: [number, number][] = [
    [10, 1], [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500], [1500, 1000], [3500, 2000],
    [7500, 5000], [12500, 10000], [17500, 15000], [25000, 20000], [45000, 30000], [90000, 60000],
    [210000, 120000], [450000, 300000], [750000, 600000], [1050000, 900000], [1500000, 1200000],
    [2700000, 1800000], [5400000, 3600000], [9000000, 7200000], [16200000, 10800000], [32400000, 21600000],
    [86400000, 43200000], [172800000, 86400000], [604800000, 86400000], [1814400000, 604800000],
  ];
  for (const [bound, value] of table) if (ms <= bound) return value;
  return ms < 3628800000 ? 2592000000 : 31536000000;
}

/** Grafana interval strings (`15s`, `1m`, `500ms`, `1h30m`...) to ms. */
export function intervalToMs(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * SECOND;
  const units: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY, y: YEAR };
  let total = 0;
  let rest = text;
  const part = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m) throw new Error(`not a Grafana interval: ${JSON.stringify(text)}`);
    total += Number(m[1]) * (units[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** gtime.FormatInterval: the largest whole unit, truncating (90 s → "1m"). */
export function formatIntervalGo(ms: number): string {
  if (ms >= YEAR) return `${Math.floor(ms / YEAR)}y`;
  if (ms >= DAY) return `${Math.floor(ms / DAY)}d`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)}h`;
  if (ms >= MINUTE) return `${Math.floor(ms / MINUTE)}m`;
  if (ms >= SECOND) return `${Math.floor(ms / SECOND)}s`;
  if (ms >= 1) return `${Math.floor(ms)}ms`;
  return '1ms';
}

/** Go's time.Duration.String() for whole milliseconds (e.g. "1m15s", "1h0m0s", "500ms"). */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < SECOND) return `${ms}ms`;
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = (ms % MINUTE) / SECOND;
  const sText = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sText}`;
  if (m > 0) return `${m}m${sText}`;
  return sText;
}

/** What a panel query's time settings are. */
export interface PanelQueryTiming {
  readonly fromMs: number;
  readonly toMs: number;
  /** The panel's max data points (its width in pixels when not set). */
  readonly maxDataPoints: number;
  /** The panel's "Min interval", if set. */
  readonly minInterval?: string | undefined;
  /** The data source's scrape interval (`timeInterval`), e.g. "15s". */
  readonly scrapeInterval: string;
}

/** The intervals Grafana computes for a panel query. */
export interface GrafanaIntervals {
  /** Frontend interval (query.Interval), ms. */
  readonly frontendIntervalMs: number;
  /** Backend step = `$__interval`, ms. */
  readonly stepMs: number;
  readonly rateIntervalMs: number;
  readonly rangeMs: number;
}

/** Computes the intervals as Grafana's frontend and Prometheus backend do. */
export function grafanaIntervals(timing: PanelQueryTiming): GrafanaIntervals {
  const rangeMs = timing.toMs - timing.fromMs;
  const lowLimitMs = intervalToMs(timing.minInterval ?? timing.scrapeInterval);
  const frontendIntervalMs = Math.max(roundIntervalFrontend(rangeMs / timing.maxDataPoints), lowLimitMs);
  const rawMs = rangeMs / timing.maxDataPoints;
  const calculatedMs = rawMs < frontendIntervalMs ? frontendIntervalMs : roundIntervalBackend(rawMs);
  const safeMs = roundIntervalBackend(rangeMs / 11000);
  const stepMs = Math.max(calculatedMs, safeMs);
  const scrapeMs = intervalToMs(timing.scrapeInterval);
  const rateIntervalMs = Math.max(frontendIntervalMs + scrapeMs, 4 * scrapeMs);
  return { frontendIntervalMs, stepMs, rateIntervalMs, rangeMs };
}

/** Grafana's classic `prometheusSpecialRegexEscape`. */
export function prometheusSpecialRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');
}

/**
 * A template variable's current value: All (its allValue), selected values of a multi-value variable, or
 * the single value of a single-value variable (which Grafana interpolates as it is, without regex escaping).
 */
export type VariableSelection =
  | { readonly all: true; readonly allValue: string }
  | { readonly values: readonly string[] }
  | { readonly single: string };

/** Interpolates a multi/include-all variable as Grafana's Prometheus data source does. */
export function interpolateVariable(selection: VariableSelection): string {
  if ('all' in selection) return selection.allValue;
  if ('single' in selection) return selection.single;
  const escaped = selection.values.map(prometheusSpecialRegexEscape);
  return escaped.length === 1 ? (escaped[0] as string) : `(${escaped.join('|')})`;
}

/**
 * The expression Prometheus receives: template variables first (frontend), then the backend macros.
 * Unknown `$name` references are left alone so the engine reports them.
 */
export function interpolateExpression(expr: string, intervals: GrafanaIntervals, variables: Readonly<Record<string, VariableSelection>>): string {
  let out = expr.replace(/\$\{([A-Za-z0-9_]+)\}|\$([A-Za-z][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const selection = variables[name];
    return selection ? interpolateVariable(selection) : whole;
  });
  const rangeS = Math.round(intervals.rangeMs / 1000);
  const replacements: [string, string][] = [
    ['$__interval_ms', String(intervals.stepMs)],
    ['$__interval', formatIntervalGo(intervals.stepMs)],
    ['$__range_ms', String(intervals.rangeMs)],
    ['$__range_s', String(rangeS)],
    ['$__range', `${rangeS}s`],
    ['$__rate_interval_ms', String(intervals.rateIntervalMs)],
    ['$__rate_interval', goDurationString(intervals.rateIntervalMs)],
  ];
  for (const [macro, value] of replacements) {
    out = out.split(macro).join(value).split(`\${${macro.slice(1)}}`).join(value);
  }
  return out;
}

/** The [start, end] of a range query as Grafana sends it (aligned down to the step). */
export function alignedRange(fromMs: number, toMs: number, stepMs: number): { startMs: number; endMs: number } {
  return { startMs: Math.floor(fromMs / stepMs) * stepMs, endMs: Math.floor(toMs / stepMs) * stepMs };
}
