/**
 * The dashboard benchmark's organisation: the recording-rule benchmark's workload (rules/workload.ts,
 * `users` people, about a fifth with a session open at any time, 'otel-collector' names) simulated over
 * `days`, scrape by scrape on the 15 s grid, and stored twice: as the raw series alone (a Prometheus
 * without our rules) and with the rules' series next to them (rules-model.ts, and the heartbeat
 * `claude_code:rules:loaded` at every evaluation).
 *
 * Everything older than the head goes into TSDB blocks laid out as the compactor leaves them
 * (layout.ts, tsdb-block.ts); the last one to three hours go into the running servers' heads by remote
 * write (rules/remote-write.ts), as the newest data of a live Prometheus is. Chunks hold at most 120
 * samples and never cross a 2 h boundary, as the head cuts them.
 */
import { RULES_LOADED_SERIES } from '../../../queries/fallback.js';
import type { Config } from '../../../queries/config.js';
import { DEFAULT_TIMING } from '../../synthetic/pipeline.js';
import { WARM_UP_MS } from '../rules/feed.js';
import { pushPending, type PendingSeries } from '../rules/remote-write.js';
import { Workload, type SimSeries } from '../rules/workload.js';
import { blockLayout, DAY_MS, HOUR_MS, type BlockRange } from './layout.js';
import { ruleIncrement, ruleNames, ruleTiming, type RuleTarget, type RuleTiming } from './rules-model.js';
import { writeBlocks, type BlockSeries, type WrittenBlock } from './tsdb-block.js';
import { XorChunk } from './xor-chunk.js';

type Labels = readonly (readonly [string, string])[];
const STEP_MS = DEFAULT_TIMING.scrapeIntervalMs;
const CHUNK_RANGE_MS = 2 * HOUR_MS;
const SAMPLES_PER_CHUNK = 120;
/** Scrapes per remote-write request while the heads are filled. */
const PUSH_STEPS = 40;

/** One series' samples in the block being written. */
class BlockEntry implements BlockSeries {
  readonly chunks: XorChunk[] = [];
  private open: XorChunk | undefined;
  /** The 2 h boundary the open chunk must not cross. */
  private openEnd = 0;
  constructor(
    readonly labels: Labels,
    readonly isRule: boolean,
  ) {}

  append(t: number, v: number): void {
    let open = this.open;
    if (!open || open.samples >= SAMPLES_PER_CHUNK || t >= this.openEnd) {
      open = this.open = new XorChunk();
      this.openEnd = (Math.floor(t / CHUNK_RANGE_MS) + 1) * CHUNK_RANGE_MS;
      this.chunks.push(open);
    }
    open.append(t, v);
  }
}

/** One series of a rule: a session's for the session count, else the sum over a group's sessions. */
interface RuleSeries {
  readonly labels: Labels;
  /** The counter of rule samples of its rule (shared by the rule's series). */
  readonly count: { n: number };
  entry: BlockEntry | undefined;
  pending: PendingSeries | undefined;
  counted: boolean;
}

/** What the simulation keeps per raw series while it is live. */
interface Track {
  /** The workload's series (a series that comes back after its track was dropped gets a new track). */
  readonly key: SimSeries;
  /** The counter of real samples of its metric (shared by the metric's tracks). */
  readonly rawCount: { n: number };
  readonly labels: Labels;
  /** The rule series its increments are added to. */
  readonly rule: RuleSeries;
  raw: BlockEntry | undefined;
  /** The previous real sample (−∞ when none), for the rule's increment. */
  prevT: number;
  prevV: number;
}

/** Counts of what was stored, blocks and heads together. */
export interface Totals {
  rawSeries: number;
  ruleSeries: number;
  rawSamples: number;
  staleMarkers: number;
  ruleSamples: number;
  heartbeatSamples: number;
  /** Real raw samples per metric name, and rule samples per rule name (what `count_over_time` finds). */
  readonly byName: Map<string, { n: number }>;
  readonly rawBlocks: WrittenBlock[];
  readonly fullBlocks: WrittenBlock[];
}

const pending = (labels: Labels): PendingSeries => ({ encoded: undefined, labels: () => labels, timestamps: [], values: [] });

export class Organisation {
  readonly totals: Totals = { rawSeries: 0, ruleSeries: 0, rawSamples: 0, staleMarkers: 0, ruleSamples: 0, heartbeatSamples: 0, byName: new Map(), rawBlocks: [], fullBlocks: [] };
  readonly startMs: number;
  /** Where the head begins: a 2 h boundary one to three hours before the end. */
  readonly blocksEndMs: number;
  private readonly workload: Workload;
  private readonly timing: RuleTiming;
  private readonly rules: ReadonlyMap<string, RuleTarget>;
  private readonly tracks = new Map<SimSeries, Track>();
  private readonly ruleSeries = new Map<string, RuleSeries>();
  private readonly seenRaw = new WeakSet<SimSeries>();
  /** Rule increments by the evaluation time they are recorded at. */
  private readonly due = new Map<number, { tracks: Track[]; values: number[] }>();
  private entries: BlockEntry[] = [];
  private heartbeat = new BlockEntry([['__name__', RULES_LOADED_SERIES]], true);
  private readonly heartbeatPending = pending([['__name__', RULES_LOADED_SERIES]]);
  private rulePending: PendingSeries[] = [];

  constructor(readonly users: number, readonly days: number, readonly endMs: number, config: Config) {
    if (endMs % STEP_MS !== 0) throw new Error('the organisation must end on the scrape grid');
    this.startMs = endMs - days * DAY_MS;
    this.blocksEndMs = Math.floor((endMs - HOUR_MS) / CHUNK_RANGE_MS) * CHUNK_RANGE_MS;
    this.timing = ruleTiming(config);
    this.rules = ruleNames(config);
    this.workload = new Workload(users, this.startMs - WARM_UP_MS, `bench-dashboards/${days}d`);
    this.workload.sampleAt(this.startMs - STEP_MS, false);
  }

  private counter(name: string): { n: number } {
    let c = this.totals.byName.get(name);
    if (!c) this.totals.byName.set(name, (c = { n: 0 }));
    return c;
  }

  private track(s: SimSeries): Track {
    let track = this.tracks.get(s);
    if (!track) {
      const labels = s.labels();
      const name = labels.find(([n]) => n === '__name__')?.[1] ?? '';
      const target = this.rules.get(name);
      if (!target) throw new Error(`no recording rule for the workload's metric ${name}`);
      track = { key: s, rawCount: this.counter(name), labels, rule: this.ruleSeriesOf(labels, target), raw: undefined, prevT: Number.NEGATIVE_INFINITY, prevV: 0 };
      this.tracks.set(s, track);
    }
    return track;
  }

  /** The rule series of a raw series' labels: renamed, and without the label the rule sums away. */
  private ruleSeriesOf(labels: Labels, target: RuleTarget): RuleSeries {
    const ruleLabels = labels.filter(([n]) => n !== target.summedLabel).map(([n, v]) => [n, n === '__name__' ? target.rule : v] as const);
    const key = ruleLabels.map(([n, v]) => `${n}=${v}`).join('\u0000');
    let series = this.ruleSeries.get(key);
    if (!series) this.ruleSeries.set(key, (series = { labels: ruleLabels, count: this.counter(target.rule), entry: undefined, pending: undefined, counted: false }));
    return series;
  }

  /** One raw sample: into the current block (unless it goes to the heads), and the rule's increment queued for T = t + D. */
  private sample(track: Track, t: number, v: number, inBlocks: boolean): void {
    this.totals.rawSamples++;
    if (inBlocks) (track.raw ??= this.entry(track.labels, false)).append(t, v);
    if (Number.isNaN(v)) {
      this.totals.staleMarkers++;
      return;
    }
    track.rawCount.n++;
    const increment = ruleIncrement(track.prevT, track.prevV, t, v, this.timing);
    track.prevT = t;
    track.prevV = v;
    if (increment === 0) return;
    const T = t + this.timing.delayMs;
    let due = this.due.get(T);
    if (!due) this.due.set(T, (due = { tracks: [], values: [] }));
    due.tracks.push(track);
    due.values.push(increment);
  }

  private entry(labels: Labels, isRule: boolean): BlockEntry {
    const e = new BlockEntry(labels, isRule);
    this.entries.push(e);
    return e;
  }

  /** The rule evaluation at T: the heartbeat and every increment due, into the block or the heads' queue. */
  private evaluate(T: number, inBlocks: boolean): void {
    const due = this.due.get(T);
    this.due.delete(T);
    this.totals.heartbeatSamples++;
    if (inBlocks) this.heartbeat.append(T, 1);
    else this.push(this.heartbeatPending, T, 1);
    // The rule adds up the increments of a rule series' raw series (queries/counters.ts).
    const sums = new Map<RuleSeries, number>();
    for (let i = 0; due && i < due.tracks.length; i++) {
      const rule = (due.tracks[i] as Track).rule;
      sums.set(rule, (sums.get(rule) ?? 0) + (due.values[i] as number));
    }
    for (const [rule, value] of sums) {
      this.totals.ruleSamples++;
      rule.count.n++;
      if (!rule.counted) {
        rule.counted = true;
        this.totals.ruleSeries++;
      }
      if (inBlocks) (rule.entry ??= this.entry(rule.labels, true)).append(T, value);
      else this.push((rule.pending ??= pending(rule.labels)), T, value);
    }
  }

  private push(series: PendingSeries, t: number, v: number): void {
    if (series.timestamps.length === 0) this.rulePending.push(series);
    series.timestamps.push(t);
    series.values.push(v);
  }

  /** The samples of `t`'s scrape: of the series in `live` (`touched`, those pending since this scrape, among them). */
  private scrape(t: number, touched: readonly SimSeries[], live: readonly SimSeries[]): void {
    for (const s of touched) {
      if (this.seenRaw.has(s)) continue;
      this.seenRaw.add(s);
      this.totals.rawSeries++;
    }
    for (const s of live) {
      const last = s.timestamps.length - 1;
      if (last < 0 || s.timestamps[last] !== t) continue;
      this.sample(this.track(s), t, s.values[last] as number, t < this.blocksEndMs);
    }
  }

  /** Writes the block `range` (raw series alone under `rawDir`, with the rules' series under `fullDir`). */
  private flush(range: BlockRange, rawDir: string, fullDir: string): void {
    const raw = this.entries.filter((e) => !e.isRule);
    const [rawBlock, fullBlock] = writeBlocks(range.minTime, range.maxTime, range.level, [
      { parent: rawDir, series: raw },
      { parent: fullDir, series: [...this.entries, this.heartbeat] },
    ]);
    this.totals.rawBlocks.push(rawBlock as WrittenBlock);
    this.totals.fullBlocks.push(fullBlock as WrittenBlock);
    this.entries = [];
    this.heartbeat = new BlockEntry(this.heartbeat.labels, true);
    for (const rule of this.ruleSeries.values()) rule.entry = undefined;
    for (const [s, track] of this.tracks) {
      track.raw = undefined;
      if (track.prevT < range.maxTime - this.timing.lookbackMs - 2 * STEP_MS) this.tracks.delete(s);
    }
  }

  /** Simulates [start, blocksEnd) and writes its blocks; synchronous, a few minutes at the largest size. */
  writeBlocks(rawDir: string, fullDir: string, log: (line: string) => void): void {
    const layout = blockLayout(this.startMs, this.blocksEndMs);
    const started = performance.now();
    let block = 0;
    for (let t = this.startMs; t < this.blocksEndMs; t += STEP_MS) {
      const range = layout[block] as BlockRange;
      if (t >= range.maxTime) {
        this.flush(range, rawDir, fullDir);
        block++;
      }
      this.evaluate(t, true);
      const touched = this.workload.sampleAt(t);
      this.scrape(t, touched, touched);
      for (const s of touched) {
        s.timestamps.length = 0;
        s.values.length = 0;
      }
      if ((t - this.startMs) % DAY_MS === 0 && t > this.startMs) log(`    ${this.users} users: day ${(t - this.startMs) / DAY_MS} of ${this.days} simulated (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    this.flush(layout[block] as BlockRange, rawDir, fullDir);
  }

  /** Simulates [blocksEnd, end] into the heads: raw samples to every server, the rules' only to `fullUrls`. */
  async fillHeads(rawUrls: readonly string[], fullUrls: readonly string[]): Promise<void> {
    let live: SimSeries[] = [];
    const flush = async (): Promise<void> => {
      await pushPending([...rawUrls, ...fullUrls], live);
      live = [];
      const rules = this.rulePending;
      this.rulePending = [];
      await pushPending(fullUrls, rules);
    };
    for (let t = this.blocksEndMs, step = 1; t <= this.endMs; t += STEP_MS, step++) {
      this.evaluate(t, false);
      const touched = this.workload.sampleAt(t);
      live.push(...touched);
      this.scrape(t, touched, live);
      if (step % PUSH_STEPS === 0) await flush();
    }
    for (let T = this.endMs + STEP_MS; T <= this.endMs + this.timing.delayMs; T += STEP_MS) this.evaluate(T, false);
    await flush();
  }
}
