/**
 * One size of the recording-rule benchmark: one Prometheus per engine, all fed the same workload (the
 * history by remote write, then live on the clock), then, engine after engine, both rule groups loaded,
 * a few evaluations sampled from Prometheus' own /metrics, the groups unloaded and the server stopped.
 * The engine waiting for its turn only ingests one scrape every 15 s meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../accuracy/engines.js';
import { startPrometheus, type PrometheusServer } from '../../accuracy/prometheus-server.js';
import { explain, type Explained } from './explain.js';
import { fallbackCost, type FallbackCost } from './fallback-cost.js';
import { backfill, startLiveFeed, WARM_UP_MS, type Backfill, type LiveFeed } from './feed.js';
import { INTERVAL_MS, planRulesFiles, ruleFilesConfig, setRules, type RulesFile } from './groups.js';
import { overlaps, sampleEvaluations, scalarQuery, type Sampled } from './measure.js';
import { Workload } from './workload.js';

/** How to run one size. */
export interface SizeOptions {
  readonly users: number;
  readonly historyMs: number;
  /** Evaluations sampled per group. */
  readonly evaluations: number;
  /** Time single expressions afterwards (done for the largest size). */
  readonly explain: boolean;
}

/** What one engine measured at one size. */
export interface EngineRun {
  readonly engine: Engine;
  readonly users: number;
  readonly openSessions: number;
  readonly headSeries: number;
  /** Series with a sample in the last 5 minutes (not marked stale): what a scrape exposes now. */
  readonly activeSeries: number;
  /** Series with a sample in the current rules' look-back (1 h): what their `[1h]` selections read. */
  readonly lookbackSeries: number;
  readonly sampled: Sampled;
  /** Observed evaluation offsets within the interval (ms) and evaluations that overlapped the other group's. */
  readonly offsetsMs: { readonly current: number; readonly previous: number };
  readonly overlapping: number;
  readonly backfill: Backfill;
  readonly explained: Explained | undefined;
  /** What the import-only fallback costs stock queries (measured with `explain`). */
  readonly fallback: readonly FallbackCost[] | undefined;
}

interface Target {
  readonly engine: Engine;
  readonly dir: string;
  readonly files: { current: RulesFile; previous: RulesFile };
  server: PrometheusServer | undefined;
}

const offsetOf = (evaluations: Sampled['current']): number => Math.round((evaluations[evaluations.length - 1]?.at ?? 0) % INTERVAL_MS);

async function measureEngine(target: Target, server: PrometheusServer, workload: Workload, options: SizeOptions, filled: Backfill): Promise<EngineRun> {
  const { files } = target;
  await setRules(server.baseUrl, files, true);
  const sampled = await sampleEvaluations(server.baseUrl, files, options.evaluations);
  await setRules(server.baseUrl, files, false);
  const activeSeries = await scalarQuery(server.baseUrl, 'count({__name__=~"claude_code_.+"})');
  const lookbackSeries = await scalarQuery(server.baseUrl, 'count(last_over_time({__name__=~"claude_code_.+"}[1h]))');
  const explained = options.explain ? await explain(server.baseUrl) : undefined;
  const fallback = options.explain ? await fallbackCost(server.baseUrl) : undefined;
  return {
    engine: target.engine,
    users: options.users,
    openSessions: workload.openSessions(Date.now()),
    headSeries: sampled.headSeries,
    activeSeries,
    lookbackSeries,
    sampled,
    offsetsMs: { current: offsetOf(sampled.current), previous: offsetOf(sampled.previous) },
    overlapping: overlaps(sampled.current, sampled.previous),
    backfill: filled,
    explained,
    fallback,
  };
}

/** Measures one size on every engine; every server started here is stopped, every directory removed. */
export async function measureSize(engines: readonly Engine[], options: SizeOptions, log: (line: string) => void): Promise<EngineRun[]> {
  const targets: Target[] = engines.map((engine) => {
    const dir = mkdtempSync(join(tmpdir(), `ccd-bench-rules${engine.major}-`));
    return { engine, dir, files: planRulesFiles(engine.major, dir), server: undefined };
  });
  let feed: LiveFeed | undefined;
  try {
    for (const t of targets) {
      t.server = await startPrometheus(t.engine, { configYaml: ruleFilesConfig(t.files), extraFlags: ['--web.enable-lifecycle'] });
    }
    const servers = targets.map((t) => t.server as PrometheusServer);
    const workload = new Workload(options.users, Date.now() - options.historyMs - WARM_UP_MS);
    const filled = await backfill(workload, servers.map((s) => s.baseUrl), options.historyMs);
    log(`  ${options.users} users: backfilled ${filled.samples.toLocaleString('en-US')} samples in ${filled.seconds.toFixed(0)} s`);
    const urls = new Set(servers.map((s) => s.baseUrl));
    feed = startLiveFeed(workload, urls, filled.next);
    const runs: EngineRun[] = [];
    for (const t of targets) {
      const server = t.server as PrometheusServer;
      runs.push(await measureEngine(t, server, workload, options, filled));
      urls.delete(server.baseUrl);
      await server.stop();
      t.server = undefined;
      log(`  ${options.users} users, Prometheus ${t.engine.version}: measured`);
    }
    const stopping = feed;
    feed = undefined;
    await stopping.stop();
    return runs;
  } finally {
    await feed?.stop().catch(() => undefined);
    for (const t of targets) {
      await t.server?.stop();
      rmSync(t.dir, { recursive: true, force: true });
    }
  }
}
