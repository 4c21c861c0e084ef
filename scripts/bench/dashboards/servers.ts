/**
 * The dashboard benchmark's Prometheus servers, two per engine: one holding the raw series alone (as a
 * Prometheus without our rules; the naive formulas are measured there) and one with the rules' series
 * too (our dashboards). Both are the accuracy suite's throw-away servers (prometheus-server.ts) with the
 * written blocks hard-linked into their TSDB directories during a restart, so each opens them as its
 * own, and with the query limits raised so that the naive formulas can be measured at all (which of
 * their queries would exceed a stock server's limits is reported from `peakSamples`).
 */
import { linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../accuracy/engines.js';
import { startPrometheus, type PrometheusServer } from '../../accuracy/prometheus-server.js';
import { scrapeMetrics } from '../rules/measure.js';

/** A stock Prometheus refuses queries that hold more samples than this at once (`--query.max-samples`). */
export const STOCK_MAX_SAMPLES = 50_000_000;
/** …or run longer than this (`--query.timeout`, 2 min). */
export const STOCK_TIMEOUT_S = 120;
const FLAGS = ['--query.max-samples=2000000000', '--query.timeout=15m'];

/** The two servers of one engine. */
export interface ServerPair {
  readonly engine: Engine;
  readonly raw: PrometheusServer;
  readonly full: PrometheusServer;
}

/** Hard-links the tree `from` into `to` (a block's files never change once written). */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkTree(join(from, entry.name), join(to, entry.name));
    else linkSync(join(from, entry.name), join(to, entry.name));
  }
}

/** Restarts `server` with every block directory of `blocksDir` added to its TSDB. */
async function installBlocks(server: PrometheusServer, blocksDir: string): Promise<void> {
  await server.restart(async () => {
    for (const block of readdirSync(blocksDir)) linkTree(join(blocksDir, block), join(server.tsdbPath, block));
  });
}

/** Starts both servers of every engine on the blocks written under `rawDir` and `fullDir`; stops them all on failure. */
export async function startPairs(engines: readonly Engine[], rawDir: string, fullDir: string): Promise<ServerPair[]> {
  const started: PrometheusServer[] = [];
  try {
    const pairs: ServerPair[] = [];
    for (const engine of engines) {
      const raw = await startPrometheus(engine, { extraFlags: FLAGS });
      started.push(raw);
      const full = await startPrometheus(engine, { extraFlags: FLAGS });
      started.push(full);
      await installBlocks(raw, rawDir);
      await installBlocks(full, fullDir);
      pairs.push({ engine, raw, full });
    }
    return pairs;
  } catch (error) {
    for (const s of started) await s.stop();
    throw error;
  }
}

/** Bytes of every file under `dir`. */
function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? treeBytes(path) : statSync(path).size;
  }
  return total;
}

/** What a server's TSDB holds, on disk and in memory. */
export interface TsdbUsage {
  readonly blocks: number;
  readonly blockBytes: number;
  /** The head's write-ahead log and memory-mapped chunks. */
  readonly headBytes: number;
  readonly headSeries: number;
  readonly headChunks: number;
  readonly rssBytes: number;
}

export async function tsdbUsage(server: PrometheusServer): Promise<TsdbUsage> {
  const metrics = await scrapeMetrics(server.baseUrl);
  let blocks = 0;
  let blockBytes = 0;
  let headBytes = 0;
  for (const entry of readdirSync(server.tsdbPath, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const bytes = treeBytes(join(server.tsdbPath, entry.name));
    if (entry.name === 'wal' || entry.name === 'chunks_head') headBytes += bytes;
    else if (/^[0-9A-Z]{26}$/.test(entry.name)) {
      blocks++;
      blockBytes += bytes;
    }
  }
  return {
    blocks,
    blockBytes,
    headBytes,
    headSeries: metrics.get('prometheus_tsdb_head_series') ?? 0,
    headChunks: metrics.get('prometheus_tsdb_head_chunks') ?? 0,
    rssBytes: metrics.get('process_resident_memory_bytes') ?? 0,
  };
}

/** The server's resident memory now. */
export async function rssBytes(server: PrometheusServer): Promise<number> {
  return (await scrapeMetrics(server.baseUrl)).get('process_resident_memory_bytes') ?? 0;
}
