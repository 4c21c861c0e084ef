/**
 * Evaluates every target of every built dashboard in a real Prometheus, the way Grafana would send it
 * (grafana-macros.ts), at each window and variable selection, and compares it with the ground truth
 * (expectations.ts). Shared by the test suite and `npm run verify`.
 */
import { allPanels, type BuiltDashboard, type TargetInfo } from '../../dashboards/index.js';
import { IDENTITY_ATTRIBUTES, type Config } from '../../queries/config.js';
import { identityLabel, label, type QueryContext } from '../../queries/context.js';
import { overviewVariables, userVariables } from '../../dashboards/variables.js';
import { QUERIES } from '../../queries/library/index.js';
import type { NamingScheme } from '../../queries/naming.js';
import { render } from '../../queries/promql/render.js';
import type { GroundTruth, SeriesFilter } from '../synthetic/truth.js';
import type { ScenarioName, SyntheticUsage } from '../synthetic/types.js';
import { EXPECTATIONS, GROUP_SEPARATOR, IDENTITY, PER_HOUR_QUERIES, identityOf, type Expectation } from './expectations.js';
import {
  alignedRange,
  grafanaIntervals,
  interpolateExpression,
  type GrafanaIntervals,
  type VariableSelection,
} from './grafana-macros.js';
import { queryInstant, queryRange, type ResultSeries } from './prometheus-api.js';
import { describeError, describeTolerance, measureError, withinTolerance, type Tolerance } from './tolerance.js';
import { inParallel } from '../dev/in-parallel.js';
import { resolveHiddenVariables } from './query-variables.js';
import { ruleLagMs, trendGaps } from './trend-steps.js';

/** An evaluation window (the dashboard time range). */
export interface WindowSpec {
  readonly name: string;
  readonly ms: number;
}

export const WINDOWS: readonly WindowSpec[] = [
  { name: '1h', ms: 3_600_000 },
  { name: '24h', ms: 86_400_000 },
  { name: '7d', ms: 7 * 86_400_000 },
];

/** Grafana's maxDataPoints defaults to the panel width in pixels; we assume a 1850 px wide dashboard grid. */
export const DASHBOARD_WIDTH_PX = 1850;

/**
 * The dashboard's "now" is this many ms after the workload's end (a scrape time, and a rule evaluation).
 *
 * Grafana sends "now" with millisecond precision; the rule samples sit on the scrape grid. A range window
 * `[W]` evaluated at t covers [t − W, t] on Prometheus 2.x (both ends closed) and (t − W, t] on 3.x (left
 * end open), so the two engines disagree exactly when a rule sample lies at t − W, which in real use (a
 * "now" that falls on a scrape timestamp to the millisecond) is a measure-zero case. Evaluating the
 * instant targets at end + 1 ms keeps clear of it: both engines then count exactly the rule samples in
 * (end + 1 ms − W, end + 1 ms], i.e. the scrapes in (end − W, end], which show exactly the exports in
 * (end − W, end] (exports never fall on the grid, see scripts/synthetic/pipeline.ts): the ground-truth
 * window. Range targets are aligned down to the step by Grafana (start and end), so a graph covers
 * (aligned start, end] whatever the millisecond, and is compared with the truth over that span.
 */
export const NOW_AFTER_END_MS = 1;

/** A selection of the dashboard variables, and the series it means in the ground truth. */
export interface Selection {
  /** `all` or the scenario the selected user isolates. */
  readonly scenario: ScenarioName | 'all';
  readonly description: string;
  readonly variables: Readonly<Record<string, VariableSelection>>;
  readonly filter: SeriesFilter;
}

/** One compared number. */
export interface AccuracyRow {
  readonly engine: string;
  readonly naming: NamingScheme;
  readonly dashboard: string;
  readonly panel: string;
  readonly panelId: number;
  readonly refId: string;
  readonly queryId: string;
  readonly formulation: 'ours' | 'naive';
  readonly scenario: string;
  readonly window: string;
  /** The group shown in truth/shown (the worst one), `` for single numbers. */
  readonly group: string;
  readonly truth: number;
  readonly shown: number;
  readonly error: string;
  readonly errorValue: number;
  readonly tolerance: string;
  readonly pass: boolean;
  /** Every group outside the tolerance, as text. */
  readonly misses: readonly string[];
  readonly expr: string;
  readonly stepSeconds: number;
}

/** What to evaluate. */
export interface EvaluationRun {
  readonly engine: string;
  readonly baseUrl: string;
  readonly config: Config;
  /** Whether the recording rules ran over the data (default true); false evaluates the raw fallback. */
  readonly rulesLoaded?: boolean;
  readonly usage: SyntheticUsage;
  readonly truth: GroundTruth;
  readonly dashboards: readonly BuiltDashboard[];
  readonly windows: readonly WindowSpec[];
  /** Also evaluate the naive formulation of each library query. */
  readonly naive: boolean;
  /** Limit the variable selections (e.g. only "all") to keep a run short. */
  readonly scenarios?: readonly (ScenarioName | 'all')[];
  readonly concurrency?: number;
}

interface TemplatingVariable {
  readonly name: string;
  readonly includeAll?: boolean;
  readonly allValue?: string;
  readonly query?: unknown;
}

/**
 * Whether the dashboard's user variable offers every identity the overview shows, fallbacks included
 * (the per-user dashboard's `query_result` variable, dashboards/variables.ts), rather than the values of
 * the identity label.
 */
function offersShownIdentities(userVar: TemplatingVariable | undefined): boolean {
  return typeof userVar?.query === 'string' && userVar.query.startsWith('query_result(');
}

function templating(json: Record<string, unknown>): TemplatingVariable[] {
  const list = ((json['templating'] as { list?: TemplatingVariable[] } | undefined)?.list ?? []) as TemplatingVariable[];
  return list.filter((v) => v.name !== 'datasource');
}

/**
 * The variable selections evaluated on a dashboard: All (when offered) and each scenario user.
 *
 * The overview's `$user` variable lists and filters by the identity label (`user_email=~"$user"`).
 * Users without that label (API-key users) are counted under "All" and appear in the users table as
 * `<fallback>:<id>` (e.g. `user_id:…`), but it never offers them as a value, so there single-user
 * selections are evaluated only for users that have the identity label. The per-user dashboard offers
 * every identity the overview shows, so there the API-key scenario user (`print`) is selected by its
 * `user_id:<install id>` too, and must show that install id's sessions only.
 */
export function selectionsFor(json: Record<string, unknown>, usage: SyntheticUsage, config: Config): Selection[] {
  const vars = templating(json);
  const allOf = (v: TemplatingVariable): VariableSelection => ({ all: true, allValue: v.allValue ?? '.*' });
  const out: Selection[] = [];
  const userVar = vars.find((v) => v.name === 'user');
  if (!userVar || userVar.includeAll) {
    out.push({
      scenario: 'all',
      description: 'every variable set to All',
      variables: Object.fromEntries(vars.map((v) => [v.name, allOf(v)])),
      filter: () => true,
    });
  }
  if (userVar) {
    for (const user of usage.users) {
      if (!user.scenario) continue;
      const own = identityAttributes(user)[IDENTITY_ATTRIBUTES[config.identity]];
      if (!own && !offersShownIdentities(userVar)) continue;
      const session = usage.sessions.find((s) => s.user === user);
      if (!session) continue;
      const value = identityOf({ key: '', metric: 'cost', attributes: identityAttributes(user), session }, config);
      if (value === '') continue;
      out.push({
        scenario: user.scenario,
        description: `user = ${value}`,
        variables: Object.fromEntries(vars.map((v) => [v.name, v.name === 'user' ? { values: [value] } : allOf(v)])),
        filter: (s) => s.session.user === user,
      });
    }
  }
  return out;
}

function identityAttributes(user: SyntheticUsage['users'][number]): Record<string, string> {
  const a: Record<string, string> = { 'user.id': user.userId };
  if (user.email !== undefined) a['user.email'] = user.email;
  if (user.accountUuid !== undefined) a['user.account_uuid'] = user.accountUuid;
  return a;
}

/** Result label names of an expectation's groups under the configuration's naming. */
function groupLabels(expectation: Expectation, ctx: QueryContext): string[] {
  return expectation.groupBy.map((a) => (a === IDENTITY ? identityLabel(ctx) : label(ctx, a)));
}

/** Shown values per group key; range results are summed over the points inside (start, end]. */
function shownValues(results: readonly ResultSeries[], labels: readonly string[], scale: number, afterMs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const series of results) {
    const key = labels.map((l) => series.labels[l] ?? '').join(GROUP_SEPARATOR);
    let value = 0;
    for (const [t, v] of series.points) if (t * 1000 > afterMs) value += v * scale;
    out.set(key, (out.get(key) ?? 0) + value);
  }
  return out;
}

interface Comparison {
  readonly group: string;
  readonly truth: number;
  readonly shown: number;
  readonly pass: boolean;
  readonly misses: string[];
  readonly errorValue: number;
  readonly error: string;
}

/** Compares shown groups with the expected ones; for top-k panels only the truth's k largest are expected. */
function compare(expectation: Expectation, shown: ReadonlyMap<string, number>, topk: number | undefined, strictExtras: boolean): Comparison {
  const tolerance: Tolerance = expectation.tolerance;
  let expected = new Map(expectation.values);
  if (topk !== undefined) {
    expected = new Map([...expected].sort((a, b) => b[1] - a[1]).slice(0, topk));
  }
  const keys = new Set([...expected.keys(), ...(strictExtras ? shown.keys() : [])]);
  const misses: string[] = [];
  let worst: Comparison | undefined;
  const scalarShown = expectation.groupBy.length === 0 ? [...shown.values()].reduce((a, b) => a + b, 0) : undefined;
  for (const key of keys) {
    const truth = expected.get(key);
    const value = scalarShown ?? shown.get(key);
    const group = key.split(GROUP_SEPARATOR).join(', ');
    if (truth === undefined) {
      // Nothing expected (no reports, or an undefined ratio): the panel may show nothing, 0, NaN or Inf.
      if (value === undefined || value === 0 || !Number.isFinite(value)) continue;
      misses.push(`${group || '(value)'}: truth none, shown ${value}`);
      const c = { group, truth: 0, shown: value, pass: false, misses, errorValue: Number.POSITIVE_INFINITY, error: 'unexpected' };
      if (!worst || worst.pass) worst = c;
      continue;
    }
    const v = value ?? 0;
    const ok = withinTolerance(tolerance, truth, v);
    const errorValue = measureError(tolerance, truth, v);
    if (!ok) misses.push(`${group || '(value)'}: truth ${truth}, shown ${value ?? 'nothing'} (${describeError(tolerance, truth, v)})`);
    if (!worst || (worst.pass && !ok) || (worst.pass === ok && errorValue > worst.errorValue)) {
      worst = { group, truth, shown: v, pass: ok, misses, errorValue, error: describeError(tolerance, truth, v) };
    }
  }
  if (scalarShown !== undefined && expected.size === 0 && keys.size === 0) {
    return { group: '', truth: Number.NaN, shown: scalarShown, pass: true, misses, errorValue: 0, error: 'no value' };
  }
  const result = worst ?? { group: '', truth: 0, shown: 0, pass: true, misses, errorValue: 0, error: '0' };
  return { ...result, pass: misses.length === 0, misses };
}

/** The context a dashboard's targets were built in: filters for the variables it has. */
function dashboardContext(config: Config, json: Record<string, unknown>): QueryContext {
  const vars = templating(json);
  const names = new Set(vars.map((v) => v.name));
  const all = overviewVariables(config).filters;
  const shown = offersShownIdentities(vars.find((v) => v.name === 'user')) ? userVariables(config).filters.shownIdentity : undefined;
  const team = Object.fromEntries(Object.entries(all.team ?? {}).filter(([, v]) => names.has(v.name)));
  return {
    config,
    filters: {
      ...(shown ? { shownIdentity: shown } : names.has('user') && all.identity ? { identity: all.identity } : {}),
      ...(names.has('model') && all.model ? { model: all.model } : {}),
      ...(names.has('terminal') && all.terminal ? { terminal: all.terminal } : {}),
      ...(Object.keys(team).length ? { team } : {}),
    },
  };
}

/** How far the numbers lag the data: the rules' delay, or nothing for the raw fallback. */
function lagOf(run: EvaluationRun): number {
  return run.rulesLoaded === false ? 0 : ruleLagMs(run.config);
}

/** A memo of engine answers, shared by every target of a run. */
type Cached = <T>(key: string, fetcher: () => Promise<T>) => Promise<T>;

/** Evaluates a run; one row per target × window × selection × formulation. */
export async function evaluateRun(run: EvaluationRun): Promise<AccuracyRow[]> {
  const cache = new Map<string, Promise<unknown>>();
  const fetchCached: Cached = <T>(key: string, fetcher: () => Promise<T>): Promise<T> => {
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fetcher();
      cache.set(key, p);
    }
    return p;
  };
  const now = run.usage.end + lagOf(run) + NOW_AFTER_END_MS;
  const tasks: (() => Promise<AccuracyRow>)[] = [];
  for (const dashboard of run.dashboards) {
    const ctx = dashboardContext(run.config, dashboard.json);
    const widths = new Map(allPanels(dashboard.json).map((p) => [p.id, ((p['gridPos'] as { w?: number } | undefined)?.w ?? 24) as number]));
    const selections = selectionsFor(dashboard.json, run.usage, run.config).filter((s) => !run.scenarios || run.scenarios.includes(s.scenario));
    for (const target of dashboard.targets) {
      // Without the rules, graph steps each show their own last life (suites.ts, `rules`): instants only.
      if (run.rulesLoaded === false && !target.instant) continue;
      const definition = QUERIES.find((q) => q.id === target.queryId);
      for (const window of run.windows) {
        const maxDataPoints = target.maxDataPoints ?? Math.round(((widths.get(target.panelId) ?? 24) / 24) * DASHBOARD_WIDTH_PX);
        const intervals = grafanaIntervals({
          fromMs: now - window.ms,
          toMs: now,
          maxDataPoints,
          minInterval: target.interval,
          // The data source's scrape interval (`timeInterval`) is the one the rules run at.
          scrapeInterval: run.config.scrapeInterval,
        });
        for (const selection of selections) {
          const formulations: ('ours' | 'naive')[] = run.naive && definition ? ['ours', 'naive'] : ['ours'];
          for (const formulation of formulations) {
            const rawExpr = formulation === 'ours' ? target.expr : render((definition as (typeof QUERIES)[number]).naive(ctx));
            tasks.push(() => evaluateTarget(run, dashboard, target, window, selection, formulation, rawExpr, intervals, ctx, fetchCached));
          }
        }
      }
    }
  }
  return inParallel(tasks, run.concurrency ?? 2);
}

async function evaluateTarget(
  run: EvaluationRun,
  dashboard: BuiltDashboard,
  target: TargetInfo,
  window: WindowSpec,
  selection: Selection,
  formulation: 'ours' | 'naive',
  rawExpr: string,
  intervals: GrafanaIntervals,
  ctx: QueryContext,
  fetchCached: Cached,
): Promise<AccuracyRow> {
  const end = run.usage.end;
  const lag = lagOf(run);
  const now = end + lag + NOW_AFTER_END_MS;
  // Hidden variables that the dashboard sets from Prometheus (the fallback switch), as Grafana would.
  const hidden = await fetchCached(`v|${dashboard.uid}|${window.name}`, () => resolveHiddenVariables(dashboard.json, run.baseUrl, intervals, now));
  const expr = interpolateExpression(rawExpr, intervals, { ...selection.variables, ...hidden });
  const base = {
    engine: run.engine,
    naming: run.config.naming,
    dashboard: dashboard.title,
    panel: target.panelTitle,
    panelId: target.panelId,
    refId: target.refId,
    queryId: target.queryId,
    formulation,
    scenario: selection.scenario,
    window: window.name,
    expr,
    stepSeconds: intervals.stepMs / 1000,
  };
  const expectationFn = EXPECTATIONS[target.queryId];
  if (!expectationFn) {
    return {
      ...base, group: '', truth: Number.NaN, shown: Number.NaN, error: 'no truth mapping', errorValue: Number.POSITIVE_INFINITY,
      tolerance: '—', pass: false, misses: [`query id "${target.queryId}" has no truth mapping in scripts/accuracy/expectations.ts`],
    };
  }
  let results: ResultSeries[];
  // Instant targets at `now` = end + lag + 1 ms count the rule samples of the scrapes in (end − W, end].
  let truthWindow = { from: end - window.ms, to: end };
  let afterMs = Number.NEGATIVE_INFINITY;
  let scale = 1;
  let gaps: string[] = [];
  if (target.instant) {
    results = await fetchCached(`i|${expr}|${now}`, () => queryInstant(run.baseUrl, expr, now));
  } else {
    const { startMs, endMs } = alignedRange(now - window.ms, now, intervals.stepMs);
    results = await fetchCached(`r|${expr}|${startMs}|${endMs}|${intervals.stepMs}`, () =>
      queryRange(run.baseUrl, expr, startMs, endMs, intervals.stepMs),
    );
    // The point at `startMs` covers the step before it; the points after it cover (startMs, endMs] of the
    // rules' time, which is (startMs − lag, endMs − lag] of the data.
    truthWindow = { from: startMs - lag, to: endMs - lag };
    afterMs = startMs;
    if (PER_HOUR_QUERIES.has(target.queryId)) {
      scale = intervals.stepMs / 3_600_000;
      gaps = formulation === 'ours' ? trendGaps(results, startMs, endMs, intervals.stepMs) : [];
    }
  }
  const expectation = expectationFn({ truth: run.truth, window: truthWindow, filter: selection.filter, config: run.config, rulesLoaded: run.rulesLoaded ?? true });
  const shown = shownValues(results, groupLabels(expectation, ctx), scale, afterMs);
  const c = compare(expectation, shown, target.topk, formulation === 'ours');
  const misses = [...c.misses, ...gaps];
  return { ...base, group: c.group, truth: c.truth, shown: c.shown, error: c.error, errorValue: c.errorValue, tolerance: describeTolerance(expectation.tolerance), pass: misses.length === 0, misses };
}
