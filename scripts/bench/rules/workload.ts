/**
 * The organisation-scale workload of the recording-rule benchmark, cheap enough to simulate hours of it
 * in seconds: sessions of `users` people arrive at random so that about a fifth of the users (2,000 at
 * 10,000) have a session open at any time; a session lasts 5 minutes plus a log-normal 30 (mean about
 * 45 minutes), exports every 60 s, and sometimes pauses for minutes. Each session has 15–25 counter series
 * (cost and tokens by model, query source and type, lines by type, commits, pull requests, sessions, edit
 * decisions, active time) with the standard attributes, named by the 'otel-collector' scheme. A series
 * steps up at the exports that carry it, stays exposed 5 minutes after its last update (the collector's
 * metric_expiration), gets a staleness marker at the first scrape that no longer sees it, and continues
 * its total when it comes back within the pipeline's memory (scripts/synthetic/pipeline.ts).
 *
 * Time only moves forward: `sampleAt(t)` processes every export before `t` and appends, to each series,
 * what a scrape at `t` stores (its value or a staleness marker). The same calls serve the backfill and
 * the live phase, so the live data continues the history without a seam.
 */
import type { MetricKey } from '../../../queries/catalog.js';
import { labelName, metricName } from '../../../queries/naming.js';
import { prometheusLabels } from '../../synthetic/exposition.js';
import { standardAttributes } from '../../synthetic/generate.js';
import { DEFAULT_TIMING, forgotten } from '../../synthetic/pipeline.js';
import { Random } from '../../synthetic/random.js';
import type { SyntheticSession, SyntheticUser } from '../../synthetic/types.js';
import { ACCEPT_SOURCES, AUXILIARY_MODEL, EDIT_TOOLS, FIRST_NAMES, LANGUAGES, MAIN_MODELS, TEAMS, TERMINALS } from '../../synthetic/vocabulary.js';

/** Share of the users with a session open at any time (2,000 of 10,000). */
export const CONCURRENT_SHARE = 0.2;
const EXPORT_MS = DEFAULT_TIMING.exportIntervalMs;
const EXPIRY_MS = DEFAULT_TIMING.metricExpirationMs;
const MIN_SESSION_MS = 5 * 60_000;
const MEDIAN_EXTRA_MS = 30 * 60_000;
const SIGMA = 0.8;
const MAX_SESSION_MS = 4 * 3_600_000;
/** Mean session length: 5 min + the mean of the log-normal part. */
const MEAN_SESSION_MS = MIN_SESSION_MS + MEDIAN_EXTRA_MS * Math.exp((SIGMA * SIGMA) / 2);

/** One counter series of a session, with what a scrape stores of it. */
export interface SimSeries {
  /** The series' labels as protobuf `Label` fields, encoded when it is first written (see `labelBytes`). */
  encoded: Uint8Array | undefined;
  readonly labels: () => readonly (readonly [string, string])[];
  /** Chance that an export of a busy session carries this series, and its amount per export. */
  readonly chance: number;
  readonly amount: (rng: Random) => number;
  value: number;
  lastUpdate: number;
  exposed: boolean;
  /** Samples appended since the last flush; `NaN` is a staleness marker. */
  readonly timestamps: number[];
  readonly values: number[];
}

interface SimSession {
  readonly rng: Random;
  readonly start: number;
  readonly end: number;
  nextExport: number;
  idleUntil: number;
  readonly series: SimSeries[];
}

const byName = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

type Template = readonly [MetricKey, Record<string, string>, number, (rng: Random) => number];

const once = (): number => 1;
const logNormal = (median: number, digits: number) => (rng: Random) => Math.round(rng.logNormal(median, 1) * 10 ** digits) / 10 ** digits;

/** The series of one session: the attribution of its main and auxiliary models, then the rest. */
function templates(rng: Random, main: string): Template[] {
  const sources: [string, string, number][] = [[main, 'main', 0.75], [AUXILIARY_MODEL, 'auxiliary', 0.3]];
  if (rng.chance(0.4)) sources.push([main, 'subagent', 0.3]);
  const out: Template[] = [['sessionCount', { start_type: rng.chance(0.8) ? 'fresh' : 'resume' }, 0, once]];
  for (const [model, source, p] of sources) {
    const attribution = { model, query_source: source, effort: 'medium' };
    out.push(['cost', attribution, p, logNormal(0.04, 6)]);
    out.push(['tokens', { ...attribution, type: 'input' }, p, logNormal(2_000, 0)]);
    out.push(['tokens', { ...attribution, type: 'output' }, p, logNormal(700, 0)]);
    out.push(['tokens', { ...attribution, type: 'cacheRead' }, p, logNormal(30_000, 0)]);
    out.push(['tokens', { ...attribution, type: 'cacheCreation' }, p * 0.6, logNormal(4_000, 0)]);
  }
  const language = rng.pick(LANGUAGES);
  out.push(['linesOfCode', { type: 'added', model: main }, 0.25, logNormal(18, 0)]);
  out.push(['linesOfCode', { type: 'removed', model: main }, 0.15, logNormal(6, 0)]);
  out.push(['editDecisions', { tool_name: 'Edit', decision: 'accept', source: rng.pick(ACCEPT_SOURCES), language }, 0.2, once]);
  out.push(['editDecisions', { tool_name: rng.weighted(EDIT_TOOLS), decision: 'reject', source: 'user_reject', language }, 0.05, once]);
  out.push(['commits', {}, 0.03, once]);
  out.push(['pullRequests', {}, 0.006, once]);
  out.push(['activeTime', { type: 'cli' }, 0.75, logNormal(20, 3)]);
  out.push(['activeTime', { type: 'user' }, 0.5, logNormal(8, 3)]);
  return out;
}

/** The simulated organisation. */
export class Workload {
  private readonly rng: Random;
  private readonly users = new Map<number, SyntheticUser>();
  private readonly live: SimSession[] = [];
  private nextStart: number;
  private sessionCount = 0;
  /** Sessions started per ms. */
  private readonly rate: number;

  constructor(readonly userCount: number, origin: number, seed = 'bench-rules') {
    this.rng = new Random(`${seed}/${userCount}`);
    this.rate = (userCount * CONCURRENT_SHARE) / MEAN_SESSION_MS;
    this.nextStart = origin;
  }

  /** Sessions currently open or still exposed. */
  get liveSessions(): number {
    return this.live.length;
  }

  /** Sessions open at `t` (started, not yet ended). */
  openSessions(t: number): number {
    return this.live.filter((s) => s.start <= t && t < s.end).length;
  }

  private user(index: number): SyntheticUser {
    let user = this.users.get(index);
    if (!user) {
      const r = this.rng.fork(`user-${index}`);
      const apiKey = r.chance(0.2);
      const local = `${FIRST_NAMES[index % FIRST_NAMES.length] as string}.${index}`;
      user = {
        key: `u${index}`,
        email: apiKey ? undefined : `${local}@example.com`,
        userId: r.hex(64),
        accountUuid: apiKey ? undefined : r.uuid(),
        organizationId: apiKey ? undefined : '7f3c1a52-0d4e-4c1b-9a77-2f1e5c3b8d10',
        team: r.pick(TEAMS),
        terminals: [r.pick(TERMINALS)],
        scenario: undefined,
      };
      this.users.set(index, user);
    }
    return user;
  }

  private startSession(start: number): SimSession {
    const rng = this.rng.fork(`session-${this.sessionCount++}`);
    const user = this.user(rng.int(0, this.userCount - 1));
    const end = start + Math.min(MAX_SESSION_MS, MIN_SESSION_MS + rng.logNormal(MEDIAN_EXTRA_MS, SIGMA));
    const session: SyntheticSession = { id: rng.uuid(), user, terminal: user.terminals[0] as string, scenario: 'regular', start, end };
    const standard = { ...standardAttributes(session), 'app.version': '2.1.248' };
    // The session's labels (the scrape's and the standard attributes) once; each series adds its own few.
    const base = prometheusLabels({ key: '', metric: 'sessionCount', attributes: standard, session }, 'otel-collector').filter(([n]) => n !== '__name__');
    const series = templates(rng, rng.weighted(MAIN_MODELS.map((m) => [m.id, m.weight] as const))).map(([metric, attributes, chance, amount]): SimSeries => {
      // Most simulated sessions end before the history starts: their labels are never needed.
      const labels = () => [...base, ['__name__', metricName('otel-collector', metric)] as const, ...Object.entries(attributes).map(([n, v]) => [labelName('otel-collector', n), v] as const)].sort(byName);
      return { encoded: undefined, labels, chance, amount, value: 0, lastUpdate: Number.NEGATIVE_INFINITY, exposed: false, timestamps: [], values: [] };
    });
    return { rng, start, end, nextExport: start + EXPORT_MS, idleUntil: 0, series };
  }

  /** One export at `time`: a busy session updates some of its series, an idle one none. */
  private exportAt(session: SimSession, time: number, first: boolean): void {
    const { rng } = session;
    if (time < session.idleUntil) return;
    if (!first && rng.chance(0.04)) {
      session.idleUntil = time + rng.logNormal(8 * 60_000, 0.8);
      return;
    }
    for (const s of session.series) {
      // `sessionCount` (chance 0) is recorded once, at the session's first export.
      if (!(s.chance === 0 ? first : rng.chance(s.chance))) continue;
      s.value = (forgotten(s.lastUpdate, time) ? 0 : s.value) + s.amount(rng);
      s.lastUpdate = time;
    }
  }

  /** Starts the sessions due before `t` and runs every export before `t`. */
  private advance(t: number): void {
    for (let guard = 0; this.nextStart < t && guard < 1_000_000; guard++) {
      this.live.push(this.startSession(this.nextStart));
      this.nextStart += -Math.log(1 - this.rng.next()) / this.rate;
    }
    for (const session of this.live) {
      for (; session.nextExport < t && session.nextExport <= session.end + EXPORT_MS; session.nextExport += EXPORT_MS) {
        this.exportAt(session, Math.min(session.nextExport, session.end), session.nextExport === session.start + EXPORT_MS);
      }
    }
  }

  /**
   * What a scrape at `t` stores: appends a sample (or a staleness marker) to every series it sees or no
   * longer sees, and returns the series that got their first pending sample (so the series pending since
   * the last flush are the concatenation of the returned lists). With `record` false it only moves time on.
   */
  sampleAt(t: number, record = true): SimSeries[] {
    this.advance(t);
    const touched: SimSeries[] = [];
    let keep = 0;
    for (const session of this.live) {
      let visible = false;
      for (const s of session.series) {
        const shown = t - s.lastUpdate <= EXPIRY_MS; // not `expired()` (pipeline.ts), inlined: the hot loop
        if (shown || s.exposed) {
          if (record) {
            if (s.timestamps.length === 0) touched.push(s);
            s.timestamps.push(t);
            s.values.push(shown ? s.value : Number.NaN);
          }
          // Unrecorded scrapes leave nothing to mark stale.
          s.exposed = record && shown;
        }
        visible ||= shown;
      }
      if (visible || t <= session.end + EXPORT_MS) this.live[keep++] = session;
    }
    this.live.length = keep;
    return touched;
  }
}
