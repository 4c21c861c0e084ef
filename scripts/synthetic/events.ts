/**
 * Synthetic Claude Code events (OTLP log records, telemetry fact sheet §2), seeded: sessions of prompts,
 * API requests (some failing after retries, a few refused), tool decisions and results with durations,
 * subagents, MCP server connections, hook runs, skills and compactions. Each record says when Claude
 * Code emitted it and when its log export reached the collector (every 5 s, OTEL_LOGS_EXPORT_INTERVAL's
 * default), which is when the connector counts it. The ground truth of every window is computed from these records alone
 * (event-truth.ts); signaltometrics.ts turns them into the series Prometheus would store.
 */
import { makeUsers } from './population.js';
import { offGrid } from './pipeline.js';
import { Random } from './random.js';
import type { SyntheticUser } from './types.js';
import { AUXILIARY_MODEL, EFFORTS } from './vocabulary.js';

/** One event as the collector receives it. Attribute values keep their OTLP types (numbers stay numbers). */
export interface SyntheticEventRecord {
  /** event.timestamp, ms since the epoch. */
  readonly time: number;
  /** When the export carrying it reached the collector (off the scrape grid). */
  readonly arrival: number;
  /** `event.name` (the record body is `claude_code.<name>`). */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | number>>;
}

/** A seeded event workload and the pipeline faults it is delivered through. */
export interface EventWorkload {
  readonly start: number;
  readonly end: number;
  readonly records: readonly SyntheticEventRecord[];
  /** Times the collector restarted (its running totals start again from zero). */
  readonly collectorRestarts: readonly number[];
  /** Spans [from, to) in which every scrape of the collector failed. */
  readonly failedScrapes: readonly (readonly [number, number])[];
}

/** Claude Code's default log export interval. */
export const LOG_EXPORT_INTERVAL_MS = 5_000;

const MODELS = ['claude-opus-4-6', 'claude-sonnet-4-5-20250929', 'claude-sonnet-5'] as const;
const TOOLS: readonly (readonly [string, number, number])[] = [
  // name, weight, median duration (ms)
  ['Read', 8, 30],
  ['Edit', 5, 60],
  ['Bash', 6, 2_500],
  ['Grep', 4, 90],
  ['WebFetch', 1, 1_800],
  ['mcp_tool', 2, 700],
];
const STATUS_CODES: readonly (readonly [number | undefined, number])[] = [
  [429, 4],
  [529, 3],
  [500, 2],
  [undefined, 1],
];

/** Standard attributes of every event of a session (§1.1), with the identity the user has. */
function standardAttributes(user: SyntheticUser, sessionId: string, terminal: string): Record<string, string> {
  const a: Record<string, string> = { 'session.id': sessionId, 'user.id': user.userId, 'terminal.type': terminal };
  if (user.email !== undefined) a['user.email'] = user.email;
  if (user.accountUuid !== undefined) a['user.account_uuid'] = user.accountUuid;
  return a;
}

/** Appends records to a session's list; the arrival is the session's next log export. */
class SessionLog {
  readonly records: SyntheticEventRecord[] = [];
  constructor(
    private readonly start: number,
    private readonly std: Record<string, string>,
    private readonly exportJitterMs: number,
  ) {}

  emit(time: number, name: string, attributes: Record<string, string | number>): void {
    const exportAt = this.start + Math.ceil((time - this.start + 1) / LOG_EXPORT_INTERVAL_MS) * LOG_EXPORT_INTERVAL_MS + this.exportJitterMs;
    this.records.push({ time, arrival: offGrid(exportAt), name, attributes: { ...this.std, 'event.name': name, ...attributes } });
  }
}

/** One API request: a success (possibly refused) or, rarely, a failure after its retries. Returns its end. */
function apiRequest(rng: Random, log: SessionLog, t: number, model: string, querySource: string): number {
  const speed = rng.chance(0.1) ? 'fast' : 'normal';
  const common = { model, query_source: querySource, speed, effort: rng.pick(EFFORTS) };
  const duration = Math.round(rng.logNormal(querySource === 'repl_main_thread' ? 6_000 : 1_500, 0.8));
  const end = t + duration;
  if (rng.chance(0.04)) {
    const status = rng.weighted(STATUS_CODES);
    const attempt = rng.chance(0.7) ? 11 : 1;
    const code: Record<string, number> = status === undefined ? {} : { status_code: status };
    log.emit(end, 'api_error', { ...common, ...code, error: status === undefined ? 'Connection error.' : `HTTP ${status}`, duration_ms: duration, attempt });
    if (attempt > 1) log.emit(end, 'api_retries_exhausted', { model, speed, ...code, total_attempts: attempt, total_retry_duration_ms: duration * 3 });
    return end;
  }
  log.emit(end, 'api_request', { ...common, duration_ms: duration, cost_usd: 0.01, input_tokens: 1200, output_tokens: 300 });
  if (rng.chance(0.01)) log.emit(end, 'api_refusal', { model, query_source: querySource, speed, attempt: 1 });
  return end;
}

/** A permission decision and, when accepted, the tool's result. Returns when it finished. */
function toolCall(rng: Random, log: SessionLog, t: number): number {
  const [tool, , median] = rng.weighted(TOOLS.map((x) => [x, x[1]] as const));
  const accept = rng.chance(0.93);
  const source = accept ? rng.pick(['config', 'user_temporary', 'user_permanent', 'hook']) : rng.pick(['user_reject', 'user_abort', 'hook']);
  const decided = t + rng.int(5, 3_000);
  log.emit(decided, 'tool_decision', { tool_name: tool, decision: accept ? 'accept' : 'reject', source, tool_source: tool === 'mcp_tool' ? 'mcp' : 'builtin' });
  if (!accept) return decided;
  const duration = Math.max(1, Math.round(rng.logNormal(median, 1)));
  const success = rng.chance(tool === 'Bash' ? 0.85 : 0.96) ? 'true' : 'false';
  log.emit(decided + duration, 'tool_result', { tool_name: tool, success, duration_ms: duration, decision_type: 'accept', decision_source: source });
  return decided + duration;
}

/** One user turn: a prompt, then requests and tool calls; rarely a subagent. Returns its end. */
function turn(rng: Random, log: SessionLog, t: number, model: string): number {
  log.emit(t, 'user_prompt', { prompt_length: rng.int(10, 2_000), prompt: '<REDACTED>' });
  let now = t;
  if (rng.chance(0.15)) now = apiRequest(rng, log, now + 200, AUXILIARY_MODEL, 'generate_session_title');
  const steps = rng.int(1, 6);
  for (let i = 0; i < steps; i++) {
    now = apiRequest(rng, log, now + rng.int(50, 500), model, 'repl_main_thread');
    const tools = rng.int(0, 3);
    for (let k = 0; k < tools; k++) now = toolCall(rng, log, now + rng.int(10, 300));
  }
  if (rng.chance(0.08)) {
    const started = now;
    for (let i = 0; i < 3; i++) now = apiRequest(rng, log, now + 100, model, 'agent:builtin:general-purpose');
    const agentType = rng.pick(['general-purpose', 'Explore']);
    log.emit(now, 'subagent_completed', { agent_type: agentType, is_built_in: 'true', duration_ms: now - started, model, total_tool_uses: 0 });
  }
  return now;
}

/**
 * What newer Claude Code versions add to a turn: a hook run when the prompt is submitted,
 * now and then a skill, and rarely a context compaction at its end. From their own random stream, so the
 * rest of the workload does not move when these change.
 */
function extensions(rng: Random, log: SessionLog, start: number, end: number): void {
  if (rng.chance(0.4)) {
    const hookEvent = rng.pick(['UserPromptSubmit', 'PreToolUse', 'PostToolUse']);
    log.emit(start + rng.int(5, 200), 'hook_execution_complete', { hook_event: hookEvent, hook_type: 'command', num_hooks: 1, num_success: 1, total_duration_ms: rng.int(5, 900) });
  }
  if (rng.chance(0.1)) {
    const skill = { 'skill.name': rng.pick(['custom_skill', 'pdf', 'xlsx']), 'skill.source': rng.pick(['userSettings', 'plugin']) };
    log.emit(start + rng.int(100, 1_000), 'skill_activated', { ...skill, invocation_trigger: 'model' });
  }
  if (rng.chance(0.05)) {
    const success = rng.chance(0.9) ? 'true' : 'false';
    log.emit(end + rng.int(10, 2_000), 'compaction', { trigger: rng.chance(0.8) ? 'auto' : 'manual', success, duration_ms: rng.int(2_000, 30_000), pre_tokens: 160_000, post_tokens: 20_000 });
  }
}

/** One session: MCP connections at start, then turns with think time, for at most `maxMs`. */
function session(rng: Random, user: SyntheticUser, start: number, maxMs: number): SyntheticEventRecord[] {
  const terminal = rng.pick(user.terminals);
  const log = new SessionLog(start, standardAttributes(user, rng.uuid(), terminal), rng.int(20, 900));
  for (let i = rng.int(0, 2); i > 0; i--) {
    const failed = rng.chance(0.2);
    log.emit(start + rng.int(100, 3_000), 'mcp_server_connection', {
      status: failed ? 'failed' : 'connected',
      transport_type: rng.pick(['stdio', 'http']),
      server_scope: 'user',
      duration_ms: rng.int(50, 4_000),
      ...(failed ? { error_code: 'ECONNREFUSED' } : {}),
    });
  }
  const model = rng.pick(MODELS);
  const ext = rng.fork(`extensions:${start}`);
  let t = start + 5_000;
  while (t < start + maxMs) {
    const end = turn(rng, log, t, model);
    extensions(ext, log, t, end);
    t = end + Math.round(rng.logNormal(60_000, 0.9));
  }
  return log.records;
}

/**
 * A seeded workload: `users` people, each with sessions of at most 45 minutes separated by at least two
 * hours (so every gap of a derived series is either well within the counting rules' look-back or well
 * beyond the pipeline's memory, as pipeline.ts requires of exact counting), over `days` days.
 */
export function generateEvents(seed: string, start: number, days: number, users = 6): Omit<EventWorkload, 'collectorRestarts' | 'failedScrapes'> {
  const rng = new Random(`events:${seed}`);
  const end = start + days * 86_400_000;
  const records: SyntheticEventRecord[] = [];
  for (const user of makeUsers(rng.fork('users'), users, 0.3).filter((u) => u.scenario === undefined)) {
    const r = rng.fork(user.key);
    for (let t = start + r.int(0, 3_600_000); t < end - 3_600_000; t += 45 * 60_000 + r.int(2 * 3_600_000, 8 * 3_600_000)) {
      records.push(...session(r, user, t, r.int(5, 40) * 60_000));
    }
  }
  records.sort((a, b) => a.arrival - b.arrival || a.time - b.time);
  return { start, end, records };
}
