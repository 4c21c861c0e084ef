/**
 * Late data, live: samples that reach the engine seconds after their timestamps, as they do behind
 * remote write, an agent's queue or a distributed engine's ingestion path, with our recording rules
 * evaluated live by the engine's own ruler (Prometheus' rule manager, or vmalert on VictoriaMetrics).
 *
 * Why: a rule evaluated at T reads the interval ending at T − D (`pipeline.evaluationDelay`,
 * queries/counters.ts). A sample that arrives after the evaluation of its interval is never that
 * interval's newest sample, and its growth is lost; so the rules are exact exactly when D covers the
 * ingestion lag. The test runs both sides: D above the lag (exact) and D below it (numbers lost), so it
 * proves the setting matters and that the generated rules, unchanged, honour it on each engine.
 *
 * The workload: a few session series of one counter, one sample per interval on the interval's grid,
 * every sample pushed over remote write `lagMs` after its timestamp, in order per series.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDuration, resolveConfig, type Config } from '../../queries/config.js';
import { incrementsRuleName } from '../../queries/counters.js';
import { metricName } from '../../queries/naming.js';
import { rulesYaml } from '../../queries/rules.js';
import type { ScrapedSeries } from '../synthetic/exposition.js';
import type { Engine } from './engines.js';
import { queryInstant } from './prometheus-api.js';
import { startPrometheus } from './prometheus-server.js';
import { pushSeries } from './remote-write.js';
import { startVictoria, type VictoriaInstall } from './victoria-server.js';
import { startVmProcess } from './vm-process.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A live engine with our rules loaded: remote-write to and query `baseUrl`. */
export interface LiveRuler {
  readonly baseUrl: string;
  /** Makes everything written so far visible to queries. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** One run: interval S, delay D, lag, and how many samples per series. */
export interface LateCase {
  readonly intervalMs: number;
  readonly delayMs: number;
  readonly lagMs: number;
  readonly samples: number;
  readonly sessions: number;
}

/** The rules' configuration for a case: memory and expiry generous, D as the case says. */
export function lateConfig(c: LateCase): Config {
  return resolveConfig({
    naming: 'otel-collector',
    scrapeInterval: formatDuration(c.intervalMs),
    pipeline: { exporterExpiry: formatDuration(10 * c.intervalMs), seriesMemory: formatDuration(60 * c.intervalMs), evaluationDelay: formatDuration(c.delayMs) },
  });
}

/** Prometheus (remote-write receiver on) evaluating the case's rules live. */
export async function prometheusRuler(engine: Engine, config: Config): Promise<LiveRuler> {
  const dir = mkdtempSync(join(tmpdir(), 'ccd-late-rules-'));
  const file = join(dir, 'claude-code-dashboards.rules.yml');
  writeFileSync(file, rulesYaml(config));
  try {
    const server = await startPrometheus(engine, { scrapeInterval: config.scrapeInterval, configYaml: `rule_files:\n  - ${JSON.stringify(file)}\n` });
    return { baseUrl: server.baseUrl, settle: async () => {}, stop: async () => { await server.stop(); rmSync(dir, { recursive: true, force: true }); } };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** VictoriaMetrics with vmalert evaluating the case's rules live and writing back into it. */
export async function victoriaRuler(install: VictoriaInstall, config: Config): Promise<LiveRuler> {
  const vm = await startVictoria(install);
  try {
    const vmalert = await startVmProcess({
      name: 'vmalert',
      binary: install.vmalert,
      dirFlag: 'rule',
      dirValue: (dir) => join(dir, 'claude-code-dashboards.rules.yml'),
      prepare: (dir) => writeFileSync(join(dir, 'claude-code-dashboards.rules.yml'), rulesYaml(config)),
      args: [`-datasource.url=${vm.baseUrl}`, `-remoteWrite.url=${vm.baseUrl}`, '-remoteWrite.flushInterval=200ms', '-loggerLevel=ERROR'],
    });
    return { baseUrl: vm.baseUrl, settle: vm.flush, stop: async () => { await vmalert.stop(); await vm.stop(); } };
  } catch (error) {
    await vm.stop();
    throw error;
  }
}

/** The case's series starting at `t0Ms` (on the grid) and what they reported in total. */
export function lateWorkload(c: LateCase, config: Config, t0Ms: number): { series: ScrapedSeries[]; truth: number } {
  const name = metricName(config.naming, 'cost');
  let truth = 0;
  const series = Array.from({ length: c.sessions }, (_, s) => {
    const timestamps: number[] = [];
    const values: number[] = [];
    let total = 0;
    for (let k = 0; k < c.samples; k++) {
      total += ((k + s) % 4) * 0.25 + 0.125;
      timestamps.push(t0Ms + k * c.intervalMs);
      values.push(total);
    }
    truth += total;
    const labels: [string, string][] = [['__name__', name], ['job', 'late-data'], ['session_id', `late-${s}`]];
    return { labels, timestamps, values };
  });
  return { series, truth };
}

/** The samples of `series` with timestamps in (afterMs, untilMs]. */
function window(series: readonly ScrapedSeries[], afterMs: number, untilMs: number): ScrapedSeries[] {
  return series.flatMap((s) => {
    const keep = s.timestamps.flatMap((t, i) => (t > afterMs && t <= untilMs ? [i] : []));
    if (keep.length === 0) return [];
    return [{ labels: s.labels, timestamps: keep.map((i) => s.timestamps[i] as number), values: keep.map((i) => s.values[i] as number) }];
  });
}

/** Pushes every sample `lagMs` after its timestamp, in order, until all are written. */
async function pushLate(ruler: LiveRuler, series: readonly ScrapedSeries[], lagMs: number, lastMs: number): Promise<void> {
  let pushedUntil = Number.NEGATIVE_INFINITY;
  while (pushedUntil < lastMs) {
    const due = Date.now() - lagMs;
    const batch = window(series, pushedUntil, due);
    if (batch.length > 0) await pushSeries(ruler.baseUrl, batch);
    pushedUntil = Math.max(pushedUntil, due);
    await sleep(50);
  }
}

/** What the rules counted for the case on `ruler`, next to the truth. */
export async function runLateCase(ruler: LiveRuler, c: LateCase, config: Config): Promise<{ truth: number; counted: number }> {
  const t0 = Math.ceil((Date.now() + 2 * c.intervalMs) / c.intervalMs) * c.intervalMs;
  const { series, truth } = lateWorkload(c, config, t0);
  const lastMs = t0 + (c.samples - 1) * c.intervalMs;
  await pushLate(ruler, series, c.lagMs, lastMs);
  // Every interval up to the last sample has been evaluated D later (plus one interval and the ruler's flush).
  const doneAt = lastMs + c.delayMs + 3 * c.intervalMs + 2000;
  await sleep(Math.max(0, doneAt - Date.now()));
  await ruler.settle();
  const windowMs = doneAt - t0 + 60_000;
  const result = await queryInstant(ruler.baseUrl, `sum(sum_over_time(${incrementsRuleName('cost')}[${Math.ceil(windowMs / 1000)}s]))`, Date.now());
  return { truth, counted: result[0]?.points[0]?.[1] ?? 0 };
}
