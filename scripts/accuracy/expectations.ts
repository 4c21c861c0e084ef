/**
 * The truth behind every query id a dashboard shows, computed from the synthetic reports alone (never from
 * Prometheus). A dashboard target whose query id is missing here fails the suite: that is how coverage
 * stays complete when a panel is added.
 */
import type { MetricKey } from '../../queries/catalog.js';
import { IDENTITY_ATTRIBUTES, type Config } from '../../queries/config.js';
import type { GroundTruth, SeriesFilter, TimeWindow } from '../synthetic/truth.js';
import type { SeriesIdentity } from '../synthetic/types.js';
import { EVENT_TREND_TRUTH, EVENT_TRUTH } from './event-expectations.js';
import { PLATFORM_TRUTH } from './platform-expectations.js';
import { SESSION_TABLE_TRUTH } from './session-table-expectations.js';
import { COUNT, EXACT_RATIO, HIT_RATE, TOTAL, type Tolerance } from './tolerance.js';

/** Stands for the configured identity label in `groupBy`. */
export const IDENTITY = '@identity';

/** What a query must show: one value per group (key = group values joined by GROUP_SEPARATOR). */
export interface Expectation {
  readonly tolerance: Tolerance;
  /** OpenTelemetry attributes (or IDENTITY) the result is grouped by; empty for a single number. */
  readonly groupBy: readonly string[];
  readonly values: ReadonlyMap<string, number>;
}

/** Joins group values into a map key. */
export const GROUP_SEPARATOR = '\u0001';

/** Everything an expectation is computed from. */
export interface TruthInput {
  readonly truth: GroundTruth;
  readonly window: TimeWindow;
  /** The dashboard variables' selection, as a series filter (All = no filter). */
  readonly filter: SeriesFilter;
  readonly config: Config;
  /** Whether the recording rules ran over the evaluated data (false: the dashboards' raw fallback). */
  readonly rulesLoaded: boolean;
}

/** The identity value a dashboard shows for a series: the identity label or `<fallback>:<value>`. */
export function identityOf(series: SeriesIdentity, config: Config): string {
  const own = series.attributes[IDENTITY_ATTRIBUTES[config.identity]];
  if (own !== undefined && own !== '') return own;
  const fallback = config.identityFallback;
  if (fallback === null) return '';
  return `${fallback}:${series.attributes[IDENTITY_ATTRIBUTES[fallback]] ?? ''}`;
}

function groupKey(series: SeriesIdentity, groupBy: readonly string[], config: Config): string | undefined {
  const parts: string[] = [];
  for (const attribute of groupBy) {
    const value = attribute === IDENTITY ? identityOf(series, config) : series.attributes[attribute];
    if (value === undefined || value === '') return undefined;
    parts.push(value);
  }
  return parts.join(GROUP_SEPARATOR);
}

function and(a: SeriesFilter, b: SeriesFilter | undefined): SeriesFilter {
  return b ? (s) => a(s) && b(s) : a;
}

function attributeIs(attribute: string, values: readonly string[]): SeriesFilter {
  return (s) => values.includes(s.attributes[attribute] ?? '');
}

/** Sums of `metric` per group within the window. */
function sums(input: TruthInput, metric: MetricKey, groupBy: readonly string[], where?: SeriesFilter): Map<string, number> {
  const out = new Map<string, number>();
  const filter = and(input.filter, where);
  for (const r of input.truth.reportsIn(input.window)) {
    if (r.series.metric !== metric || !filter(r.series)) continue;
    const key = groupKey(r.series, groupBy, input.config);
    if (key === undefined) continue;
    out.set(key, (out.get(key) ?? 0) + r.amount);
  }
  return out;
}

function total(input: TruthInput, metric: MetricKey, where?: SeriesFilter): number {
  return sums(input, metric, [], where).get('') ?? 0;
}

/** Distinct values of `distinctBy` per group among series of `metrics` that reported within the window. */
function distinctCounts(input: TruthInput, metrics: readonly MetricKey[], distinctBy: readonly string[], groupBy: readonly string[]): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  for (const r of input.truth.reportsIn(input.window)) {
    if (!metrics.includes(r.series.metric) || !input.filter(r.series)) continue;
    const group = groupKey(r.series, groupBy, input.config);
    const item = groupKey(r.series, distinctBy, input.config);
    if (group === undefined || item === undefined) continue;
    const set = seen.get(group) ?? new Set<string>();
    set.add(item);
    seen.set(group, set);
  }
  return new Map([...seen].map(([k, v]) => [k, v.size]));
}

/** Divides two grouped maps (groups present in the numerator's or denominator's keys; 0/0 left out). */
function ratio(numerator: ReadonlyMap<string, number>, denominator: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, d] of denominator) {
    if (d !== 0) out.set(key, (numerator.get(key) ?? 0) / d);
  }
  return out;
}

function single(value: number | undefined): Map<string, number> {
  return value === undefined || !Number.isFinite(value) ? new Map() : new Map([['', value]]);
}

type ExpectationFn = (input: TruthInput) => Expectation;

function grouped(metric: MetricKey, groupBy: readonly string[], tolerance: Tolerance, where?: SeriesFilter): ExpectationFn {
  return (input) => ({ tolerance, groupBy, values: sums(input, metric, groupBy, where) });
}

function scalar(tolerance: Tolerance, value: (input: TruthInput) => number | undefined): ExpectationFn {
  return (input) => ({ tolerance, groupBy: [], values: single(value(input)) });
}

const PROMPT_TYPES = ['input', 'cacheRead', 'cacheCreation'];
const hasModel: SeriesFilter = (s) => (s.attributes.model ?? '') !== '';

/** The truth of every query id our dashboards use. */
export const EXPECTATIONS: Readonly<Record<string, ExpectationFn>> = {
  'cost.total': scalar(TOTAL, (i) => total(i, 'cost')),
  'cost.byModel': grouped('cost', ['model'], TOTAL),
  'cost.byUser': grouped('cost', [IDENTITY], TOTAL),
  'cost.byTerminal': grouped('cost', ['terminal.type'], TOTAL),
  'cost.byQuerySource': grouped('cost', ['query_source'], TOTAL),
  'cost.byEffort': grouped('cost', ['effort'], TOTAL),
  'cost.averagePerDay': scalar(TOTAL, (i) => total(i, 'cost') / ((i.window.to - i.window.from) / 86_400_000)),
  'cost.perActiveHour': scalar(TOTAL, (i) => total(i, 'cost') / (total(i, 'activeTime') / 3600)),
  'cost.per1kOutputTokens': scalar(TOTAL, (i) => total(i, 'cost') / (total(i, 'tokens', attributeIs('type', ['output'])) / 1000)),
  'cost.perCommit': scalar(TOTAL, (i) => total(i, 'cost') / total(i, 'commits')),
  'cost.perPullRequest': scalar(TOTAL, (i) => total(i, 'cost') / total(i, 'pullRequests')),
  'tokens.total': scalar(TOTAL, (i) => total(i, 'tokens')),
  'tokens.byType': grouped('tokens', ['type'], TOTAL),
  'tokens.byModel': grouped('tokens', ['model'], TOTAL),
  'tokens.byModelAndType': grouped('tokens', ['model', 'type'], TOTAL),
  'tokens.byUser': grouped('tokens', [IDENTITY], TOTAL),
  'cache.hitRate': scalar(HIT_RATE, (i) => {
    const prompt = total(i, 'tokens', attributeIs('type', PROMPT_TYPES));
    return prompt === 0 ? undefined : total(i, 'tokens', attributeIs('type', ['cacheRead'])) / prompt;
  }),
  'cache.hitRateByModel': (i) => ({
    tolerance: HIT_RATE,
    groupBy: ['model'],
    values: ratio(sums(i, 'tokens', ['model'], attributeIs('type', ['cacheRead'])), sums(i, 'tokens', ['model'], attributeIs('type', PROMPT_TYPES))),
  }),
  'cache.savingsUsd': scalar(TOTAL, (i) => i.truth.cacheSavings(i.window, i.config.prices, i.filter)),
  'status.rulesLoaded': scalar(COUNT, (i) => (i.rulesLoaded ? 1 : 0)),
  'sessions.count': scalar(COUNT, (i) => distinctCounts(i, ['sessionCount'], ['session.id'], []).get('') ?? 0),
  'sessions.byStartType': (i) => ({ tolerance: COUNT, groupBy: ['start_type'], values: distinctCounts(i, ['sessionCount'], ['session.id'], ['start_type']) }),
  'sessions.byTerminal': (i) => ({ tolerance: COUNT, groupBy: ['terminal.type'], values: distinctCounts(i, ['sessionCount'], ['session.id'], ['terminal.type']) }),
  'users.active': scalar(COUNT, (i) => distinctCounts(i, ['sessionCount', 'cost'], [IDENTITY], []).get('') ?? 0),
  'users.sessions': (i) => ({ tolerance: COUNT, groupBy: [IDENTITY], values: distinctCounts(i, ['sessionCount'], ['session.id'], [IDENTITY]) }),
  'users.activeHours': grouped('activeTime', [IDENTITY], TOTAL),
  'users.linesAdded': grouped('linesOfCode', [IDENTITY], COUNT, attributeIs('type', ['added'])),
  'users.commits': grouped('commits', [IDENTITY], COUNT),
  'users.pullRequests': grouped('pullRequests', [IDENTITY], COUNT),
  'users.costPerSession': (i) => ({
    tolerance: TOTAL,
    groupBy: [IDENTITY],
    values: ratio(sums(i, 'cost', [IDENTITY]), distinctCounts(i, ['sessionCount'], ['session.id'], [IDENTITY])),
  }),
  'activeTime.total': scalar(TOTAL, (i) => total(i, 'activeTime')),
  'activeTime.byType': grouped('activeTime', ['type'], TOTAL),
  'activeTime.cliPerUserTime': scalar(TOTAL, (i) => {
    const user = total(i, 'activeTime', attributeIs('type', ['user']));
    return user === 0 ? undefined : total(i, 'activeTime', attributeIs('type', ['cli'])) / user;
  }),
  'lines.byType': grouped('linesOfCode', ['type'], COUNT),
  'commits.total': scalar(COUNT, (i) => total(i, 'commits')),
  'pullRequests.total': scalar(COUNT, (i) => total(i, 'pullRequests')),
  'edits.byDecision': grouped('editDecisions', ['decision'], COUNT),
  'edits.byTool': grouped('editDecisions', ['tool_name', 'decision'], COUNT),
  'edits.acceptRate': scalar(EXACT_RATIO, (i) => {
    const all = total(i, 'editDecisions');
    return all === 0 ? undefined : total(i, 'editDecisions', attributeIs('decision', ['accept'])) / all;
  }),
  // Range (time-series) queries: what the per-step points add up to over the graph.
  'trends.costRate': grouped('cost', [], TOTAL),
  'trends.costRateByModel': grouped('cost', ['model'], TOTAL, hasModel),
  'trends.costRateByUser': grouped('cost', [IDENTITY], TOTAL),
  'trends.tokenRateByType': grouped('tokens', ['type'], TOTAL),
  'trends.linesRateByType': grouped('linesOfCode', ['type'], COUNT),
  // The session details table (its own truth module).
  ...SESSION_TABLE_TRUTH,
  // Cost and sessions by OS, architecture and version (resource attributes; their own truth module).
  ...PLATFORM_TRUTH,
  // The worked example dashboard's own query.
  'example.costByModelAndSource': grouped('cost', ['model', 'query_source'], TOTAL),
  // The activity dashboard's event metrics: the standard workload has no events (their own suite,
  // test/accuracy/events-in-engine.test.ts, checks them against an event workload).
  ...Object.fromEntries(Object.entries({ ...EVENT_TRUTH, ...EVENT_TREND_TRUTH }).map(([id, truth]) => [id, (i: TruthInput) => noEvents(truth([], i.window.to - i.window.from))])),
};

/** An event truth over no events, as an expectation. */
function noEvents(truth: ReturnType<(typeof EVENT_TRUTH)[string]>): Expectation {
  return { tolerance: truth.kind === 'count' ? COUNT : EXACT_RATIO, groupBy: truth.groupBy, values: truth.values };
}

/** Range queries return per-hour rates per step; their points are scaled back to amounts per step. */
export const PER_HOUR_QUERIES: ReadonlySet<string> = new Set([
  'trends.costRate',
  'trends.costRateByModel',
  'trends.costRateByUser',
  'trends.tokenRateByType',
  'trends.linesRateByType',
]);
