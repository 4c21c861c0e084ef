/**
 * The data model of the synthetic Claude Code workload: users, sessions, counter series and the reports
 * (OTLP exports) that carry their increments. Ground truth, the Prometheus exposition and the OpenTelemetry
 * replay are all computed from the same `Report` list, so they cannot disagree about what happened.
 */
import type { MetricKey } from '../../queries/catalog.js';

/** The situations issue 3 asks for, each produced on purpose. */
export const SCENARIOS = [
  'regular',
  'print',
  'crossesWindowStart',
  'idleOverExpiry',
  'counterReset',
  'processRestart',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** What each scenario is, for reports and failure messages. */
export const SCENARIO_DESCRIPTIONS: Readonly<Record<ScenarioName, string>> = {
  regular: 'many users and models: interactive sessions with short idle minutes (series still expire and reappear)',
  print: '`claude -p` runs: one export at exit, every series appears once at its full value and expires',
  crossesWindowStart: 'sessions running across the start of the 1h/24h/7d windows, plus single exports seconds before and after it and seconds before the end',
  idleOverExpiry: 'sessions idle 6-40 minutes: every series disappears (metric_expiration) and comes back from zero',
  counterReset: 'the counters of a running session restart from zero once (no gap)',
  processRestart: 'the process exits and a new one resumes the same session_id: counters restart, session.count again as resume',
};

/** One synthetic person (or API-key install). */
export interface SyntheticUser {
  /** Short stable name, e.g. `u07`. */
  readonly key: string;
  /** OAuth users only; API-key users have none (Claude Code sets `user.email` for OAuth logins only). */
  readonly email: string | undefined;
  /** `user.id`: 64 hex characters, always present. */
  readonly userId: string;
  readonly accountUuid: string | undefined;
  readonly organizationId: string | undefined;
  /** `team.id`, sent as a resource attribute and copied onto every datapoint. */
  readonly team: string;
  readonly terminals: readonly string[];
  /** Set for users that exist to isolate one scenario (so a per-user evaluation names the scenario). */
  readonly scenario: ScenarioName | undefined;
}

/** One Claude Code session (one `session.id`), possibly run by several processes (restart/resume). */
export interface SyntheticSession {
  readonly id: string;
  readonly user: SyntheticUser;
  readonly terminal: string;
  readonly scenario: ScenarioName;
  /** First process start, ms since the epoch. */
  readonly start: number;
  /** Last export, ms since the epoch (filled in by the generator). */
  end: number;
}

/** One counter series as Claude Code emits it: a metric and its datapoint attributes (OpenTelemetry names). */
export interface SeriesIdentity {
  /** Stable key of metric + attributes. */
  readonly key: string;
  readonly metric: MetricKey;
  /** Every datapoint attribute, standard ones included, by OpenTelemetry attribute name. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly session: SyntheticSession;
}

/**
 * One export of one series: Claude Code reported `amount` more of it at `time`. `epoch` numbers the counter
 * lives of the session: a new epoch (process restart, counter reset) makes the series restart from zero.
 */
export interface Report {
  /** Export time, ms since the epoch; never exactly on the scrape grid (see exposition.ts). */
  readonly time: number;
  readonly series: SeriesIdentity;
  readonly amount: number;
  readonly epoch: number;
}

/** A log event (OTLP log record) for the demo, derived from the same activity. */
export interface SyntheticEvent {
  readonly time: number;
  readonly name: 'api_request' | 'user_prompt' | 'tool_decision';
  readonly session: SyntheticSession;
  readonly attributes: Readonly<Record<string, string | number>>;
}

/** A whole synthetic workload. */
export interface SyntheticUsage {
  readonly seed: string;
  /** First and last instant covered, ms since the epoch. `end` is the evaluation "now" and lies on the scrape grid. */
  readonly start: number;
  readonly end: number;
  readonly exportIntervalMs: number;
  readonly users: readonly SyntheticUser[];
  readonly sessions: readonly SyntheticSession[];
  readonly series: readonly SeriesIdentity[];
  /** Sorted by time. */
  readonly reports: readonly Report[];
  /** Restarts that Prometheus could not have seen, held back until the series expired (report-writer.ts). */
  readonly heldBackRestarts: number;
  readonly events: readonly SyntheticEvent[];
}

/** The value a by-user panel shows for a user: the e-mail, or the `user_id:<id>` fallback for API-key users. */
export function identityValue(user: SyntheticUser): string {
  return user.email ?? `user_id:${user.userId}`;
}
