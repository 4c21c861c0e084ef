/**
 * A throw-away Prometheus: started on 127.0.0.1 on a free port with its own temporary data directory,
 * the remote-write receiver on, and stopped (and its directory removed) by `stop()`.
 *
 * It never compacts. Its TSDB block duration (hidden flags `--storage.tsdb.{min,max}-block-duration`,
 * accepted by 2.x and 3.x) is far longer than any workload, so every sample stays in the head: no head
 * compaction, no block merging and no head garbage collection run in the background while a suite
 * loads, backfills and reads, and what a query sees cannot depend on how busy the machine is. The head
 * also accepts samples up to half a block duration behind its newest one, which the recording-rule
 * replay needs (rule-backfill.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from './engines.js';

/** A running Prometheus. */
export interface PrometheusServer {
  readonly engine: Engine;
  /** Where it answers. */
  readonly baseUrl: string;
  readonly dataDir: string;
  /** The TSDB directory (`--storage.tsdb.path`). */
  readonly tsdbPath: string;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
  /**
   * Stops the process (SIGTERM; the data directory stays), awaits `whileDown` (the outage), and starts it
   * again on the same data directory and configuration, possibly on another port (`baseUrl` follows).
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

/** The TSDB block duration of every test server: longer than any workload, so nothing is compacted. */
export const BLOCK_DURATION_DAYS = 30;

/** How far behind its newest sample the head of a test server still accepts samples (ms). */
export const HEAD_APPEND_WINDOW_MS = (BLOCK_DURATION_DAYS / 2) * 86_400_000;

/** A free TCP port on 127.0.0.1 (bound and released; the small race is acceptable for a test server). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Options for `startPrometheus`. */
export interface StartOptions {
  /** Extra YAML appended to the config (e.g. `scrape_configs:` for the end-to-end test). */
  readonly configYaml?: string;
  readonly scrapeInterval?: string;
  readonly extraFlags?: readonly string[];
}

async function waitReady(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/-/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus at ${baseUrl} did not become ready:\n${log()}`);
}

/** Starts Prometheus and waits until it is ready. */
export async function startPrometheus(engine: Engine, options: StartOptions = {}): Promise<PrometheusServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `ccd-prometheus${engine.major}-`));
  const configFile = join(dataDir, 'prometheus.yml');
  writeFileSync(configFile, `global:\n  scrape_interval: ${options.scrapeInterval ?? '15s'}\n${options.configYaml ?? ''}`);
  let baseUrl = '';
  const tsdbPath = join(dataDir, 'data');
  const fixedArgs = [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${tsdbPath}`,
    '--web.enable-remote-write-receiver',
    `--storage.tsdb.min-block-duration=${BLOCK_DURATION_DAYS}d`,
    `--storage.tsdb.max-block-duration=${BLOCK_DURATION_DAYS}d`,
    `--storage.tsdb.retention.time=${2 * BLOCK_DURATION_DAYS}d`,
    '--log.level=warn',
    ...(options.extraFlags ?? []),
  ];
  let stderr = '';
  let child: ChildProcess | undefined;

  /**
   * Starts the process on the data directory and waits until it is ready. Test files run in parallel
   * and each picks a free port, so another process can take the port between our pick and our bind: the
   * launch checks that the server answering is this one (its TSDB path) and otherwise retries on
   * another port.
   */
  const launch = async (): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      stderr = '';
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      const started = spawn(engine.prometheus, [...fixedArgs, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = started;
      started.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-20_000);
      });
      try {
        await waitReady(baseUrl, started, () => stderr);
        if ((await servedTsdbPath(baseUrl)) === tsdbPath && started.exitCode === null) return;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
      await halt();
      if (attempt >= 5) throw new Error(`could not start prometheus on a port of its own after ${attempt} attempts:\n${stderr}`);
    }
  };
  /** Stops the process (SIGTERM, SIGKILL after 10 s); the data directory stays. */
  const halt = async (): Promise<void> => {
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async (): Promise<void> => {
    await halt();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const restart = async (whileDown?: () => Promise<void>): Promise<void> => {
    await halt();
    await whileDown?.();
    await launch();
  };
  try {
    await launch();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    engine,
    get baseUrl() {
      return baseUrl;
    },
    dataDir,
    tsdbPath,
    stop,
    restart,
  };
}

/** The `--storage.tsdb.path` of the Prometheus answering at `baseUrl`, to tell our server from another. */
async function servedTsdbPath(baseUrl: string): Promise<string | undefined> {
  const response = await fetch(`${baseUrl}/api/v1/status/flags`);
  if (!response.ok) return undefined;
  const body = (await response.json()) as { data?: Record<string, string> };
  return body.data?.['storage.tsdb.path'];
}
