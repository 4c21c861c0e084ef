/**
 * The Prometheus side of the live fault suite (test/accuracy/real-scrape.test.ts): the scrape and rules
 * configuration at a scaled time base, the phases (where in the interval the scrapes of a target and the
 * rule evaluations fall, read from stored sample timestamps), loading the rules with a chosen evaluation
 * phase, and the panels' total `sum by (case) (sum_over_time(<rule>[W]))`, looked at D after the data.
 *
 * Prometheus starts each target's scrapes at a hash of its labels and each rule group's evaluations at a
 * hash of group name and file path (rule-backfill.ts `ruleGroupOffsetNs`). The scrape phases are measured
 * once the targets are scraped; then a rules file name is picked whose group phase lies where the suite
 * wants it relative to them, the file is written and Prometheus reloads (`--web.enable-lifecycle`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig, formatDuration, type Config } from '../../queries/config.js';
import { RULE_GROUP_NAME, recordingRules, rulesYaml } from '../../queries/rules.js';
import type { EngineMajor } from './engines.js';
import { LIVE_UNITS } from './live-scenarios.js';
import { queryInstant } from './prometheus-api.js';
import type { PrometheusServer } from './prometheus-server.js';
import { ruleGroupOffsetNs } from './rule-backfill.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The configuration of the rules at scrape interval `intervalMs`: X = 10, M = 60, D = 1 intervals. */
export function liveConfig(intervalMs: number): Config {
  return resolveConfig({
    naming: 'otel-collector',
    scrapeInterval: formatDuration(intervalMs),
    pipeline: {
      exporterExpiry: formatDuration(LIVE_UNITS.expiry * intervalMs),
      seriesMemory: formatDuration(LIVE_UNITS.memory * intervalMs),
      evaluationDelay: formatDuration(intervalMs),
    },
  });
}

/** Prometheus flags of the scaled time base: lookback delta 20 intervals, reloads over HTTP. */
export function liveFlags(intervalMs: number): string[] {
  return [`--query.lookback-delta=${formatDuration(LIVE_UNITS.lookbackDelta * intervalMs)}`, '--web.enable-lifecycle'];
}

/** `scrape_configs` (one job per target, timeout 0.9 intervals) and the rules glob, appended to the config. */
export function scrapeConfigYaml(targets: readonly { readonly job: string; readonly address: string }[], intervalMs: number, rulesGlob: string): string {
  const jobs = targets.map(
    (t) =>
      `  - job_name: ${JSON.stringify(t.job)}\n    scrape_interval: ${formatDuration(intervalMs)}\n` +
      `    scrape_timeout: ${formatDuration(LIVE_UNITS.scrapeTimeout * intervalMs)}\n    static_configs:\n      - targets: ['${t.address}']\n`,
  );
  return `rule_files:\n  - ${JSON.stringify(rulesGlob)}\nscrape_configs:\n${jobs.join('')}`;
}

/** The most frequent value of a list (ties: the first). */
function mode(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Stored sample timestamps (ms) of `selector` within `rangeMs` before `atMs`. */
export async function sampleTimes(baseUrl: string, selector: string, atMs: number, rangeMs: number): Promise<number[]> {
  const result = await queryInstant(baseUrl, `${selector}[${Math.ceil(rangeMs)}ms]`, atMs);
  return result.flatMap((s) => s.points.map(([t]) => Math.round(t * 1000)));
}

/** Residues of timestamps modulo the interval: the phase of a series of scrapes or evaluations. */
export function phasesOf(times: readonly number[], intervalMs: number): number[] {
  return [...new Set(times.map((t) => ((t % intervalMs) + intervalMs) % intervalMs))].sort((a, b) => a - b);
}

/** Waits until every job has at least three `up` samples and returns each job's scrape phase (ms). */
export async function scrapePhases(baseUrl: string, jobs: readonly string[], intervalMs: number): Promise<Map<string, number>> {
  const phases = new Map<string, number>();
  const deadline = Date.now() + 20 * intervalMs + 10_000;
  for (let attempt = 0; attempt < 400 && Date.now() < deadline && phases.size < jobs.length; attempt++) {
    for (const job of jobs.filter((j) => !phases.has(j))) {
      const times = await sampleTimes(baseUrl, `up{job=${JSON.stringify(job)}}`, Date.now(), 10 * intervalMs);
      const phase = mode(times.map((t) => t % intervalMs));
      if (times.length >= 3 && phase !== undefined) phases.set(job, phase);
    }
    if (phases.size < jobs.length) await sleep(Math.min(250, intervalMs / 2));
  }
  const missing = jobs.filter((j) => !phases.has(j));
  if (missing.length > 0) throw new Error(`no scrapes of ${missing.join(', ')} at ${baseUrl}`);
  return phases;
}

/** `(a − b) mod interval`, in [0, interval). */
export function phaseDifference(a: number, b: number, intervalMs: number): number {
  return (((a - b) % intervalMs) + intervalMs) % intervalMs;
}

/** The first time at least `leadMs` from now that lies on `phaseMs` of the interval. */
export function alignedStart(phaseMs: number, intervalMs: number, leadMs: number): number {
  const earliest = Date.now() + leadMs;
  return earliest + phaseDifference(phaseMs, earliest, intervalMs);
}

/**
 * A rules file path in `dir` whose group evaluates `wantedMs` (± 1 % of the interval) into each interval
 * in this engine build, and that phase (the evaluation timestamps' ms, truncated as Prometheus stores them).
 */
export function rulesFileForPhase(major: EngineMajor, dir: string, intervalMs: number, wantedMs: number): { path: string; phaseMs: number } {
  const tolerance = 0.01 * intervalMs;
  for (let n = 0; n < 100_000; n++) {
    const path = join(dir, `claude-code-dashboards.live.${n}.rules.yml`);
    const phaseMs = Number(ruleGroupOffsetNs(major, path, RULE_GROUP_NAME, intervalMs) / 1_000_000n);
    const off = phaseDifference(phaseMs, wantedMs, intervalMs);
    if (Math.min(off, intervalMs - off) <= tolerance) return { path, phaseMs };
  }
  throw new Error(`no rules file name gives phase ${wantedMs} ms of ${intervalMs} ms`);
}

/** Writes the rules of `config` (`rulesYaml`), makes Prometheus reload and waits until it evaluates them from that file. */
export async function loadRules(server: PrometheusServer, path: string, config: Config): Promise<void> {
  writeFileSync(path, rulesYaml(config));
  const ruleCount = recordingRules(config).groups[0]?.rules.length;
  const reload = await fetch(`${server.baseUrl}/-/reload`, { method: 'POST' });
  if (!reload.ok) throw new Error(`reload failed: ${reload.status} ${await reload.text()}`);
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${server.baseUrl}/api/v1/rules`);
    const body = (await response.json()) as { data?: { groups?: { name: string; file: string; rules: unknown[] }[] } };
    const group = body.data?.groups?.find((g) => g.name === RULE_GROUP_NAME && g.file === path);
    if (group && group.rules.length === ruleCount) return;
    await sleep(100);
  }
  const seen = await (await fetch(`${server.baseUrl}/api/v1/rules`)).text();
  throw new Error(`Prometheus at ${server.baseUrl} did not load ${path}: ${seen.slice(0, 300)}`);
}

/** The evaluation phases seen in the stored samples of every recording rule within `rangeMs` before `atMs`. */
export async function rulePhases(baseUrl: string, atMs: number, rangeMs: number, intervalMs: number): Promise<number[]> {
  const times = await sampleTimes(baseUrl, `{__name__=~"claude_code:.+:reported_increments"}`, atMs, rangeMs);
  return phasesOf(times, intervalMs);
}

/**
 * What a panel shows per session for job `job` for the data in (atMs − W, atMs]: the panels' total
 * `sum by (case) (sum_over_time(rule[W]))`, looked at D later (the rules read D behind). Each scenario
 * series carries its session as `case` too: the rules sum over `session_id`.
 */
export async function reportedBySession(baseUrl: string, query: { rule: string; job: string; windowMs: number; delayMs: number; atMs: number }): Promise<Map<string, number>> {
  const selector = `${query.rule}{job=${JSON.stringify(query.job)}}`;
  const promql = `sum by (case) (sum_over_time(${selector}[${query.windowMs}ms]))`;
  const result = await queryInstant(baseUrl, promql, query.atMs + query.delayMs);
  return new Map(result.map((s) => [s.labels.case ?? '', s.points[0]?.[1] ?? Number.NaN]));
}

/** Scrapes of `job` in (fromMs, toMs]: how many were stored and how many failed (`up` 0). */
export async function scrapeCounts(baseUrl: string, job: string, fromMs: number, toMs: number): Promise<{ scrapes: number; failed: number }> {
  const result = await queryInstant(baseUrl, `up{job=${JSON.stringify(job)}}[${Math.round(toMs - fromMs)}ms]`, toMs);
  const values = result.flatMap((s) => s.points.map(([, v]) => v));
  return { scrapes: values.length, failed: values.filter((v) => v === 0).length };
}
