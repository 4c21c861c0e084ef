/**
 * The calendar rollup the budgets read (calendar.ts' header says why it is exact): the spend per budget
 * label set and local date at the scrape interval, the totals of finished days once an hour, and the
 * day-to-date and month-to-date sums built from them. A month is read as its finished days (one sample an
 * hour each) plus today and yesterday, never as 32 days of per-scrape increments: an alert evaluation
 * reads at most 51 h of the first rule and 32 days of hourly totals per label set.
 */
import type { Config } from '../config.js';
import { IDENTITY_ATTRIBUTES } from '../config.js';
import { configMatchers, identityLabel, label, unfiltered } from '../context.js';
import { incrementsTiming, recordedIncrementsExpr } from '../counters.js';
import { metricName } from '../naming.js';
import type { Matcher } from '../promql/ast.js';
import { by, groupLeft, maxOverTime, mul, on, or, range, selector, sum, sumOverTime } from '../promql/builders.js';
import { duration } from '../promql/macros.js';
import type { InstantVector } from '../promql/types.js';
import { DAY_LABEL, MONTH_LABEL, type LocalCalendar } from './calendar.js';

/** Recording rule: the cost increments per budget label set, labelled with the local date of the evaluation. */
export const CALENDAR_RULE = 'claude_code:cost_usd:calendar_increments';
/** Recording rule: the totals of yesterday and the day before, under their own dates' labels (hourly). */
export const DAY_TOTALS_RULE = 'claude_code:cost_usd:calendar_day_totals';
/** How often the day totals are recorded. */
export const DAY_TOTALS_INTERVAL = '1h';

/** Windows (calendar.ts' header says why each is long enough; each is far below the 89 days a date's labels are unique for). */
export const WINDOWS = {
  /** Today so far: the longest day is 25 h. */
  today: '26h',
  /** Today and yesterday: under 25 h of today plus a day of at most 25 h. */
  recent: '51h',
  /** Yesterday and the day before, read by the hourly rule: under three days of 25 h. */
  finished: '76h',
  /** The day totals of this month: a month is at most 31 days, and its 1st is recorded on the 2nd and 3rd. */
  month: '32d',
} as const;

/** The labels a budget sums by: the identity and its fallback (for the user budgets) and the team labels. */
export function budgetLabels(config: Config): string[] {
  const ctx = unfiltered(config);
  const fallback = config.identityFallback === null ? [] : [label(ctx, IDENTITY_ATTRIBUTES[config.identityFallback])];
  return [...new Set([identityLabel(ctx), ...fallback, ...config.teamLabels.map((a) => label(ctx, a))])];
}

/** `CALENDAR_RULE`'s expression: the configuration's cost increments, summed per budget label set, times today's labels. */
export function calendarRuleExpr(config: Config, calendar: LocalCalendar): InstantVector {
  const cost = selector(metricName(config.naming, 'cost', config.metricPrefix), configMatchers(config));
  const increments = recordedIncrementsExpr('cost', cost, incrementsTiming(config), config.naming);
  return mul(sum(increments, by(...budgetLabels(config))), calendar.today, groupLeft(on(), DAY_LABEL, MONTH_LABEL));
}

/** `sum_over_time(CALENDAR_RULE[window])` kept to the dates of `dates` (one series per date). */
function spendOn(dates: InstantVector, window: string, extra: readonly Matcher[]): InstantVector {
  const recorded = sumOverTime(range(selector(CALENDAR_RULE, extra), duration(window)));
  return mul(recorded, dates, groupLeft(on(DAY_LABEL, MONTH_LABEL)));
}

/** `DAY_TOTALS_RULE`'s expression: the totals of the two finished days before today. */
export function dayTotalsRuleExpr(calendar: LocalCalendar): InstantVector {
  return spendOn(or(calendar.yesterday, calendar.dayBefore), WINDOWS.finished, []);
}

/** A budget's calendar period. */
export type Period = 'daily' | 'monthly';

/**
 * Per budget label set and date: what was spent since local midnight (daily) or on each day of this
 * month so far (monthly; sum it). Finished days come from the day totals, today and yesterday from the
 * increments (both exact, so which one `or` keeps for yesterday does not matter).
 */
export function calendarSpend(calendar: LocalCalendar, period: Period, extra: readonly Matcher[] = []): InstantVector {
  if (period === 'daily') return spendOn(calendar.today, WINDOWS.today, extra);
  const recent = spendOn(or(calendar.today, calendar.yesterday), WINDOWS.recent, extra);
  const finished = maxOverTime(range(selector(DAY_TOTALS_RULE, extra), duration(WINDOWS.month)));
  return mul(or(recent, finished), calendar.thisMonth, groupLeft(on(MONTH_LABEL)));
}
