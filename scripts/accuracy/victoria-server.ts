/**
 * A throw-away VictoriaMetrics single-node server, the second PromQL engine of the accuracy suites:
 * started on 127.0.0.1 on a free port with its own temporary storage, stopped (and its storage removed)
 * by `stop()`. Debian's `victoria-metrics` package ships it with `vmalert`, which evaluates our rules.
 *
 * Flags and why:
 * - `-retentionPeriod=100y`: the synthetic workload lies months in the past; VictoriaMetrics drops samples
 *   older than its retention on ingestion (the default is one month).
 * - `-search.disableCache`: the rollup result cache would let the order in which a suite queries change
 *   what a later query returns while rule samples are still being written.
 * - `-search.latencyOffset=0s`: by default the newest 30 s of data are hidden from queries as "possibly
 *   incomplete"; the workload is complete when a suite reads it.
 * - `-dedup.minScrapeInterval=1ms`: keeps one sample per series and millisecond. vmalert's replay splits a
 *   range into queries of `-replay.maxDatapointsPerQuery` steps whose ends overlap by one step, so each
 *   chunk boundary is written twice with the same value; live evaluation never does that. Samples 1 ms or
 *   more apart (doubled or jittered scrapes) are all kept.
 * - Nothing else is tuned: staleness, look-back and deduplication are VictoriaMetrics' defaults, as a team
 *   running it would have them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startVmProcess } from './vm-process.js';

/** A usable VictoriaMetrics installation. */
export interface VictoriaInstall {
  readonly victoriaMetrics: string;
  readonly vmagent: string;
  readonly vmalert: string;
  /** e.g. `1.79.5+ds1-2+b5` (the Debian package's version; the binaries do not print one). */
  readonly version: string;
}

/** How to install it, for skip and failure messages. */
export const VICTORIA_INSTALL_HINT = 'apt-get install -y victoria-metrics';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The package version from dpkg, or `unknown` where dpkg does not know it (a binary on PATH by hand). */
function packageVersion(): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'victoria-metrics'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Finds `victoria-metrics`, `vmagent` and `vmalert` on PATH, or says how to install them. */
export function findVictoria(): VictoriaInstall | { missing: string } {
  const victoriaMetrics = onPath('victoria-metrics');
  const vmagent = onPath('vmagent');
  const vmalert = onPath('vmalert');
  if (!victoriaMetrics || !vmagent || !vmalert) {
    return { missing: `VictoriaMetrics (victoria-metrics, vmagent and vmalert) not found; install it with \`${VICTORIA_INSTALL_HINT}\`` };
  }
  return { victoriaMetrics, vmagent, vmalert, version: `VictoriaMetrics ${packageVersion()}` };
}

/** A running VictoriaMetrics. */
export interface VictoriaServer {
  readonly install: VictoriaInstall;
  readonly baseUrl: string;
  readonly dataDir: string;
  /** Makes everything ingested so far visible to queries (`/internal/force_flush`). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts VictoriaMetrics with the flags above and waits until it is healthy. */
export async function startVictoria(install: VictoriaInstall): Promise<VictoriaServer> {
  const process = await startVmProcess({
    name: 'victoria-metrics',
    binary: install.victoriaMetrics,
    dirFlag: 'storageDataPath',
    args: ['-retentionPeriod=100y', '-search.disableCache', '-search.latencyOffset=0s', '-dedup.minScrapeInterval=1ms', '-loggerLevel=ERROR'],
  });
  const flush = async (): Promise<void> => {
    const response = await fetch(`${process.baseUrl}/internal/force_flush`);
    if (!response.ok) throw new Error(`victoria-metrics force_flush failed (${response.status})`);
  };
  return { install, baseUrl: process.baseUrl, dataDir: process.dir, flush, stop: process.stop };
}
