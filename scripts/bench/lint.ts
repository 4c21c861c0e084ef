/**
 * Lint benchmark: dashboards per second through the whole linter (parse, schema, every rule, line
 * numbers), in process on one core (the linter is single-threaded), and the time of schema validation
 * alone. Two corpora, generated in memory and deterministic:
 * - 1,200 hand-written-style dashboards (6–30 panels of one or two short queries, as in the public Claude
 *   Code dashboards), every query text distinct so nothing is served from the parse cache;
 * - our own generated dashboards (40+ long exact-counter queries each, ~100 KB) under 48 configurations
 *   (naming scheme × identity × team labels), each linted with its matching lint config.
 * - 300 real-sized dashboards (scripts/bench/lint/corpus.ts: ~49 KB on average, long-tailed sizes, full
 *   fieldConfig and options per panel, PromQL targets), the mix the targets are about.
 * Also the CLI's start-up time (`--help`, median of 3). Targets: at least 500 real-sized dashboards/s
 * per core, start-up under 300 ms.
 */
import { buildDashboards } from '../../dashboards/index.js';
import { lintSources, parseLintConfig, type LintConfig, type LintSource } from '../../dashboards/lint/index.js';
import { validateDashboard, warmUpValidator } from '../../dashboards/schema/validate.js';
import { resolveConfig } from '../../queries/config.js';
import { metricName, NAMING_SCHEMES } from '../../queries/naming.js';
import { median, type BenchResult } from './stats.js';
import { mulberry32 as prng } from '../dev/prng.js';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { realisticCorpus } from './lint/corpus.js';

const HAND_WRITTEN = 600;
/** Real-sized dashboards (about 49 KB on average, ~20 panels with full fieldConfig/options and PromQL). */
const REALISTIC = 300;
const BATCH = 100;
const encoder = new TextEncoder();


const PANEL_TYPES = ['stat', 'timeseries', 'table', 'piechart', 'bargauge', 'gauge'] as const;
const WINDOWS = ['$__range', '$__range', '$__rate_interval', '1h', '30d', '5m'];

/** Typical queries of hand-written Claude Code dashboards, with a team filter to make each text distinct. */
function typicalQuery(r: () => number, team: string): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const cost = metricName('otel-collector', 'cost');
  const tokens = metricName('otel-collector', 'tokens');
  const w = pick(WINDOWS);
  const f = `team_id="${team}"`;
  return pick([
    `sum(increase(${cost}{${f}}[${w}]))`,
    `sum by (model) (increase(${cost}{${f}}[${w}]))`,
    `sum by (type) (rate(${tokens}{${f}}[${w}])) * 3600`,
    `count(count by (session_id) (last_over_time(${metricName('otel-collector', 'sessionCount')}{${f}}[$__range])))`,
    `sum(increase(${tokens}{${f}, type="cacheRead"}[$__range])) / sum(increase(${tokens}{${f}, type=~"input|cacheRead|cacheCreation"}[$__range]))`,
    `sum by (user_email) (increase(${cost}{${f}}[$__range]))`,
    `topk(10, sum by (session_id) (increase(${cost}{${f}}[$__range])))`,
    `sum(increase(${metricName('otel-collector', 'commits')}{${f}}[${w}])) or vector(0)`,
  ]);
}

function handWrittenDashboard(i: number, r: () => number): unknown {
  const panels: unknown[] = [];
  const count = 6 + Math.floor(r() * 25);
  let y = 0;
  for (let p = 0; p < count; p++) {
    const w = [6, 8, 12, 24][Math.floor(r() * 4)] as number;
    const x = (p * 6) % 24 <= 24 - w ? (p * 6) % 24 : 0;
    if (x === 0 && p > 0) y += 8;
    const targets = Array.from({ length: 1 + Math.floor(r() * 2) }, (_, t) => ({
      refId: String.fromCharCode(65 + t),
      datasource: { type: 'prometheus', uid: '${datasource}' },
      expr: typicalQuery(r, `team-${i}-${p}-${t}`),
    }));
    panels.push({
      id: p + 1,
      type: PANEL_TYPES[Math.floor(r() * PANEL_TYPES.length)],
      title: `Panel ${p + 1}`,
      description: r() < 0.7 ? `What panel ${p + 1} shows.` : undefined,
      gridPos: { x, y, w, h: 8 },
      datasource: { type: 'prometheus', uid: '${datasource}' },
      fieldConfig: { defaults: { unit: r() < 0.9 ? 'currencyUSD' : 'USD' }, overrides: [] },
      targets,
    });
  }
  return {
    uid: `bench-${i}`,
    title: `Bench dashboard ${i}`,
    editable: r() < 0.5,
    schemaVersion: 39,
    time: { from: 'now-7d', to: 'now' },
    templating: { list: [{ type: 'datasource', name: 'datasource', query: 'prometheus', refresh: 1, hide: 0, options: [] }] },
    annotations: { list: [] },
    panels,
  };
}

function toSource(file: string, json: unknown): LintSource {
  return { file, bytes: encoder.encode(JSON.stringify(json, null, 2)) };
}

/** Our generated dashboards under many configurations, each with the lint config that matches it. */
function generatedCorpus(): { config: LintConfig; sources: LintSource[] }[] {
  const runs: { config: LintConfig; sources: LintSource[] }[] = [];
  const teamSets = [[], ['team.id'], ['team.id', 'department'], ['cost_center']];
  for (const naming of NAMING_SCHEMES) {
    for (const identity of ['user_email', 'user_account_uuid', 'user_id'] as const) {
      for (const teamLabels of teamSets) {
        const config = resolveConfig({ naming, identity, identityFallback: identity === 'user_id' ? null : 'user_id', teamLabels });
        const sources = buildDashboards(config).map((d) => toSource(`${naming}/${identity}/${teamLabels.join('+') || 'none'}/${d.fileName}`, d.json));
        runs.push({ config: parseLintConfig({ naming, extraLabels: teamLabels, rules: identity === 'user_id' ? { 'claude-code-user-id-as-person': 'off' } : {} }), sources });
      }
    }
  }
  return runs;
}

function lintAll(runs: { config: LintConfig; sources: LintSource[] }[]): { ms: number; dashboards: number; findings: number } {
  let findings = 0;
  let dashboards = 0;
  const t0 = performance.now();
  for (const run of runs) {
    const result = lintSources(run.sources, { config: run.config });
    findings += result.findings.length;
    dashboards += run.sources.length;
  }
  return { ms: performance.now() - t0, dashboards, findings };
}

function validationMs(sources: readonly LintSource[]): number {
  const decoder = new TextDecoder();
  const bodies = sources.map((s) => JSON.parse(decoder.decode(s.bytes)) as unknown);
  const times = bodies.map((body) => {
    const t = performance.now();
    validateDashboard(body);
    return performance.now() - t;
  });
  return median(times);
}

/** Wall time of `lint-dashboards --help` in a fresh process (median of 3). */
function cliStartupMs(): number {
  const cli = path.resolve(import.meta.dirname, '../lint-dashboards.ts');
  const times = [0, 1, 2].map(() => {
    const t = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', cli, '--help'], { stdio: 'ignore' });
    return performance.now() - t;
  });
  return median(times);
}

/** Runs the lint benchmark. */
export default async function benchLint(): Promise<BenchResult> {
  const r = prng(42);
  const handWritten = Array.from({ length: HAND_WRITTEN }, (_, i) => toSource(`hand/${i}.json`, handWrittenDashboard(i, r)));
  // The synthetic queries filter on a team_id resource attribute, as teams do.
  const defaultConfig = parseLintConfig({ extraLabels: ['team_id'] });
  const handRuns = Array.from({ length: HAND_WRITTEN / BATCH }, (_, b) => ({ config: defaultConfig, sources: handWritten.slice(b * BATCH, (b + 1) * BATCH) }));
  const generated = generatedCorpus();
  const realistic = [...realisticCorpus(REALISTIC)].map((d) => ({ file: d.file, bytes: encoder.encode(d.text) }));
  const realisticRuns = Array.from({ length: REALISTIC / BATCH }, (_, b) => ({ config: defaultConfig, sources: realistic.slice(b * BATCH, (b + 1) * BATCH) }));

  // Warm-up: compile the schemas and let the JIT see every rule once (on other inputs than the measured ones).
  warmUpValidator();
  lintSources([toSource('warm.json', handWrittenDashboard(-1, prng(7)))]);
  lintSources(buildDashboards(resolveConfig({ teamLabels: ['warm.up'] })).map((d) => toSource(d.fileName, d.json)));

  const hand = lintAll(handRuns);
  const ours = lintAll(generated);
  const real = lintAll(realisticRuns);
  const realRate = (real.dashboards / real.ms) * 1000;
  const startupMs = cliStartupMs();
  const total = hand.dashboards + ours.dashboards;
  const totalMs = hand.ms + ours.ms;
  const perSecond = (n: number, ms: number) => (n / ms) * 1000;
  const handRate = perSecond(hand.dashboards, hand.ms);
  const oursRate = perSecond(ours.dashboards, ours.ms);
  const overall = perSecond(total, totalMs);
  const schemaHand = validationMs(handWritten.slice(0, 200));
  const schemaOurs = validationMs(generated.flatMap((g) => g.sources).slice(0, 60));
  const kb = (sources: readonly LintSource[]) => sources.reduce((a, s) => a + s.bytes.byteLength, 0) / sources.length / 1024;
  return {
    name: 'lint',
    summary: [
      `${total} dashboards linted in ${(totalMs / 1000).toFixed(2)} s on one core: ${overall.toFixed(0)} dashboards/s overall (target >= 200)`,
      `hand-written style: ${hand.dashboards} dashboards (avg ${kb(handWritten).toFixed(0)} KB), ${handRate.toFixed(0)} dashboards/s, ${hand.findings} findings`,
      `our generated dashboards: ${ours.dashboards} (avg ${kb(generated.flatMap((g) => g.sources)).toFixed(0)} KB, 40+ long queries each), ${oursRate.toFixed(0)} dashboards/s, ${ours.findings} findings`,
      `real-sized dashboards: ${real.dashboards} (avg ${kb(realistic).toFixed(0)} KB), ${realRate.toFixed(0)} dashboards/s on one core (target >= 500), ${real.findings} findings`,
      `CLI start-up (--help, median of 3, through tsx): ${startupMs.toFixed(0)} ms (target < 300 ms)`,
      `schema validation alone (median per dashboard, warm): ${schemaHand.toFixed(2)} ms hand-written, ${schemaOurs.toFixed(2)} ms ours`,
    ].join('\n'),
    metrics: {
      dashboards: total,
      dashboardsPerSecond: Math.round(overall),
      handWrittenPerSecond: Math.round(handRate),
      generatedPerSecond: Math.round(oursRate),
      realSizedPerSecond: Math.round(realRate),
      cliStartupMs: Math.round(startupMs),
      handWrittenFindings: hand.findings,
      generatedFindings: ours.findings,
      schemaValidationMsHandWritten: Number(schemaHand.toFixed(3)),
      schemaValidationMsGenerated: Number(schemaOurs.toFixed(3)),
    },
  };
}
