/**
 * The seeded generator: users → session plans → exports (reports) of every counter series, through the
 * pipeline timing model. Same options, same workload, byte for byte.
 */
import { DEFAULT_PRICES, type ModelPrice } from '../../queries/prices.js';
import { drawInterval } from './activity.js';
import { DEFAULT_TIMING, type PipelineTiming } from './pipeline.js';
import { platformAttributes } from './platform.js';
import { makeUsers } from './population.js';
import { Random } from './random.js';
import { ReportWriter } from './report-writer.js';
import { planSessions, type SessionPlan } from './sessions.js';
import type { SyntheticEvent, SyntheticSession, SyntheticUsage } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What to generate. */
export interface GeneratorOptions {
  readonly seed: string;
  /** The evaluation "now", ms since the epoch; must lie on the scrape grid. */
  readonly end: number;
  /** How much history before `end` (ms). Longer than the longest window, so sessions cross its start. */
  readonly historyMs: number;
  readonly regularUsers: number;
  readonly sessionsPerUserDay: number;
  readonly scenarioSessionsPerDay: number;
  /** Windows whose start the edge scenario crosses. */
  readonly edgeWindows: readonly number[];
  readonly prices: Readonly<Record<string, ModelPrice>>;
  readonly timing: PipelineTiming;
  /** Also produce log events (the demo needs them; the accuracy suite does not). */
  readonly events: boolean;
}

/** Defaults: a small team over 7 days and a half. */
export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = {
  seed: 'claude-code-dashboards',
  end: Date.UTC(2026, 7, 26, 15, 0, 0),
  historyMs: 7 * DAY + 12 * HOUR,
  regularUsers: 12,
  sessionsPerUserDay: 1.5,
  scenarioSessionsPerDay: 2,
  edgeWindows: [HOUR, DAY, 7 * DAY],
  prices: DEFAULT_PRICES,
  timing: DEFAULT_TIMING,
  events: false,
};

/** The standard attributes Claude Code puts on every datapoint of a session (its monitoring docs' standard attributes). */
export function standardAttributes(session: SyntheticSession): Record<string, string> {
  const { user } = session;
  const attributes: Record<string, string> = {
    'session.id': session.id,
    'user.id': user.userId,
    'terminal.type': session.terminal,
    'team.id': user.team,
  };
  if (user.email !== undefined) attributes['user.email'] = user.email;
  if (user.accountUuid !== undefined) attributes['user.account_uuid'] = user.accountUuid;
  if (user.organizationId !== undefined) attributes['organization.id'] = user.organizationId;
  return attributes;
}

function inIdle(plan: SessionPlan, t: number): boolean {
  return plan.idle.some((g) => t > g.from && t <= g.to);
}

/** Records one planned session: exports every interval of each process, plus the one at exit. */
function recordSession(plan: SessionPlan, rng: Random, writer: ReportWriter, options: GeneratorOptions, events: SyntheticEvent[]): void {
  const { session, style } = plan;
  // The resource attributes too, as the stack's collector copies them onto every series.
  const standard = { ...standardAttributes(session), ...platformAttributes(session, { start: options.end - options.historyMs, end: options.end }) };
  const interval = options.timing.exportIntervalMs;
  let epoch = 0;
  let resetDone = plan.resetAt === undefined;
  for (const [index, process] of plan.processes.entries()) {
    if (index > 0) epoch += 1;
    const exports: number[] = [];
    for (let t = process.start + interval; t < process.end; t += interval) exports.push(t);
    exports.push(process.end);
    let previous = process.start;
    for (const [k, t] of exports.entries()) {
      if (t > options.end) break;
      writer.exportTick(session, t);
      if (!resetDone && t >= (plan.resetAt as number)) {
        epoch += 1;
        resetDone = true;
      }
      if (k === 0) writer.add(session, t, 'sessionCount', { ...standard, start_type: process.startType }, 1, epoch);
      if (!inIdle(plan, t)) {
        const activity = drawInterval(rng, style, options.prices, (t - previous) / 1000);
        for (const inc of activity.increments) writer.add(session, t, inc.metric, { ...standard, ...inc.attributes }, inc.amount, epoch);
        if (options.events) {
          for (const request of activity.requests) {
            events.push({
              time: t - rng.int(1_000, Math.max(1_001, t - previous - 1)),
              name: 'api_request',
              session,
              attributes: {
                model: request.model,
                query_source: request.querySource,
                cost_usd: request.costUsd,
                input_tokens: request.tokens.input,
                output_tokens: request.tokens.output,
                cache_read_tokens: request.tokens.cacheRead,
                cache_creation_tokens: request.tokens.cacheCreation,
                duration_ms: rng.int(800, 40_000),
              },
            });
          }
        }
      }
      session.end = Math.max(session.end, t);
      previous = t;
    }
  }
}

/** Generates a workload. Deterministic in `options`. */
export function generateUsage(overrides: Partial<GeneratorOptions> = {}): SyntheticUsage {
  const options: GeneratorOptions = { ...DEFAULT_GENERATOR_OPTIONS, ...overrides };
  if (options.end % options.timing.scrapeIntervalMs !== 0) {
    throw new Error(`generateUsage: end ${new Date(options.end).toISOString()} is not on the ${options.timing.scrapeIntervalMs} ms scrape grid`);
  }
  const root = new Random(options.seed);
  const users = makeUsers(root.fork('users'), options.regularUsers);
  const start = options.end - options.historyMs;
  const plans = planSessions(root.fork('sessions'), users, {
    start,
    end: options.end,
    sessionsPerUserDay: options.sessionsPerUserDay,
    edgeWindows: options.edgeWindows,
    scenarioSessionsPerDay: options.scenarioSessionsPerDay,
  });
  const writer = new ReportWriter(options.timing);
  const events: SyntheticEvent[] = [];
  for (const plan of plans) recordSession(plan, root.fork(`activity/${plan.session.id}`), writer, options, events);
  const reports = writer.reports.filter((r) => r.time <= options.end).sort((a, b) => a.time - b.time);
  events.sort((a, b) => a.time - b.time);
  return {
    seed: options.seed,
    start,
    end: options.end,
    exportIntervalMs: options.timing.exportIntervalMs,
    users,
    sessions: plans.map((p) => p.session),
    series: writer.identities(),
    reports,
    heldBackRestarts: writer.heldBack,
    events,
  };
}
