/**
 * The `alerts` section of the configuration (queries/alerts.ts reads it), kept apart from the core schema
 * in config.ts so that each stays one screen: the time zone whose calendar day and month the budgets
 * follow, the warning and critical levels of every budget, the monthly and team budgets (the daily org and
 * user budgets are `thresholds.*`, which the dashboards show too), and the thresholds of the health
 * alerts (cache hit rate drop, API errors and latency, absent telemetry, counter resets).
 */
import { z } from 'zod';

const PROM_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
/** An http(s) URL with a host (alerts.grafanaUrl, alerts.runbookUrl). */
const HTTP_URL = /^https?:\/\/[^\s/]+/;

/** Whether Node's Intl knows `zone` as an IANA time zone (e.g. "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

const budgetLevels = z
  .object({
    warning: z.number().gt(0).max(1).default(0.8),
    critical: z.number().gt(0).default(1),
  })
  .strict()
  .prefault({})
  .refine((l) => l.warning < l.critical, { message: 'warning must be below critical' });

const workingHours = z
  .object({
    // ISO days of the week as PromQL's day_of_week counts them: 0 Sunday ... 6 Saturday.
    days: z.array(z.number().int().min(0).max(6)).min(1).default([1, 2, 3, 4, 5]),
    start: z.number().int().min(0).max(23).default(9),
    end: z.number().int().min(1).max(24).default(18),
    absentFor: z.string().regex(PROM_DURATION).default('1h'),
  })
  .strict()
  .prefault({})
  .refine((w) => w.start < w.end, { message: 'start must be before end' });

/** The schema of `alerts`. Every field has its default here, once. */
export const alertsSchema = z
  .object({
    // A spike: the last hour's spend above spikeFactor × the hourly mean of the 24 h before, and above the floor.
    spikeFactor: z.number().min(1).default(3),
    spikeFloorUsd: z.number().nonnegative().default(10),
    collectorJob: z.string().min(1).default('otel-collector'),
    grafanaUrl: z.string().regex(HTTP_URL).default('http://localhost:3000'),
    runbookUrl: z.string().regex(HTTP_URL).optional(),
    // The calendar of the budgets and the working hours: an IANA zone, offsets and DST from Node's Intl.
    timeZone: z.string().refine(isTimeZone, 'is not an IANA time zone Node knows').default('UTC'),
    budgetLevels,
    monthlyBudgetUsd: z.number().positive().default(2000),
    userMonthlyBudgetUsd: z.number().positive().default(400),
    teamDailyBudgetUsd: z.number().positive().default(50),
    teamMonthlyBudgetUsd: z.number().positive().default(1000),
    cacheHitDrop: z
      .object({
        window: z.string().regex(PROM_DURATION).default('3h'),
        baseline: z.string().regex(PROM_DURATION).default('7d'),
        drop: z.number().gt(0).max(1).default(0.15),
        minTokens: z.number().nonnegative().default(1_000_000),
      })
      .strict()
      .prefault({}),
    // The API alerts read the metrics the collector derives from events (docs/events-metrics.md).
    eventMetrics: z.boolean().default(true),
    api: z
      .object({
        window: z.string().regex(PROM_DURATION).default('15m'),
        errorRate: z.number().gt(0).max(1).default(0.05),
        latencyP95Ms: z.number().positive().default(60_000),
        minRequests: z.number().nonnegative().default(20),
      })
      .strict()
      .prefault({}),
    workingHours,
    counterResets: z
      .object({
        window: z.string().regex(PROM_DURATION).default('1h'),
        max: z.number().nonnegative().default(20),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

/** The resolved `alerts` section. */
export type AlertsConfig = z.output<typeof alertsSchema>;

/** How to fix each alerts field, shown under the error (merged into config.ts' table). */
export const ALERT_FIXES: Readonly<Record<string, string>> = {
  'alerts.timeZone': 'use an IANA time zone name, e.g. "Europe/Berlin", "America/New_York" or "UTC"',
  'alerts.budgetLevels': 'give warning and critical as fractions of each budget, warning below critical, e.g. { warning: 0.8, critical: 1 }',
  'alerts.workingHours': 'days as 0 (Sunday) to 6, start and end as whole local hours with start < end, absentFor a duration such as "1h"',
  'alerts.cacheHitDrop': 'window and baseline as durations ("3h", "7d"), drop a fraction (0.15 = 15 points), minTokens >= 0',
  'alerts.api': 'window a duration ("15m"), errorRate a fraction, latencyP95Ms and minRequests numbers',
  'alerts.counterResets': 'window a duration ("1h"), max the number of resets per window that is still normal',
  alerts: 'spikeFactor >= 1, spikeFloorUsd >= 0, budgets positive numbers of USD, collectorJob the Prometheus job that scrapes the collector, grafanaUrl and runbookUrl full URLs',
};
