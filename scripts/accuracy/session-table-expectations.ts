/**
 * The truth of the session details table (queries/library/session-table.ts), from the synthetic reports
 * alone: per session and user, what it reported within the window, for the sessions with the highest
 * cost; its first and last cost report as the scrape that first showed each (pipeline.ts).
 */
import { TOP_SESSIONS } from '../../queries/library/session-table.js';
import type { MetricKey } from '../../queries/catalog.js';
import { firstScrapeAfter } from '../synthetic/pipeline.js';
import type { Report } from '../synthetic/types.js';
import { COUNT, TOTAL, type Tolerance } from './tolerance.js';
import { GROUP_SEPARATOR, IDENTITY, identityOf, type Expectation, type TruthInput } from './expectations.js';

/** The table's key; a function, as expectations.ts imports this module (IDENTITY is not set yet at load). */
const key = (): string[] => ['session.id', IDENTITY];

/** Scrape times are shown within one scrape interval of the truth (rule evaluation phase); ms and s. */
const WITHIN_A_SCRAPE_MS: Tolerance = { kind: 'absolute', max: 15_000, unit: 'ms' };
const WITHIN_A_SCRAPE_S: Tolerance = { kind: 'absolute', max: 15, unit: 's' };

function sessionKey(r: Report, input: TruthInput): string {
  return [r.series.attributes['session.id'] ?? '', identityOf(r.series, input.config)].join(GROUP_SEPARATOR);
}

function reports(input: TruthInput, metric: MetricKey): Report[] {
  return input.truth.reportsIn(input.window).filter((r) => r.series.metric === metric && r.amount > 0 && input.filter(r.series));
}

function sums(input: TruthInput, metric: MetricKey): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of reports(input, metric)) out.set(sessionKey(r, input), (out.get(sessionKey(r, input)) ?? 0) + r.amount);
  return out;
}

/** The sessions the table lists: the TOP_SESSIONS highest cost. */
function topSessions(input: TruthInput): Set<string> {
  return new Set([...sums(input, 'cost')].sort((a, b) => b[1] - a[1]).slice(0, TOP_SESSIONS).map(([k]) => k));
}

function onlyTop(input: TruthInput, values: ReadonlyMap<string, number>): Map<string, number> {
  const top = topSessions(input);
  return new Map([...values].filter(([k]) => top.has(k)));
}

function column(tolerance: Tolerance, values: (input: TruthInput) => Map<string, number>): (input: TruthInput) => Expectation {
  return (input) => ({ tolerance, groupBy: key(), values: onlyTop(input, values(input)) });
}

/** Per session: the first or last scrape (ms) that showed a cost report. */
function reportTimes(input: TruthInput, which: 'first' | 'last'): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of reports(input, 'cost')) {
    const t = firstScrapeAfter(r.time);
    const key = sessionKey(r, input);
    const seen = out.get(key);
    if (seen === undefined || (which === 'first' ? t < seen : t > seen)) out.set(key, t);
  }
  return out;
}

function models(input: TruthInput): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  for (const r of reports(input, 'cost')) {
    const set = seen.get(sessionKey(r, input)) ?? new Set<string>();
    set.add(r.series.attributes['model'] ?? '');
    seen.set(sessionKey(r, input), set);
  }
  return new Map([...seen].map(([k, v]) => [k, v.size]));
}

function durations(input: TruthInput): Map<string, number> {
  const first = reportTimes(input, 'first');
  const last = reportTimes(input, 'last');
  return new Map([...first].map(([k, t]) => [k, ((last.get(k) ?? t) - t) / 1000]));
}

/** The truth of every session-table query id. */
export const SESSION_TABLE_TRUTH: Readonly<Record<string, (input: TruthInput) => Expectation>> = {
  'sessionTable.cost': (input) => ({ tolerance: TOTAL, groupBy: key(), values: sums(input, 'cost') }),
  'sessionTable.tokens': column(TOTAL, (i) => sums(i, 'tokens')),
  'sessionTable.lines': column(COUNT, (i) => sums(i, 'linesOfCode')),
  'sessionTable.commits': column(COUNT, (i) => sums(i, 'commits')),
  'sessionTable.models': column(COUNT, models),
  'sessionTable.start': column(WITHIN_A_SCRAPE_MS, (i) => reportTimes(i, 'first')),
  'sessionTable.duration': column(WITHIN_A_SCRAPE_S, durations),
};
