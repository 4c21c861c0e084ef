/**
 * A throw-away Prometheus holding a synthetic workload as the Collector path would have stored it under
 * one naming scheme (exposition.ts → remote-write.ts), and, when asked, the series of our recording rules
 * computed from it by the engine itself (rule-backfill.ts). Everything stays in the server's head, which
 * never compacts (prometheus-server.ts): the data does not change while a suite reads it.
 */
import { countingTiming } from '../../queries/config.js';
import type { Config } from '../../queries/config.js';
import type { NamingScheme } from '../../queries/naming.js';
import { scrapeUsage } from '../synthetic/exposition.js';
import type { SyntheticUsage } from '../synthetic/types.js';
import type { Engine } from './engines.js';
import { intervalToMs } from './grafana-macros.js';
import { startPrometheus, type PrometheusServer } from './prometheus-server.js';
import { pushSeries } from './remote-write.js';
import { backfillRecordingRules, type RuleBackfill } from './rule-backfill.js';

/** A running Prometheus with the workload loaded, and what was loaded. */
export interface LoadedPrometheus extends PrometheusServer {
  readonly naming: NamingScheme;
  readonly seriesCount: number;
  readonly sampleCount: number;
  /** Seconds spent pushing the raw samples. */
  readonly loadSeconds: number;
  /** The recording-rule backfill, when rules were requested. */
  readonly rules: RuleBackfill | undefined;
}

/** Which recording rules to backfill after loading. */
export interface RulesOption {
  /** The configuration whose `rulesYaml` is evaluated (its naming must be the loaded one). */
  readonly config: Config;
  /**
   * Where the rule evaluations start (default: the workload's start); rounded down to the rule interval.
   * Queries never read rule samples before the earliest window they evaluate, so a suite that only
   * evaluates short windows may start later and save time.
   */
  readonly fromMs?: number;
}

/**
 * Starts Prometheus and loads `usage` under `naming`; with `rules`, evaluates the recording rules over the
 * loaded data, from `rules.fromMs` to the workload's end, and adds their samples.
 * Stops the server again if anything fails.
 */
export async function startLoadedPrometheus(engine: Engine, usage: SyntheticUsage, naming: NamingScheme, rules?: RulesOption): Promise<LoadedPrometheus> {
  if (rules && rules.config.naming !== naming) throw new Error(`rules for naming "${rules.config.naming}" on data loaded as "${naming}"`);
  const server = await startPrometheus(engine);
  try {
    const t0 = performance.now();
    const series = scrapeUsage(usage, naming);
    const { samples } = await pushSeries(server.baseUrl, series);
    const loadSeconds = (performance.now() - t0) / 1000;
    let backfill: RuleBackfill | undefined;
    if (rules) {
      const intervalMs = intervalToMs(rules.config.scrapeInterval);
      // Evaluations on the scrape grid: start on a multiple of the scrape interval.
      const from = Math.max(usage.start, rules.fromMs ?? usage.start);
      const startMs = Math.floor(from / intervalMs) * intervalMs;
      // The rules read `evaluationDelay` behind: their samples for data up to the end lie that much later.
      const endMs = usage.end + intervalToMs(countingTiming(rules.config).delay);
      backfill = await backfillRecordingRules(server, rules.config, { startMs, endMs });
    }
    return { ...server, naming, seriesCount: series.length, sampleCount: samples, loadSeconds, rules: backfill };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
