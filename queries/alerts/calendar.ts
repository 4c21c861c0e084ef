/**
 * Calendar days and months in a time zone, in PromQL, which only has UTC time functions, and the rollup
 * that makes a month-to-date sum cheap. The zone's UTC offset at the evaluation time is a step function
 * of `time()`: the offset before the first transition plus, for each transition (DST start or end, or a
 * change of standard time) the change of offset times `time() >= bool <instant>`. The transitions are read
 * from Node's Intl for the years `CALENDAR_YEARS` (a constant, so the output does not depend on the build
 * date); before and after them the outermost offsets hold. From the local time `time() + offset` the UTC
 * functions give the local hour, day of week, day of the month and month; subtracting 86400 from the local
 * time gives yesterday's date (local wall-clock time read as UTC has no DST).
 *
 * PromQL windows have fixed lengths, and a budget's day and month start at local midnight and on the local
 * 1st. Two recording rules label the spend with the local date instead:
 * - `CALENDAR_RULE`, at the scrape interval: the cost increments (counters.ts' expression) summed per
 *   budget label set (identity, its fallback, the team labels), labelled with the local day of the month
 *   and the local month index modulo 3 of the evaluation that recorded them. Such a label pair recurs only
 *   three months later, so a window of any length up to 89 days holds one date's samples under it.
 * - `DAY_TOTALS_RULE`, hourly: the totals of yesterday and the day before, each under its own date's
 *   labels. A day is over, so its total no longer changes; recording it at every hour of two days gives it
 *   48 chances to be written (a restart or missed evaluations lose none unless Prometheus is down for two
 *   days), and reading it with `max_over_time` counts it once however often it was written.
 * Today is the sum of the first rule under today's labels over 26 h (the longest day is 25 h); the month
 * to date is today and yesterday from the first rule over 51 h (yesterday's total is there from local
 * midnight on, before the hourly rule has run), `or` the day totals of the last 32 days (longer than any
 * month), kept to this month's label. docs/alerts.md gives the cost.
 */
import { add, and, countValues, equal, greaterOrEqual, groupLeft, lessThan, lastOverTime, mod, mul, num, on, or, range, scalar, selector, sub, time, vector } from '../promql/builders.js';
import { duration } from '../promql/macros.js';
import { expr, type InstantVector, type Scalar } from '../promql/types.js';

/** The years whose offset transitions are generated (rebuild with a later range before it runs out). */
export const CALENDAR_YEARS = { from: 2025, to: 2040 } as const;

/** Label: the local day of the month (1 to 31) of the evaluation that recorded the sample. */
export const DAY_LABEL = 'calendar_day';
/** Label: the local month index (year × 12 + month) modulo 3. */
export const MONTH_LABEL = 'calendar_month';

/** A change of a zone's UTC offset: from `at` (epoch seconds) on, the offset is `offset` seconds. */
export interface OffsetChange {
  readonly at: number;
  readonly offset: number;
}

/** A zone's offsets: the one before the first change, and the changes in time order. */
export interface ZoneOffsets {
  readonly initial: number;
  readonly changes: readonly OffsetChange[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in seconds at `ms` (epoch milliseconds), from Intl's "GMT+01:00" notation. */
export function offsetAt(zone: string, ms: number): number {
  let f = formatters.get(zone);
  if (!f) formatters.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })));
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0));
}

/** The first second in (lo, hi] with the offset of `hi` (the offset changes once in between). */
function transitionIn(zone: string, lo: number, hi: number): number {
  const target = offsetAt(zone, hi * 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid * 1000) === target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The offset changes of `zone` in the years `CALENDAR_YEARS`, scanned day by day and bisected to the second. */
export function zoneOffsets(zone: string, years: { from: number; to: number } = CALENDAR_YEARS): ZoneOffsets {
  const start = Date.UTC(years.from, 0, 1) / 1000;
  const end = Date.UTC(years.to + 1, 0, 1) / 1000;
  const initial = offsetAt(zone, start * 1000);
  const changes: OffsetChange[] = [];
  let prev = initial;
  for (let t = start + 86400; t <= end; t += 86400) {
    const off = offsetAt(zone, t * 1000);
    if (off === prev) continue;
    changes.push({ at: transitionIn(zone, t - 86400, t), offset: off });
    prev = off;
  }
  return { initial, changes };
}

/** The offset at the evaluation time, as a scalar step function of `time()`. */
export function offsetScalar(offsets: ZoneOffsets): Scalar {
  let s: Scalar = num(offsets.initial);
  let prev = offsets.initial;
  for (const c of offsets.changes) {
    s = add(s, mul(num(c.offset - prev), greaterOrEqual(time(), num(c.at), { bool: true })));
    prev = c.offset;
  }
  return s;
}

const timeFn = (name: string) => (v: InstantVector): InstantVector => expr('vector', { kind: 'call', func: name, args: [v.node] });
const dayOfWeek = timeFn('day_of_week');
const dayOfMonth = timeFn('day_of_month');
const month = timeFn('month');
const year = timeFn('year');

/** The calendar of one zone, as PromQL over the evaluation time. */
export interface LocalCalendar {
  /** `vector(time() + offset)`: local wall-clock time as if it were UTC. */
  readonly localTime: InstantVector;
  /** One series `{calendar_day="<day of month>", calendar_month="<residue>"}` of value 1: today's date. */
  readonly today: InstantVector;
  /** The same for yesterday. */
  readonly yesterday: InstantVector;
  /** The same for the day before yesterday. */
  readonly dayBefore: InstantVector;
  /** One series `{calendar_month="<residue>"}` of value 1: this month. */
  readonly thisMonth: InstantVector;
  /** Present (one series) while the local time is within the working days and `[fromSecond, toSecond)` of the day. */
  workingTime(days: readonly number[], fromSecond: number, toSecond: number): InstantVector;
}

/** This month: `count_values` turns the month index modulo 3 into the label (year × 12 + month is positive). */
function monthOf(local: InstantVector): InstantVector {
  return countValues(MONTH_LABEL, mod(add(mul(year(local), num(12)), month(local)), num(3)));
}

/** The date labels of a local time, day of the month and month residue: one series of value 1. */
function dateOf(local: InstantVector): InstantVector {
  return mul(countValues(DAY_LABEL, dayOfMonth(local)), monthOf(local), groupLeft(on(), MONTH_LABEL));
}

/** Recording rule: the zone's UTC offset in seconds (`offsetScalar`), written once per scrape interval. */
export const OFFSET_RULE = 'claude_code:calendar:utc_offset_seconds';

/**
 * The calendar as the rules read it: `time()` plus the recorded offset (`OFFSET_RULE`). The offset is a
 * step function with a term per transition, far too long to repeat in every expression; read from its
 * rule it is one sample, exact within the rule's own group and at most one scrape interval late elsewhere,
 * which matters only in that interval after a DST change.
 */
export function recordedCalendar(): LocalCalendar {
  // The last sample of the hour, not the instant lookback: a scrape interval of 5 min or more would fall
  // outside Prometheus 3's left-open 5 min lookback, and a brief stall of the rule changes nothing.
  return localCalendar(scalar(lastOverTime(range(selector(OFFSET_RULE), duration('1h')))));
}

/** The calendar of a zone's offset (the offsets' step function, or a recorded offset). */
export function localCalendar(offset: Scalar): LocalCalendar {
  const localTime = vector(add(time(), offset));
  const daysAgo = (n: number): InstantVector => sub(localTime, num(n * 86400));
  return {
    localTime,
    today: dateOf(localTime),
    yesterday: dateOf(daysAgo(1)),
    dayBefore: dateOf(daysAgo(2)),
    thisMonth: monthOf(localTime),
    workingTime(days, fromSecond, toSecond) {
      const second = mod(localTime, num(86400));
      const dow = dayOfWeek(localTime);
      const onDay = days.map((d) => equal(dow, num(d))).reduce((a, b) => or(a, b));
      return and(and(greaterOrEqual(second, num(fromSecond)), lessThan(second, num(toSecond)), on()), onDay, on());
    },
  };
}

