/**
 * A throw-away VictoriaMetrics holding a synthetic workload the way production data reaches it: the
 * series the Collector's Prometheus exporter would expose (exposition.ts) go over the Prometheus
 * remote-write protocol (remote-write.ts) into a real `vmagent`, and vmagent forwards them with its own
 * queue to VictoriaMetrics' write endpoint, as a VictoriaMetrics installation ingests a Collector's or a
 * Prometheus' remote write. The recording rules' series are then computed by vmalert from the data in
 * VictoriaMetrics (vmalert-replay.ts), the way a VictoriaMetrics user runs our rules file.
 *
 * Why vmagent and not a relay Prometheus with `remote_write`: Prometheus forwards only what its WAL
 * watcher reads after it started, and it skips samples whose timestamps are older than that start, so
 * a backfilled history (the synthetic workload lies in the past) is never forwarded; tried, it forwarded
 * 0 of 620,957 samples. A live Prometheus forwards what it scrapes; that path differs from this one only
 * in the sender, whose queue the Prometheus suites exercise.
 */
import type { Config } from '../../queries/config.js';
import { countingTiming } from '../../queries/config.js';
import type { NamingScheme } from '../../queries/naming.js';
import { scrapeUsage } from '../synthetic/exposition.js';
import type { SyntheticUsage } from '../synthetic/types.js';
import { intervalToMs } from './grafana-macros.js';
import { pushSeries } from './remote-write.js';
import type { RuleBackfill } from './rule-backfill.js';
import { startVictoria, type VictoriaInstall, type VictoriaServer } from './victoria-server.js';
import { startVmProcess } from './vm-process.js';
import { replayRecordingRules } from './vmalert-replay.js';

/** What `startLoadedVictoria` returns: the server, what was loaded, and the rules' replay. */
export interface LoadedVictoria {
  readonly baseUrl: string;
  readonly seriesCount: number;
  readonly sampleCount: number;
  readonly loadSeconds: number;
  readonly rules: RuleBackfill | undefined;
  stop(): Promise<void>;
}

/** How long vmagent may take to forward everything before the load fails. */
const RELAY_TIMEOUT_MS = 120_000;

/** Rows VictoriaMetrics has taken in over the Prometheus remote-write protocol (its own /metrics). */
async function rowsReceived(vm: VictoriaServer): Promise<number> {
  const text = await (await fetch(`${vm.baseUrl}/metrics`)).text();
  const match = /^vm_rows_inserted_total\{type="promremotewrite"\} (\d+)/m.exec(text);
  return match ? Number(match[1]) : 0;
}

/** Waits until VictoriaMetrics has received `samples` rows; fails on more or on the deadline. */
async function awaitRows(vm: VictoriaServer, samples: number): Promise<void> {
  const deadline = Date.now() + RELAY_TIMEOUT_MS;
  let received = await rowsReceived(vm);
  while (received < samples) {
    if (Date.now() > deadline) throw new Error(`vmagent forwarded ${received} of ${samples} samples to VictoriaMetrics within ${RELAY_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
    received = await rowsReceived(vm);
  }
  if (received !== samples) throw new Error(`VictoriaMetrics received ${received} samples over remote write where ${samples} were sent`);
}

/** Pushes the series into a vmagent whose `-remoteWrite.url` is `vm`; waits until all arrived. */
async function relay(vm: VictoriaServer, usage: SyntheticUsage, naming: NamingScheme): Promise<{ series: number; samples: number }> {
  const agent = await startVmProcess({
    name: 'vmagent',
    binary: vm.install.vmagent,
    dirFlag: 'remoteWrite.tmpDataPath',
    args: [`-remoteWrite.url=${vm.baseUrl}/api/v1/write`, '-remoteWrite.flushInterval=100ms', '-loggerLevel=ERROR'],
  });
  try {
    const series = scrapeUsage(usage, naming);
    const { samples } = await pushSeries(agent.baseUrl, series);
    await awaitRows(vm, samples);
    await vm.flush();
    return { series: series.length, samples };
  } finally {
    await agent.stop();
  }
}

/**
 * Starts VictoriaMetrics and loads `usage` under `naming` through vmagent; with `rules`, has
 * vmalert evaluate the recording rules over the loaded data. Stops the server if anything fails.
 */
export async function startLoadedVictoria(
  install: VictoriaInstall,
  usage: SyntheticUsage,
  naming: NamingScheme,
  rules?: { config: Config; fromMs?: number },
): Promise<LoadedVictoria> {
  if (rules && rules.config.naming !== naming) throw new Error(`rules for naming "${rules.config.naming}" on data loaded as "${naming}"`);
  const server = await startVictoria(install);
  try {
    const t0 = performance.now();
    const { series, samples } = await relay(server, usage, naming);
    const loadSeconds = (performance.now() - t0) / 1000;
    let backfill: RuleBackfill | undefined;
    if (rules) {
      const intervalMs = intervalToMs(rules.config.scrapeInterval);
      const from = Math.max(usage.start, rules.fromMs ?? usage.start);
      const startMs = Math.floor(from / intervalMs) * intervalMs;
      const endMs = usage.end + intervalToMs(countingTiming(rules.config).delay);
      backfill = await replayRecordingRules(server, rules.config, { startMs, endMs });
    }
    return { baseUrl: server.baseUrl, seriesCount: series, sampleCount: samples, loadSeconds, rules: backfill, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
