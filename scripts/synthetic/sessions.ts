/**
 * Session plans: when each session runs, in how many processes, with which idle gaps and counter resets.
 * Each special scenario is produced on purpose by its dedicated user (population.ts); regular users add
 * the bulk of the workload and an occasional `claude -p` run.
 */
import type { SessionStyle } from './activity.js';
import type { Random } from './random.js';
import type { ScenarioName, SyntheticSession, SyntheticUser } from './types.js';
import { EFFORTS, LANGUAGES, MAIN_MODELS } from './vocabulary.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One Claude Code process of a session. */
export interface ProcessPlan {
  readonly start: number;
  readonly end: number;
  readonly startType: 'fresh' | 'resume' | 'continue' | 'agents_view';
}

/** A planned session. */
export interface SessionPlan {
  readonly session: SyntheticSession;
  readonly style: SessionStyle;
  readonly processes: readonly ProcessPlan[];
  /** Periods without any activity (exports carry nothing). */
  readonly idle: readonly { readonly from: number; readonly to: number }[];
  /** Time after which the counters restart from zero once, inside a running process. */
  readonly resetAt: number | undefined;
}

/** What to plan. */
export interface PlanOptions {
  readonly start: number;
  readonly end: number;
  /** Mean sessions per regular user and weekday (weekends get a quarter). */
  readonly sessionsPerUserDay: number;
  /** Windows (ms) whose start the edge scenario crosses, e.g. 1h, 24h, 7d. */
  readonly edgeWindows: readonly number[];
  /** Sessions per day of each dedicated scenario user. */
  readonly scenarioSessionsPerDay: number;
}

function poisson(rng: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k += 1;
    p *= rng.next();
  }
  return k;
}

/** A start time within day `dayStart`, weighted towards working hours. */
function workingTime(rng: Random, dayStart: number): number {
  const hour = rng.weighted([
    [rng.int(0, 6), 1],
    [rng.int(7, 11), 5],
    [rng.int(12, 17), 6],
    [rng.int(18, 23), 2],
  ] as const);
  return dayStart + hour * HOUR + rng.int(0, HOUR - 1);
}

function styleFor(rng: Random): SessionStyle {
  const mainModel = rng.weighted(MAIN_MODELS.map((m) => [m.id, m.weight] as const));
  return {
    mainModel,
    effort: mainModel.startsWith('claude-opus') && rng.chance(0.7) ? rng.pick(EFFORTS) : undefined,
    intensity: rng.uniform(0.3, 1),
    language: rng.pick(LANGUAGES),
  };
}

/** Builds session plans one by one, with ids and styles drawn from one stream. */
class Planner {
  readonly plans: SessionPlan[] = [];

  constructor(
    private readonly rng: Random,
    private readonly options: PlanOptions,
  ) {}

  add(
    user: SyntheticUser,
    scenario: ScenarioName,
    processes: ProcessPlan[],
    idle: { from: number; to: number }[] = [],
    resetAt?: number,
  ): void {
    const first = processes[0];
    if (!first || first.start < this.options.start || first.start >= this.options.end) return;
    const session: SyntheticSession = {
      id: this.rng.uuid(),
      user,
      terminal: this.rng.pick(user.terminals),
      scenario,
      start: first.start,
      end: first.start,
    };
    this.plans.push({ session, style: styleFor(this.rng), processes, idle, resetAt });
  }

  /** An interactive session of `duration` starting at `start`, with short idle minutes only. */
  interactive(user: SyntheticUser, start: number, duration: number, scenario: ScenarioName = 'regular'): void {
    const startType = this.rng.weighted([
      ['fresh', 80],
      ['resume', 8],
      ['continue', 8],
      ['agents_view', 4],
    ] as const);
    this.add(user, scenario, [{ start, end: start + duration, startType }]);
  }

  /** A `claude -p` run: shorter than one export interval, so its only export is the one at exit. */
  print(user: SyntheticUser, start: number): void {
    this.add(user, 'print', [{ start, end: start + this.rng.int(5_000, 55_000), startType: 'fresh' }]);
  }
}

/** Plans every session of the workload. */
export function planSessions(rng: Random, users: readonly SyntheticUser[], options: PlanOptions): SessionPlan[] {
  const planner = new Planner(rng, options);
  const firstDay = Math.floor(options.start / DAY) * DAY;
  const perDay = options.scenarioSessionsPerDay;
  for (let day = firstDay; day < options.end; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const weekdayFactor = weekday === 0 || weekday === 6 ? 0.25 : 1;
    for (const user of users) {
      switch (user.scenario) {
        case undefined: {
          const count = poisson(rng, options.sessionsPerUserDay * weekdayFactor);
          for (let i = 0; i < count; i++) {
            const start = workingTime(rng, day);
            if (rng.chance(0.05)) planner.print(user, start);
            else planner.interactive(user, start, Math.min(5 * HOUR, Math.max(3 * MINUTE, rng.logNormal(35 * MINUTE, 0.8))));
          }
          break;
        }
        case 'print':
          for (let i = 0; i < 3 * perDay; i++) planner.print(user, day + rng.int(0, DAY - 1));
          break;
        case 'idleOverExpiry':
          for (let i = 0; i < perDay; i++) {
            const start = workingTime(rng, day);
            const duration = rng.int(40, 150) * MINUTE;
            const idle: { from: number; to: number }[] = [];
            const gaps = rng.int(1, 3);
            for (let g = 0; g < gaps; g++) {
              const from = start + rng.int(3 * MINUTE, Math.max(3 * MINUTE, duration - 20 * MINUTE));
              idle.push({ from, to: from + rng.int(6 * MINUTE, 40 * MINUTE) });
            }
            const end = Math.max(start + duration, ...idle.map((g) => g.to + 5 * MINUTE));
            planner.add(user, 'idleOverExpiry', [{ start, end, startType: 'fresh' }], idle);
          }
          break;
        case 'counterReset':
          for (let i = 0; i < perDay; i++) {
            const start = workingTime(rng, day);
            const duration = rng.int(20, 120) * MINUTE;
            // Early resets (small value before, busy after) stress the "climbs past the old value" case.
            const resetAfter = rng.chance(0.4) ? rng.int(2 * MINUTE, 6 * MINUTE) : rng.int(6 * MINUTE, Math.floor(duration * 0.8));
            planner.add(user, 'counterReset', [{ start, end: start + duration, startType: 'fresh' }], [], start + resetAfter);
          }
          break;
        case 'processRestart':
          for (let i = 0; i < perDay; i++) {
            const start = workingTime(rng, day);
            const first = rng.int(4, 60) * MINUTE;
            const gap = rng.chance(0.5) ? rng.int(10_000, 4 * MINUTE) : rng.int(6 * MINUTE, 12 * MINUTE);
            const restart = start + first + gap;
            planner.add(user, 'processRestart', [
              { start, end: start + first, startType: 'fresh' },
              { start: restart, end: restart + rng.int(4, 60) * MINUTE, startType: 'resume' },
            ]);
          }
          break;
        case 'crossesWindowStart':
          break;
        case 'regular':
          break;
      }
    }
  }
  // Sessions across the start of each evaluation window, and single exports seconds before and after it.
  const edgeUser = users.find((u) => u.scenario === 'crossesWindowStart');
  if (edgeUser) {
    for (const window of options.edgeWindows) {
      const boundary = options.end - window;
      for (let i = 0; i < 2; i++) {
        const start = boundary - rng.int(3 * MINUTE, 40 * MINUTE);
        planner.interactive(edgeUser, start, rng.int(20, 90) * MINUTE, 'crossesWindowStart');
      }
      for (const side of [-1, 1]) {
        const exportAt = boundary + side * rng.int(1_000, 14_000);
        const start = exportAt - rng.int(5_000, 50_000);
        planner.add(edgeUser, 'crossesWindowStart', [{ start, end: exportAt, startType: 'fresh' }]);
      }
    }
    if (options.edgeWindows.length > 0) {
      // And the windows' common right edge: a single export seconds before the evaluation end, first
      // visible in the scrape at the end itself (the last rule evaluation a window counts).
      const exportAt = options.end - rng.int(1_000, 14_000);
      const start = exportAt - rng.int(5_000, 50_000);
      planner.add(edgeUser, 'crossesWindowStart', [{ start, end: exportAt, startType: 'fresh' }]);
    }
  }
  return planner.plans.sort((a, b) => a.session.start - b.session.start);
}
