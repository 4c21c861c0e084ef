/**
 * A throw-away Prometheus holding a synthetic workload as the Collector path would have stored it under
 * one naming scheme (exposition.ts → remote-write.ts).
 */
import type { NamingScheme } from '../../queries/naming.js';
import { scrapeUsage } from '../synthetic/exposition.js';
import type { SyntheticUsage } from '../synthetic/types.js';
import type { Engine } from './engines.js';
import { startPrometheus, type PrometheusServer } from './prometheus-server.js';
import { pushSeries } from './remote-write.js';

/** A running Prometheus with the workload loaded, and what was loaded. */
export interface LoadedPrometheus extends PrometheusServer {
  readonly naming: NamingScheme;
  readonly seriesCount: number;
  readonly sampleCount: number;
}

/** Starts Prometheus and loads `usage` under `naming`. Stops the server again if loading fails. */
export async function startLoadedPrometheus(engine: Engine, usage: SyntheticUsage, naming: NamingScheme): Promise<LoadedPrometheus> {
  const server = await startPrometheus(engine);
  try {
    const series = scrapeUsage(usage, naming);
    const { samples } = await pushSeries(server.baseUrl, series);
    return { ...server, naming, seriesCount: series.length, sampleCount: samples };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
