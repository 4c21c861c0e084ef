/**
 * Calendar days and months in a time zone, in PromQL, which only has UTC time functions. The zone's UTC
 * offset at the evaluation time is a step function of `time()`: the offset before the first transition
 * plus, for each transition (DST start or end, or a change of standard time) the change of offset times
 * `time() >= bool <instant>`. The transitions are read from Node's Intl for the years `CALENDAR_YEARS`
 * (a constant, so the output does not depend on the build date); before and after them the outermost
 * offsets hold. From the local time `time() + offset` the UTC functions give the local hour, day of week,
 * day and month.
 *
 * A day-to-date or month-to-date sum needs a window that starts at local midnight or on the local 1st,
 * and PromQL windows have fixed lengths. Instead, a recording rule (`CALENDAR_RULE`) records the cost
 * increments (the same expression as counters.ts' rule) labelled with the local day index modulo 3 and the
 * local month index modulo 3 of the evaluation time. The sum over a fixed window of the series whose label
 * is today's residue is exactly what was recorded since local midnight: the window (36 h) is longer than
 * any day (25 h at most) and shorter than the three days it would need to reach the previous day of the
 * same residue (46 h at least); for months the window (32 d) is longer than any month and shorter than
 * two months (59 d less an hour). Each increment carries the day of the rule evaluation that recorded it.
 */
import type { Config } from '../config.js';
import { recordedIncrementsExpr, incrementsTiming } from '../counters.js';
import { metricName } from '../naming.js';
import { add, and, div, equal, floor, greaterOrEqual, groupLeft, labelReplace, lessThan, mod, mul, num, on, or, selector, time, vector } from '../promql/builders.js';
import { expr, type InstantVector, type Scalar } from '../promql/types.js';

/** The years whose offset transitions are generated (rebuild with a later range before it runs out). */
export const CALENDAR_YEARS = { from: 2025, to: 2040 } as const;

/** The recording rule of the cost increments labelled by local day and month (see the header). */
export const CALENDAR_RULE = 'claude_code:cost_usd:calendar_increments';
/** Label: the local day index modulo 3 of the evaluation that recorded the sample. */
export const DAY_LABEL = 'calendar_day';
/** Label: the local month index (year × 12 + month) modulo 3. */
export const MONTH_LABEL = 'calendar_month';
/** Windows over which the calendar sums are taken (see the header for why these lengths are exact). */
export const DAY_WINDOW = '36h';
export const MONTH_WINDOW = '32d';

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
const month = timeFn('month');
const year = timeFn('year');

/** The calendar of one zone, as PromQL over the evaluation time. */
export interface LocalCalendar {
  /** `vector(time() + offset)`: local wall-clock time as if it were UTC. */
  readonly localTime: InstantVector;
  /** One series `{calendar_day="<residue>"}` of value 1: today's residue. */
  readonly today: InstantVector;
  /** One series `{calendar_month="<residue>"}` of value 1: this month's residue. */
  readonly thisMonth: InstantVector;
  /** Present (one series) while the local time is within the working days and `[fromSecond, toSecond)` of the day. */
  workingTime(days: readonly number[], fromSecond: number, toSecond: number): InstantVector;
}

/** `{label="0"} and on() (index % 3 == 0) or ...`: one series labelled with the residue of `index`. */
function residueVector(index: InstantVector, label: string): InstantVector {
  // PromQL's % keeps the dividend's sign (a local time before 1970 has a negative day index): normalise.
  const residue = mod(add(mod(index, num(3)), num(3)), num(3));
  const branch = (r: number) => and(labelReplace(vector(1), label, String(r), '', ''), equal(residue, num(r)), on());
  return or(or(branch(0), branch(1)), branch(2));
}

/** The calendar of a zone (or of explicit offsets, for tests of a transition). */
export function localCalendar(offsets: ZoneOffsets): LocalCalendar {
  const localTime = vector(add(time(), offsetScalar(offsets)));
  const dayIndex = floor(div(localTime, num(86400)));
  const monthIndex = add(mul(year(localTime), num(12)), month(localTime));
  return {
    localTime,
    today: residueVector(dayIndex, DAY_LABEL),
    thisMonth: residueVector(monthIndex, MONTH_LABEL),
    workingTime(days, fromSecond, toSecond) {
      const second = mod(localTime, num(86400));
      const dow = dayOfWeek(localTime);
      const onDay = days.map((d) => equal(dow, num(d))).reduce((a, b) => or(a, b));
      return and(and(greaterOrEqual(second, num(fromSecond)), lessThan(second, num(toSecond)), on()), onDay, on());
    },
  };
}

/** The calendar of the configured zone. */
export function configCalendar(config: Config): LocalCalendar {
  return localCalendar(zoneOffsets(config.alerts.timeZone));
}

/** The calendar recording rule's expression: the cost increments times the residue labels of now. */
export function calendarRuleExpr(config: Config, calendar: LocalCalendar): InstantVector {
  const cost = selector(metricName(config.naming, 'cost', config.metricPrefix));
  const increments = recordedIncrementsExpr('cost', cost, incrementsTiming(config), config.naming);
  const labels = mul(calendar.today, calendar.thisMonth, groupLeft(on(), MONTH_LABEL));
  return mul(increments, labels, groupLeft(on(), DAY_LABEL, MONTH_LABEL));
}
