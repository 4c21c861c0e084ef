/**
 * The numbers behind the README's picture of the activity dashboard. `npm run demo` sends its events to
 * a real collector, which cannot run here; so the picture uses the event workload of the accuracy suite
 * (scripts/synthetic/events.ts, seeded, without faults), stored as the pinned collector's signaltometrics
 * connector would expose it (scripts/synthetic/signaltometrics.ts), loaded into a throw-away Prometheus 3
 * with the event rules and the rules' heartbeat evaluated by the engine (scripts/accuracy/event-suite.ts
 * `loadEvents`, rule-backfill.ts). Every visible panel's targets are then sent as Grafana would send
 * them (data.ts `queryPanels`).
 */
import { activityDashboard } from '../../dashboards/activity.js';
import { buildDashboards } from '../../dashboards/index.js';
import { defaultConfig } from '../../queries/config.js';
import { RULES_LOADED_SERIES } from '../../queries/fallback.js';
import { findEngine } from '../accuracy/engines.js';
import { loadEvents } from '../accuracy/event-suite.js';
import { NOW_AFTER_END_MS } from '../accuracy/evaluate.js';
import { backfillRecordingRules } from '../accuracy/rule-backfill.js';
import { generateEvents, type EventWorkload } from '../synthetic/events.js';
import { PICTURE_RANGE_MS, queryPanels, type OverviewData } from './data.js';

/** The workload the picture shows: two days of events of eight people, from the accuracy suite's seed. */
export function activityPictureWorkload(): EventWorkload {
  const base = generateEvents('claude-code-dashboards/events', Date.UTC(2026, 7, 24, 0, 0, 0), 2, 8);
  return { ...base, collectorRestarts: [], failedScrapes: [] };
}

/** Loads the event workload into Prometheus 3, evaluates the activity dashboard, stops the server. */
export async function collectActivityData(): Promise<OverviewData> {
  const engine = findEngine(3);
  if ('missing' in engine) throw new Error(`${engine.missing} (or run bash .ci/fetch-prometheus3.sh)`);
  const config = defaultConfig();
  const [activity] = buildDashboards(config, [activityDashboard(config)]);
  if (!activity) throw new Error('the build has no activity dashboard');
  const workload = activityPictureWorkload();
  const server = await loadEvents(engine, config, workload);
  try {
    // The rules were evaluated to the workload's end (and their delay past it).
    const nowMs = workload.end + NOW_AFTER_END_MS;
    // The heartbeat too, which tells the dashboard the rules are loaded (its counting status line).
    await backfillRecordingRules(server, config, { startMs: workload.end - PICTURE_RANGE_MS - 3_600_000, endMs: workload.end, records: [RULES_LOADED_SERIES] });
    const panels = await queryPanels(server.baseUrl, activity.json, config, nowMs);
    const users = new Set(workload.records.map((r) => r.attributes['user.id'])).size;
    const sessions = new Set(workload.records.map((r) => r.attributes['session.id'])).size;
    const source = `a seeded event workload (${users} users, ${sessions} sessions, ${workload.records.length} events) through the emulated signaltometrics connector`;
    return { json: activity.json, fromMs: nowMs - PICTURE_RANGE_MS, toMs: nowMs, panels, users, sessions, source };
  } finally {
    await server.stop();
  }
}
