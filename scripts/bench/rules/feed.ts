/**
 * Gets the workload into a running Prometheus by remote write: first the history, scrape by scrape on the
 * 15 s grid from `historyMs` ago, as fast as Prometheus takes it and until the grid has caught up with the
 * clock, then live, one scrape's samples at each grid point as the clock reaches it, so the rule groups
 * evaluate over data that keeps arriving exactly as a collector's scrapes would.
 */
import { DEFAULT_TIMING } from '../../synthetic/pipeline.js';
import { pushPending } from './remote-write.js';
import type { SimSeries, Workload } from './workload.js';

const STEP_MS = DEFAULT_TIMING.scrapeIntervalMs;
/** Scrapes per backfill request (10 minutes: some 50 MB at 10,000 users). */
const CHUNK_STEPS = 40;
/** Sessions started this long before the history are simulated (not written), so the history starts in full swing. */
export const WARM_UP_MS = 4 * 3_600_000;
/** The live feed stops by itself after this many scrapes (an hour), whatever happens to its caller. */
const MAX_LIVE_STEPS = 240;

/** What the backfill wrote. */
export interface Backfill {
  readonly samples: number;
  readonly seconds: number;
  /** The first grid point not yet written (after the clock when the backfill ended). */
  readonly next: number;
}

const yieldToIo = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Writes the history from `historyMs` before now up to the clock, to every server at once; returns where
 * the live feed goes on. One request is in flight while the next is simulated (yielding between scrapes,
 * so the upload progresses), so Prometheus ingests while Node generates.
 */
export async function backfill(workload: Workload, baseUrls: readonly string[], historyMs: number): Promise<Backfill> {
  const started = performance.now();
  const from = Math.floor((Date.now() - historyMs) / STEP_MS) * STEP_MS;
  workload.sampleAt(from - STEP_MS, false);
  let t = from;
  let samples = 0;
  let inFlight = Promise.resolve(0);
  const maxSteps = Math.ceil((historyMs + 3_600_000) / STEP_MS);
  for (let step = 0; t <= Date.now() && step < maxSteps; ) {
    const chunk: SimSeries[] = [];
    for (let k = 0; k < CHUNK_STEPS && t <= Date.now(); k++, step++, t += STEP_MS) {
      for (const s of workload.sampleAt(t)) chunk.push(s);
      await yieldToIo();
    }
    samples += await inFlight;
    inFlight = pushPending(baseUrls, chunk);
  }
  samples += await inFlight;
  return { samples, seconds: (performance.now() - started) / 1000, next: t };
}

/** A live feed; `stop()` ends it (at once) and reports the first push error, if any. */
export interface LiveFeed {
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Writes one scrape at each grid point from `next` on, as the clock reaches it, to the servers in
 * `baseUrls`; the caller may delete a server from the set before stopping it (a write to it that was in
 * flight then may fail without failing the feed).
 */
export function startLiveFeed(workload: Workload, baseUrls: ReadonlySet<string>, next: number): LiveFeed {
  let stopped = false;
  let failure: Error | undefined;
  const loop = async (): Promise<void> => {
    let t = next;
    for (let step = 0; step < MAX_LIVE_STEPS && !stopped; step++, t += STEP_MS) {
      for (let guard = 0; Date.now() < t && !stopped && guard < 100; guard++) await sleep(Math.min(250, t - Date.now()));
      if (stopped) return;
      const targets = [...baseUrls];
      try {
        await pushPending(targets, workload.sampleAt(t));
      } catch (e) {
        if (targets.every((url) => baseUrls.has(url))) throw e;
      }
    }
  };
  const done = loop().catch((e: unknown) => {
    failure = e instanceof Error ? e : new Error(String(e));
  });
  return {
    async stop() {
      stopped = true;
      await done;
      if (failure) throw failure;
    },
  };
}
