/**
 * The dashboard benchmark's results as markdown for scripts/bench/RESULTS.md: per size and engine, what
 * the TSDB holds without and with the rules, every dashboard and range ours against naive, and for the
 * largest size the panels that dominate the overview; then the targets, met or not.
 */
import type { DashboardLoad, QueryRun } from './dashboard-load.js';
import type { EngineSize, LoadRow, SizeRun } from './run-size.js';
import { STOCK_MAX_SAMPLES } from './servers.js';

const n = (v: number): string => Math.round(v).toLocaleString('en-US');
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MiB`;
const s = (seconds: number): string => (Number.isNaN(seconds) ? '—' : seconds < 10 ? `${seconds.toFixed(2)} s` : `${seconds.toFixed(0)} s`);
const ratio = (naive: number, ours: number): string => (ours > 0 ? `${(naive / ours).toFixed(1)}×` : '—');
const cell = (l: DashboardLoad): string =>
  `${s(l.wallSeconds)} / ${s(l.sumSeconds)} / ${n(l.samples)}${l.errors > 0 ? ` (${l.errors} failed)` : ''}${l.peakSamples > STOCK_MAX_SAMPLES ? ' ⚠' : ''}`;

/** What the two servers hold, without and with the rules. */
function storageTable(run: SizeRun, e: EngineSize): string[] {
  const t = run.totals;
  const raw = t.rawBlocks.reduce((x, b) => x + b.samples, 0);
  const full = t.fullBlocks.reduce((x, b) => x + b.samples, 0);
  return [
    '| | without rules | with rules | rules add |',
    '|---|---:|---:|---:|',
    `| series over the history | ${n(t.rawSeries)} | ${n(t.rawSeries + t.ruleSeries + 1)} | ${n(t.ruleSeries + 1)} |`,
    `| samples (blocks + head) | ${n(t.rawSamples)} | ${n(t.rawSamples + t.ruleSamples + t.heartbeatSamples)} | ${n(t.ruleSamples + t.heartbeatSamples)} |`,
    `| samples in blocks | ${n(raw)} | ${n(full)} | ${n(full - raw)} |`,
    `| blocks on disk (${e.usage.raw.blocks} blocks) | ${mib(e.usage.raw.blockBytes)} | ${mib(e.usage.full.blockBytes)} | ${mib(e.usage.full.blockBytes - e.usage.raw.blockBytes)} |`,
    `| head on disk (WAL, head chunks) | ${mib(e.usage.raw.headBytes)} | ${mib(e.usage.full.headBytes)} | ${mib(e.usage.full.headBytes - e.usage.raw.headBytes)} |`,
    `| \`prometheus_tsdb_head_series\` | ${n(e.usage.raw.headSeries)} | ${n(e.usage.full.headSeries)} | ${n(e.usage.full.headSeries - e.usage.raw.headSeries)} |`,
    `| \`prometheus_tsdb_head_chunks\` | ${n(e.usage.raw.headChunks)} | ${n(e.usage.full.headChunks)} | ${n(e.usage.full.headChunks - e.usage.raw.headChunks)} |`,
    `| RSS after loading / after the dashboards | ${mib(e.usage.raw.rssBytes)} / ${mib(e.rssAfter.raw)} | ${mib(e.usage.full.rssBytes)} / ${mib(e.rssAfter.full)} | |`,
  ];
}

const find = (rows: readonly LoadRow[], dashboard: string, window: string, formulation: string): LoadRow | undefined =>
  rows.find((r) => r.dashboard === dashboard && r.window === window && r.formulation === formulation);

/** Every dashboard and range: ours against naive. */
function loadsTable(e: EngineSize): string[] {
  const lines = [
    '| dashboard | range | ours: load / sum of queries / samples | naive: load / sum / samples | fewer samples | faster load |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const ours of e.loads.filter((r) => r.formulation === 'ours')) {
    const naive = find(e.loads, ours.dashboard, ours.window, 'naive');
    if (!naive) continue;
    lines.push(`| ${ours.dashboard} | ${ours.window} | ${cell(ours.load)} | ${cell(naive.load)} | ${ratio(naive.load.samples, ours.load.samples)} | ${ratio(naive.load.wallSeconds, ours.load.wallSeconds)} |`);
  }
  return lines;
}

/** The panels with the most samples (and their time alone) in one load. */
export function topPanels(queries: readonly QueryRun[], count = 5): string[] {
  const total = queries.reduce((x, q) => x + q.samples, 0);
  const time = queries.reduce((x, q) => x + q.seconds, 0);
  return [...queries]
    .sort((a, b) => b.samples - a.samples)
    .slice(0, count)
    .map((q) => {
      const r = q.request;
      const kind = r.instant ? 'instant' : `range, step ${r.stepMs / 1000} s, ${Math.round((r.endMs - r.startMs) / r.stepMs) + 1} steps`;
      return `| ${r.target.panelTitle} (\`${r.target.queryId}\`) | ${kind} | ${s(q.seconds)} (${((q.seconds * 100) / time).toFixed(0)} %) | ${n(q.samples)} (${((q.samples * 100) / total).toFixed(0)} %) |`;
    });
}

/** Where the overview's time and samples go at the largest size, longest range. */
function dominating(run: SizeRun, e: EngineSize): string[] {
  const window = [...new Set(e.loads.map((r) => r.window))].pop() ?? '';
  const out: string[] = [];
  for (const formulation of ['ours', 'naive'] as const) {
    const row = e.loads.find((r) => r.dashboard.endsWith('overview') && r.window === window && r.formulation === formulation);
    if (!row) continue;
    out.push(
      '',
      `Overview panels with the most samples, ${formulation}, ${n(run.users)} users × ${run.days} d, ${window} (each query alone):`,
      '',
      '| panel | query | time alone | samples |',
      '|---|---|---:|---:|',
      ...topPanels(row.load.queries),
    );
  }
  return out;
}

/** The markdown of one size and engine. */
export function sizeMarkdown(run: SizeRun, e: EngineSize, largest: boolean): string[] {
  const checks = e.problems.length === 0 ? 'every written sample is held' : `PROBLEMS: ${e.problems.join('; ')}`;
  const rules = `${n(e.rules.compared - e.rules.mismatched)} of ${n(e.rules.compared)} rule samples of one hour as the engine evaluates the rules${e.rules.mismatched > 0 ? ` (differing: ${e.rules.examples.join('; ')})` : ''}`;
  return [
    `### ${n(run.users)} users × ${run.days} days, Prometheus ${e.engine.version}`,
    '',
    `Simulated and written in ${s(run.generateSeconds)}, heads fed in ${s(run.headSeconds)}; checks: ${checks}; ${rules}. User dashboard for \`${run.user}\` (the highest cost).`,
    '',
    ...storageTable(run, e),
    '',
    ...loadsTable(e),
    ...(largest ? dominating(run, e) : []),
  ];
}
