/**
 * Collects the reports (exports) of the synthetic sessions and keeps every counter restart visible.
 *
 * A counter that restarts from zero (new process, reset, or a series the pipeline forgot) can be told apart
 * from a continuing counter by Prometheus only if it drops below its last exposed value or was missing
 * from the scrapes for longer than the recording rules look back (pipeline.ts `awayBeyondLookback`). A
 * restart whose first value is at or above the old value, seen within the look-back, looks exactly like
 * growth: no PromQL query can see it (Prometheus would need created timestamps). Such data would test the
 * pipeline, not the queries, so the writer holds the increment back until the series has been missing for
 * longer than the look-back, and then reports it as a new life. Updates that would show in the narrow band
 * around the look-back's end are held back the same way. The README's limits section states both.
 *
 * What Prometheus compares is scrape against scrape: the last value a scrape showed before the restart,
 * and the value the first scrape after it shows, which includes every increment exported before that
 * scrape (one export often carries several increments of the same series). So a restart that starts
 * below the old value stays guarded until its first scrape: an increment that would lift the new life to
 * the old value or above before then is held back too.
 */
import type { MetricKey } from '../../queries/catalog.js';
import { DEFAULT_TIMING, awayBeyondLookback, awayWithinLookback, firstScrapeAfter, forgotten, offGrid, scrapeGap, type PipelineTiming } from './pipeline.js';
import type { Report, SeriesIdentity, SyntheticSession } from './types.js';

interface SeriesState {
  readonly identity: SeriesIdentity;
  epoch: number;
  /** The value the collector exposes, as the generator knows it. */
  value: number;
  lastUpdate: number;
  /** The value the scrapes before `lastUpdate` showed last. */
  scrapedAtLastUpdate: number;
  /** A restart seen only as a drop: until its first scrape, the new life must stay below `below`. */
  guard: { readonly until: number; readonly below: number } | undefined;
  /** Increment held back so that the restart stays visible. */
  pending: number;
  pendingEpoch: number;
}

/** Builds series identities and reports for all sessions. */
export class ReportWriter {
  private readonly series = new Map<string, SeriesState>();
  private readonly bySession = new Map<string, SeriesState[]>();
  readonly reports: Report[] = [];
  /** How many restarts were held back to keep them visible (for the README's workload figures). */
  heldBack = 0;

  constructor(private readonly timing: PipelineTiming = DEFAULT_TIMING) {}

  /** Every series created so far. */
  identities(): SeriesIdentity[] {
    return [...this.series.values()].map((s) => s.identity);
  }

  /**
   * Reports `amount` of `metric` with `attributes` (metric-specific plus standard) at export time `time`.
   * `epoch` is the session's counter life; a new epoch restarts the series from zero.
   */
  add(
    session: SyntheticSession,
    time: number,
    metric: MetricKey,
    attributes: Readonly<Record<string, string>>,
    amount: number,
    epoch: number,
  ): void {
    if (!(amount > 0)) return;
    const t = offGrid(time, this.timing);
    const state = this.stateFor(session, metric, attributes, epoch);
    if (state.pending > 0) {
      state.pending += amount;
      state.pendingEpoch = epoch;
      return;
    }
    if (state.lastUpdate === Number.NEGATIVE_INFINITY) {
      this.emit(state, t, amount, epoch, amount, undefined);
      return;
    }
    const restarts = state.epoch !== epoch || forgotten(state.lastUpdate, t, this.timing);
    if (!restarts) {
      const guard = state.guard && t < state.guard.until ? state.guard : undefined;
      const seenAsGrowth = scrapeGap(state.lastUpdate, t, this.timing) === 0 || awayWithinLookback(state.lastUpdate, t, this.timing);
      if (seenAsGrowth && (!guard || state.value + amount < guard.below)) {
        this.emit(state, t, amount, epoch, state.value + amount, guard);
        return;
      }
    } else if (awayBeyondLookback(state.lastUpdate, t, this.timing)) {
      this.emit(state, t, amount, epoch, amount, undefined);
      return;
    } else {
      const before = this.scrapedBefore(state, t);
      if (amount < before) {
        this.emit(state, t, amount, epoch, amount, { until: firstScrapeAfter(t, this.timing), below: before });
        return;
      }
    }
    this.heldBack += 1;
    state.pending = amount;
    state.pendingEpoch = epoch;
  }

  /** Called at each export of a session: releases held-back increments whose series has been away long enough. */
  exportTick(session: SyntheticSession, time: number): void {
    const t = offGrid(time, this.timing);
    for (const state of this.bySession.get(session.id) ?? []) {
      if (state.pending > 0 && awayBeyondLookback(state.lastUpdate, t, this.timing)) {
        const amount = state.pending;
        state.pending = 0;
        this.emit(state, t, amount, state.pendingEpoch, amount, undefined);
      }
    }
  }

  /** The value the last scrape before `t` showed (t is never on the grid). */
  private scrapedBefore(state: SeriesState, t: number): number {
    return firstScrapeAfter(state.lastUpdate, this.timing) < t ? state.value : state.scrapedAtLastUpdate;
  }

  private emit(state: SeriesState, time: number, amount: number, epoch: number, newValue: number, guard: SeriesState['guard']): void {
    state.scrapedAtLastUpdate = state.lastUpdate === Number.NEGATIVE_INFINITY ? 0 : this.scrapedBefore(state, time);
    state.value = newValue;
    state.epoch = epoch;
    state.lastUpdate = time;
    state.guard = guard;
    this.reports.push({ time, series: state.identity, amount, epoch });
  }

  private stateFor(
    session: SyntheticSession,
    metric: MetricKey,
    attributes: Readonly<Record<string, string>>,
    epoch: number,
  ): SeriesState {
    const names = Object.keys(attributes).sort();
    const key = `${metric}{${names.map((n) => `${n}=${attributes[n]}`).join(',')}}`;
    let state = this.series.get(key);
    if (!state) {
      state = {
        identity: { key, metric, attributes, session },
        epoch,
        value: 0,
        lastUpdate: Number.NEGATIVE_INFINITY,
        scrapedAtLastUpdate: 0,
        guard: undefined,
        pending: 0,
        pendingEpoch: epoch,
      };
      this.series.set(key, state);
      const list = this.bySession.get(session.id) ?? [];
      list.push(state);
      this.bySession.set(session.id, list);
    }
    return state;
  }
}
