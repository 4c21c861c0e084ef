/**
 * One size of the dashboard benchmark: the organisation simulated and written as blocks (raw alone, and
 * with the rules' series), two Prometheus servers per engine opened on them, the last hours fed into
 * their heads, what they hold checked (checks.ts), the TSDB measured, and every stock dashboard opened
 * at each range, ours on the server with the rules and the naive formulas on the one without.
 * Every server and directory made here is removed again.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../../queries/config.js';
import { identityLabel } from '../../../queries/context.js';
import { RULES_LOADED_SERIES } from '../../../queries/fallback.js';
import type { Engine } from '../../accuracy/engines.js';
import { queryInstant } from '../../accuracy/prometheus-api.js';
import { ruleLagMs } from '../../accuracy/trend-steps.js';
import { checkRules, countProblems, type RuleCheck } from './checks.js';
import { loadDashboard, type DashboardLoad } from './dashboard-load.js';
import { stockDashboards, variableSelection, type Formulation } from './grafana-requests.js';
import { DAY_MS, HOUR_MS } from './layout.js';
import { Organisation, type Totals } from './organisation.js';
import { ruleNames } from './rules-model.js';
import { rssBytes, startPairs, tsdbUsage, type ServerPair, type TsdbUsage } from './servers.js';

/** The dashboard ranges measured. */
export const WINDOWS: readonly { readonly name: string; readonly ms: number }[] = [
  { name: '24h', ms: DAY_MS },
  { name: '7d', ms: 7 * DAY_MS },
  { name: '30d', ms: 30 * DAY_MS },
];

/** One dashboard opened at one range in one formulation. */
export interface LoadRow {
  readonly dashboard: string;
  readonly window: string;
  readonly formulation: Formulation;
  readonly load: DashboardLoad;
}

/** What one engine measured at one size. */
export interface EngineSize {
  readonly engine: Engine;
  readonly usage: { readonly raw: TsdbUsage; readonly full: TsdbUsage };
  readonly problems: readonly string[];
  readonly rules: RuleCheck;
  readonly loads: readonly LoadRow[];
  /** Resident memory of the two servers after the dashboards were opened. */
  readonly rssAfter: { readonly raw: number; readonly full: number };
}

/** What one size measured. */
export interface SizeRun {
  readonly users: number;
  readonly days: number;
  readonly totals: Totals;
  readonly generateSeconds: number;
  readonly headSeconds: number;
  readonly user: string;
  readonly engines: readonly EngineSize[];
}

/** The user with the highest cost over the history: the user dashboard's selection. */
async function busiestUser(baseUrl: string, config: Config, days: number, atMs: number): Promise<string> {
  const labelName = identityLabel({ config, filters: {} });
  const query = `topk(1, sum by (${labelName}) (sum_over_time(claude_code:cost_usd:reported_increments{${labelName}!=""}[${days}d])))`;
  const [top] = await queryInstant(baseUrl, query, atMs);
  const user = top?.labels[labelName];
  if (!user) throw new Error('the organisation has no user with a cost');
  return user;
}

/** The checks and measurements of one engine's pair of servers. */
async function measureEngine(pair: ServerPair, org: Organisation, config: Config, user: string, runs: number, log: (line: string) => void): Promise<EngineSize> {
  const nowMs = org.endMs + ruleLagMs(config) + 1;
  const raws = ruleNames(config);
  const byName = new Map([...org.totals.byName].map(([name, c]) => [name, c.n] as const));
  const problems = [
    ...(await countProblems(pair.raw, new Map([...byName].filter(([n]) => raws.has(n))), org.startMs, nowMs)).map((p) => `without rules: ${p}`),
    ...(await countProblems(pair.full, new Map([...byName, [RULES_LOADED_SERIES, org.totals.heartbeatSamples]]), org.startMs, nowMs)).map((p) => `with rules: ${p}`),
  ];
  const rules = await checkRules(pair.full, config, org.endMs - HOUR_MS);
  log(`  ${org.users} users × ${org.days} d, Prometheus ${pair.engine.version}: ${problems.length === 0 ? 'every sample held' : problems.join('; ')}, rules ${rules.compared - rules.mismatched}/${rules.compared} as the engine evaluates them`);
  const usage = { raw: await tsdbUsage(pair.raw), full: await tsdbUsage(pair.full) };
  const loads: LoadRow[] = [];
  for (const dashboard of stockDashboards(config)) {
    const selection = variableSelection(dashboard.built.json, user);
    for (const window of WINDOWS) {
      for (const formulation of ['ours', 'naive'] as const) {
        const server = formulation === 'ours' ? pair.full : pair.raw;
        const load = await loadDashboard(server.baseUrl, dashboard, formulation, { windowMs: window.ms, nowMs, runs }, selection);
        loads.push({ dashboard: dashboard.built.title, window: window.name, formulation, load });
        log(`    ${dashboard.built.uid} ${window.name} ${formulation}: ${load.wallSeconds.toFixed(2)} s, ${load.samples.toLocaleString('en-US')} samples`);
      }
    }
  }
  return { engine: pair.engine, usage, problems, rules, loads, rssAfter: { raw: await rssBytes(pair.raw), full: await rssBytes(pair.full) } };
}

/** Measures one size on every engine. */
export async function measureSize(engines: readonly Engine[], size: { users: number; days: number }, config: Config, runs: number, log: (line: string) => void): Promise<SizeRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ccd-bench-dashboards-'));
  let pairs: ServerPair[] = [];
  try {
    const [rawDir, fullDir] = [join(dir, 'raw'), join(dir, 'full')];
    mkdirSync(rawDir);
    mkdirSync(fullDir);
    const org = new Organisation(size.users, size.days, Math.floor(Date.now() / 15_000) * 15_000, config);
    const t0 = performance.now();
    org.writeBlocks(rawDir, fullDir, log);
    const generateSeconds = (performance.now() - t0) / 1000;
    log(`  ${size.users} users × ${size.days} d: ${org.totals.rawBlocks.length} blocks written in ${generateSeconds.toFixed(0)} s`);
    pairs = await startPairs(engines, rawDir, fullDir);
    rmSync(dir, { recursive: true, force: true });
    const t1 = performance.now();
    await org.fillHeads(pairs.map((p) => p.raw.baseUrl), pairs.map((p) => p.full.baseUrl));
    const headSeconds = (performance.now() - t1) / 1000;
    const first = pairs[0] as ServerPair;
    const user = await busiestUser(first.full.baseUrl, config, size.days, org.endMs);
    const measured: EngineSize[] = [];
    for (const pair of pairs) measured.push(await measureEngine(pair, org, config, user, runs, log));
    return { users: size.users, days: size.days, totals: org.totals, generateSeconds, headSeconds, user, engines: measured };
  } finally {
    for (const p of pairs) {
      await p.raw.stop();
      await p.full.stop();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
