/**
 * Alerts on the health of Claude Code use and of its telemetry, beside the budgets: the prompt cache hit
 * rate dropping against its own trailing baseline (with a token floor, so a quiet hour does not page),
 * API errors and latency from the metrics the collector derives from events (only with
 * `alerts.eventMetrics`), telemetry absent during working hours in `alerts.timeZone` (for the whole
 * organisation, and for a user whose telemetry stopped mid-work), and a storm of counter resets (many
 * restarts: crashing clients or collectors, where totals are at risk). Every count reads the recording
 * rules' increments (counters.ts), the same numbers as the dashboards; only `resets()` reads the raw
 * counters, because a reset is what the rules hide.
 */
import { METRIC_KEYS } from '../catalog.js';
import type { Config } from '../config.js';
import { eventMetricSelector, identityLabel, metricSelector, unfiltered, type QueryContext } from '../context.js';
import { incrementsSelector, reportedIncrease } from '../counters.js';
import { parseDuration } from '../duration.js';
import { attr, attrIn, sumByIdentity } from '../library/common.js';
import { add, and, by, count, countOverTime, div, greaterOrEqual, greaterThan, histogramQuantile, lastOverTime, lessThan, mul, num, offset, on, or, orZero, range, resets, sub, sum, sumOverTime, unless } from '../promql/builders.js';
import { duration } from '../promql/macros.js';
import type { InstantVector } from '../promql/types.js';
import type { LocalCalendar } from './calendar.js';
import { absentOverTime, labelText, VALUE, type AlertSpec } from './spec.js';

const PROMPT_TYPES = ['input', 'cacheRead', 'cacheCreation'];

/** Prompt tokens (or only cache reads) over `window`, ending `ago` back when given. */
function promptTokens(ctx: QueryContext, types: readonly string[], window: string, ago?: string): InstantVector {
  const rule = incrementsSelector(metricSelector(ctx, 'tokens', [attrIn('type', types)]));
  const r = range(rule, duration(window));
  return sum(sumOverTime(ago ? offset(r, duration(ago)) : r));
}

function cacheAlert(config: Config): AlertSpec {
  const ctx = unfiltered(config);
  const { window, baseline, drop, minTokens } = config.alerts.cacheHitDrop;
  const hitRate = (w: string, ago?: string) => div(promptTokens(ctx, ['cacheRead'], w, ago), promptTokens(ctx, PROMPT_TYPES, w, ago));
  const dropped = lessThan(hitRate(window), sub(hitRate(baseline, window), num(drop)));
  return {
    alert: 'ClaudeCodeCacheHitRateDrop',
    expr: and(dropped, greaterOrEqual(promptTokens(ctx, PROMPT_TYPES, window), num(minTokens))),
    for: '30m',
    severity: 'warning',
    summary: `The Claude Code prompt cache hit rate of the last ${window} dropped by more than ${Math.round(drop * 100)} points`,
    description: `The cache hit rate of the last ${window} is ${'{{ $value | humanizePercentage }}'}: more than ${Math.round(drop * 100)} points below its rate over the ${baseline} before, on at least ${minTokens} prompt tokens.`,
    runbook: 'Open the overview: cache hit rate by model shows which model lost its cache; a new Claude Code version, changed system prompts or CLAUDE.md files, or short sessions are the usual causes.',
  };
}

/** What the derived counter `key` reported over the API window. */
function eventCount(ctx: QueryContext, key: 'apiRequests' | 'apiErrors'): InstantVector {
  return orZero(sum(reportedIncrease(eventMetricSelector(ctx, key), duration(ctx.config.alerts.api.window))));
}

function apiAlerts(config: Config): AlertSpec[] {
  if (!config.alerts.eventMetrics) return [];
  const ctx = unfiltered(config);
  const { window, errorRate, latencyP95Ms, minRequests } = config.alerts.api;
  const attempts = add(eventCount(ctx, 'apiRequests'), eventCount(ctx, 'apiErrors'));
  const enough = greaterOrEqual(attempts, num(minRequests));
  const buckets = eventMetricSelector(ctx, 'apiRequestDuration', 'bucket');
  // Buckets that reported nothing in the window count as 0 (as activity.ts' quantiles do).
  const seen = mul(lastOverTime(range(buckets, duration(window))), num(0));
  const p95 = histogramQuantile(0.95, sum(or(reportedIncrease(buckets, duration(window)), seen), by('le')));
  const common = { for: '10m', severity: 'warning' as const, dashboard: 'activity' as const };
  return [
    {
      ...common,
      alert: 'ClaudeCodeApiErrorRateHigh',
      expr: and(greaterThan(div(eventCount(ctx, 'apiErrors'), attempts), num(errorRate)), enough, on()),
      summary: `More than ${Math.round(errorRate * 100)} % of Claude Code's API requests failed in the last ${window}`,
      description: `${'{{ $value | humanizePercentage }}'} of the API requests of the last ${window} failed after their retries (api_error / (api_request + api_error), at least ${minRequests} requests).`,
      runbook: 'Open the activity dashboard: errors by status code and model tell an outage (5xx, 529) from rate limits (429) or a key problem (401, 403); check the provider status page.',
    },
    {
      ...common,
      alert: 'ClaudeCodeApiLatencyHigh',
      expr: and(greaterThan(p95, num(latencyP95Ms)), enough, on()),
      summary: `Claude Code's API latency p95 of the last ${window} is over ${latencyP95Ms} ms`,
      description: `The p95 of API request durations in the last ${window} is ${VALUE} ms (accurate to its histogram bucket), over ${latencyP95Ms} ms.`,
      runbook: 'Open the activity dashboard: latency by model shows whether one model is slow; long outputs and large contexts are slow by nature, a rise across models points at the provider or the network.',
    },
  ];
}

/** Per identity: present when the identity reported any tokens in the window ending `ago` back. */
function userReported(ctx: QueryContext, window: string, ago?: string): InstantVector {
  const r = range(incrementsSelector(metricSelector(ctx, 'tokens')), duration(window));
  return count(sumByIdentity(ctx, countOverTime(ago ? offset(r, duration(ago)) : r)), by(identityLabel(ctx)));
}

function absenceAlerts(config: Config, calendar: LocalCalendar): AlertSpec[] {
  const ctx = unfiltered(config);
  const { days, start, end, absentFor } = config.alerts.workingHours;
  const gap = parseDuration(absentFor) / 1000;
  const zone = config.alerts.timeZone;
  const tokens = range(incrementsSelector(metricSelector(ctx, 'tokens')), duration(absentFor));
  // Only while the whole window lies within today's working hours (absence before work is normal).
  const orgWindow = calendar.workingTime(days, start * 3600 + gap, end * 3600);
  const stopped = unless(userReported(ctx, absentFor, absentFor), userReported(ctx, absentFor));
  return [
    {
      alert: 'ClaudeCodeTelemetryAbsent',
      expr: and(absentOverTime(tokens), orgWindow, on()),
      for: '5m',
      severity: 'critical',
      summary: `No Claude Code telemetry from anyone for ${absentFor} during working hours (${zone})`,
      description: `No token counts were recorded for ${absentFor} on a working day between ${start}:00 and ${end}:00 ${zone}: the collector, the scrape, the rules or every client's exporter is down.`,
      runbook: 'Check in order: the CollectorScrapeFailing and RecordingRulesNotRunning alerts, the collector (npm run stack:status), then one client: claude with OTEL_METRICS_EXPORTER=console prints what it would send.',
    },
    {
      alert: 'ClaudeCodeUserTelemetryStopped',
      expr: and(stopped, calendar.workingTime(days, start * 3600 + 2 * gap, end * 3600), on()),
      for: '0m',
      severity: 'warning',
      dashboard: 'user',
      summary: `A user's Claude Code telemetry stopped during working hours (${zone})`,
      description: `${labelText(identityLabel(ctx))} reported tokens in the ${absentFor} before the last ${absentFor} and nothing since, during working hours: their client stopped exporting, or they stopped working.`,
      runbook: "Ask the user: a client started without the managed settings (OTEL_* variables), a changed network path or an expired collector token stops the export; a user who went home is a false alarm (raise alerts.workingHours.absentFor).",
    },
  ];
}

function resetsAlert(config: Config): AlertSpec {
  const ctx = unfiltered(config);
  const { window, max } = config.alerts.counterResets;
  const perMetric = METRIC_KEYS.map((m) => orZero(sum(resets(range(metricSelector(ctx, m), duration(window))))));
  return {
    alert: 'ClaudeCodeCounterResetsStorm',
    expr: greaterThan(perMetric.reduce((a, b) => add(a, b)), num(max)),
    for: '5m',
    severity: 'warning',
    summary: `Claude Code counters reset more than ${max} times in the last ${window}`,
    description: `The Claude Code counters reset ${VALUE} times in the last ${window}: collectors or clients restart often. The rules count every reset's new life, but a total the collector had not exported yet before a restart is lost.`,
    runbook: 'Look for restarts: the collector container (docker compose ps, its restart count and logs), or clients with cumulative temporality restarting; a deltatocumulative max_stale shorter than pipeline.seriesMemory also resets totals.',
  };
}

/** The health alerts, in file order. */
export function healthAlerts(config: Config, calendar: LocalCalendar): AlertSpec[] {
  return [cacheAlert(config), ...apiAlerts(config), ...absenceAlerts(config, calendar), resetsAlert(config)];
}
