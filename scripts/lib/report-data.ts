/**
 * The numbers of `claude-code-dashboards report`: the library's own queries (the ones the panels run,
 * never copies), evaluated by a Prometheus for one period and the one before it. A period is read at
 * `to + evaluationDelay` (the recording rules lag the data by that much), as a dashboard whose range
 * ends at `to` shows it once the rules have caught up, so the report equals the panels.
 */
import { countingTiming, type Config } from '../../queries/config.js';
import { parseDuration } from '../../queries/duration.js';
import { unfiltered } from '../../queries/context.js';
import { FALLBACK_VARIABLE, fallbackSwitchExpr } from '../../queries/fallback.js';
import { QUERIES } from '../../queries/library/index.js';
import type { QueryDefinition } from '../../queries/library/definition.js';
import { render } from '../../queries/promql/render.js';

/** The report's sections: which library queries, in order. */
export const REPORT_SECTIONS: readonly { readonly title: string; readonly ids: readonly string[] }[] = [
  {
    title: 'Summary',
    ids: ['cost.total', 'tokens.total', 'cache.hitRate', 'cache.savingsUsd', 'sessions.count', 'users.active', 'commits.total', 'pullRequests.total', 'cost.perCommit', 'cost.perPullRequest', 'edits.acceptRate'],
  },
  { title: 'Tokens by type', ids: ['tokens.byType'] },
  { title: 'Lines of code by type', ids: ['lines.byType'] },
  { title: 'Cost by model', ids: ['cost.byModel'] },
  { title: 'Cost by user', ids: ['cost.byUser'] },
];

/** One evaluated query: a single number (`groups` has one entry with key '') or one per group. */
export interface ReportValue {
  readonly id: string;
  readonly title: string;
  readonly measure: QueryDefinition['measure'];
  readonly groupBy: readonly string[];
  /** Group key (label values joined by " / ", '' for a single number) → value this period and the previous one. */
  readonly groups: ReadonlyMap<string, { readonly now: number; readonly before: number | undefined }>;
}

/** Evaluates one instant PromQL expression at a time (ms); returns [labels, value] pairs. */
export type Evaluate = (expr: string, atMs: number) => Promise<{ labels: Record<string, string>; value: number }[]>;

/** A period to report on. */
export interface Period {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Grafana's range macros filled in for a range of `seconds`, as the data source does for a panel. */
function withRange(text: string, seconds: number): string {
  return text
    .replaceAll('$__range_ms', String(seconds * 1000))
    .replaceAll('$__range_s', String(seconds))
    .replaceAll('${__range}', `${seconds}s`)
    .replaceAll('$__range', `${seconds}s`);
}

/** The library query with Grafana's range macros and the fallback switch filled in, as a panel sends it. */
export function reportExpr(q: QueryDefinition, config: Config, rangeSeconds: number, fallback: string): string {
  return withRange(render(q.build(unfiltered(config))), rangeSeconds).replaceAll(`$${FALLBACK_VARIABLE}`, fallback);
}

/**
 * When to evaluate a period: its end plus the rules' delay and 1 ms, never in the future. The extra
 * millisecond puts the rule sample of data scraped exactly at `from` outside the window on both
 * Prometheus majors (2.x range windows include their left end): the period is the data in (from, to].
 */
export function evaluationTime(period: Period, config: Config, nowMs: number): number {
  return Math.min(period.toMs + parseDuration(countingTiming(config).delay) + 1, nowMs);
}

/** Whether the recording rules ran in the period (else the panels' raw fallback is what they show). */
export async function fallbackFor(evaluate: Evaluate, rangeSeconds: number, atMs: number): Promise<string> {
  const [first] = await evaluate(withRange(render(fallbackSwitchExpr()), rangeSeconds), atMs);
  return first?.labels[FALLBACK_VARIABLE] ?? '.*';
}

function byId(id: string): QueryDefinition {
  const q = QUERIES.find((x) => x.id === id);
  if (!q) throw new Error(`report: no library query "${id}"`);
  return q;
}

const keyOf = (labels: Record<string, string>, groupBy: readonly string[]): string => groupBy.map((l) => labels[l] ?? '').join(' / ');

/** Evaluates every report query for `period` and the one before it; `progress` is told after each query. */
export async function collectReport(evaluate: Evaluate, config: Config, period: Period, nowMs: number, progress: (done: number, total: number) => void = () => undefined): Promise<{ values: ReportValue[]; rulesLoaded: boolean; atMs: number }> {
  const seconds = Math.round((period.toMs - period.fromMs) / 1000);
  const atMs = evaluationTime(period, config, nowMs);
  const fallback = await fallbackFor(evaluate, seconds, atMs);
  const ids = REPORT_SECTIONS.flatMap((s) => s.ids);
  const values: ReportValue[] = [];
  for (const [i, id] of ids.entries()) {
    const q = byId(id);
    const groupBy = q.groupBy(unfiltered(config));
    const expr = reportExpr(q, config, seconds, fallback);
    const [now, before] = await Promise.all([evaluate(expr, atMs), evaluate(expr, atMs - seconds * 1000)]);
    const groups = new Map<string, { now: number; before: number | undefined }>();
    for (const r of now) groups.set(keyOf(r.labels, groupBy), { now: r.value, before: undefined });
    for (const r of before) {
      const key = keyOf(r.labels, groupBy);
      groups.set(key, { now: groups.get(key)?.now ?? 0, before: r.value });
    }
    values.push({ id, title: q.title, measure: q.measure, groupBy, groups });
    progress(i + 1, ids.length);
  }
  return { values, rulesLoaded: fallback === 'none', atMs };
}
