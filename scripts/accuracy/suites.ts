/**
 * The standard accuracy runs, shared by the test suite and `npm run verify`: one workload, several
 * (engine, naming scheme, configuration) combinations, so every naming scheme is exercised at least once
 * and the UTF-8 scheme runs on Prometheus 3.
 *
 * Each run loads the raw samples (remote write), then has the engine compute our recording rules' series
 * from them (`promtool tsdb create-blocks-from rules` with the configuration's `rulesYaml`, evaluations on
 * the scrape grid, see rule-backfill.ts) and pushes their samples into the same server; the dashboards
 * read the rules' series, the naive formulation the raw metrics.
 *
 * Sizing: 12 regular users plus 5 scenario users over 7.5 days (about 200 sessions, 5,400 series,
 * 620,000 samples) is enough for every scenario to occur many times; the rule backfill of 7 days takes
 * about 15 s per suite and the main suite's queries (every target × 3 windows × 6 variable selections)
 * about 10 s on 2 cores. The other suites evaluate fewer windows or selections, and those that only
 * evaluate short windows backfill only the hours they read.
 */
import { buildDashboards, dashboardSpecs, healthDashboardUid, type BuiltDashboard } from '../../dashboards/index.js';
import { teamBudgetDashboard } from '../../dashboards/examples/team-budget.js';
import type { Config } from '../../queries/config.js';
import { resolveConfig, type ConfigInput } from '../../queries/config.js';
import type { NamingScheme } from '../../queries/naming.js';
import { generateUsage, type GeneratorOptions } from '../synthetic/generate.js';
import { DEFAULT_TIMING } from '../synthetic/pipeline.js';
import { GroundTruth } from '../synthetic/truth.js';
import type { ScenarioName, SyntheticUsage } from '../synthetic/types.js';
import { evaluateRun, WINDOWS, type WindowSpec } from './evaluate.js';
import { intervalToMs } from './grafana-macros.js';
import type { SuiteResult } from './report.js';
import { engineVersion, startLoadedEngine, type SuiteEngine, type SuiteEngineId } from './suite-engine.js';

/**
 * The workload of every suite. The evaluation "now" is 12:00 UTC: on the 15 s scrape grid and a multiple of
 * every Grafana step up to 12 h, so instant queries are not shifted by step alignment.
 */
export const STANDARD_WORKLOAD: Partial<GeneratorOptions> = {
  seed: 'claude-code-dashboards/accuracy',
  end: Date.UTC(2026, 7, 26, 12, 0, 0),
  regularUsers: 12,
  sessionsPerUserDay: 1.5,
  scenarioSessionsPerDay: 2,
};

/**
 * The scrape interval of the synthetic pipeline (Prometheus scraping the Collector every 15 s), and so of
 * every suite's configuration: the recording rules run at it and the data source uses it as `timeInterval`.
 */
export const SUITE_SCRAPE_INTERVAL = `${DEFAULT_TIMING.scrapeIntervalMs / 1000}s`;

/** Rule samples are backfilled from this long before the start of the longest evaluated window. */
const BACKFILL_MARGIN_MS = 3_600_000;

/** One accuracy run. */
export interface SuiteSpec {
  readonly name: string;
  readonly description: string;
  readonly engine: SuiteEngineId;
  readonly naming: NamingScheme;
  readonly config: ConfigInput;
  readonly windows: readonly WindowSpec[];
  /** Variable selections to evaluate; all of them when omitted. */
  readonly scenarios?: readonly (ScenarioName | 'all')[];
  /**
   * `false`: the recording rules are not loaded, as where a dashboard is only imported; the dashboards
   * then show their raw-counter fallback, compared exactly with what it promises (each series' last life
   * in the window, scripts/synthetic/last-life-truth.ts) on the instant targets. Graph steps each have
   * their own last life, which this truth does not model: range targets are not compared there.
   */
  readonly rules?: false;
}

const byName = (...names: string[]): WindowSpec[] => WINDOWS.filter((w) => names.includes(w.name));

export const SUITES: readonly SuiteSpec[] = [
  {
    name: 'main',
    description: 'Collector naming on Prometheus 3 (the Compose stack), every window, All and each scenario user',
    engine: 3,
    naming: 'otel-collector',
    config: { scrapeInterval: SUITE_SCRAPE_INTERVAL },
    windows: WINDOWS,
  },
  {
    name: 'prometheus-2',
    description: "Claude Code's own :9464 naming on Debian's Prometheus 2 (closed range windows), every window, All",
    engine: 2,
    naming: 'claude-code-prometheus',
    config: { naming: 'claude-code-prometheus', scrapeInterval: SUITE_SCRAPE_INTERVAL },
    windows: WINDOWS,
    scenarios: ['all'],
  },
  {
    name: 'no-suffix-teams',
    description: 'no-suffix naming with a team variable (team.id) on Prometheus 2, 1h window, All and each scenario user',
    engine: 2,
    naming: 'no-suffix',
    config: { naming: 'no-suffix', teamLabels: ['team.id'], scrapeInterval: SUITE_SCRAPE_INTERVAL },
    windows: byName('1h'),
  },
  {
    name: 'utf8',
    description: 'UTF-8 names and labels (quoted selectors) on Prometheus 3, 1h window, All and each scenario user',
    engine: 3,
    naming: 'utf8',
    config: { naming: 'utf8', scrapeInterval: SUITE_SCRAPE_INTERVAL },
    windows: byName('1h'),
  },
  {
    name: 'import-only',
    description: 'The dashboards without the recording rules (an imported dashboard): the raw fallback on Prometheus 3, every window, All',
    engine: 3,
    naming: 'otel-collector',
    config: { scrapeInterval: SUITE_SCRAPE_INTERVAL },
    windows: WINDOWS,
    scenarios: ['all'],
    rules: false,
  },
  {
    name: 'victoria-metrics',
    description: 'Collector naming on VictoriaMetrics (MetricsQL), the rules evaluated by vmalert, every window, All and each scenario user',
    engine: 'victoria-metrics',
    naming: 'otel-collector',
    config: { scrapeInterval: SUITE_SCRAPE_INTERVAL },
    windows: WINDOWS,
  },
];

/**
 * The dashboards the accuracy suite proves in the engine: the stock ones and the opt-in worked example
 * (a user who registers it gets the same exact numbers). Not the telemetry health dashboard: it reads the
 * pipeline's own metrics (up, the collector's and Prometheus' counters), which the standard workload does
 * not have; its own suite with known truth is test/accuracy/health-in-engine.test.ts.
 */
export function accuracyDashboards(config: Config): BuiltDashboard[] {
  const stock = dashboardSpecs(config).filter((s) => s.uid !== healthDashboardUid(config));
  return buildDashboards(config, [...stock, teamBudgetDashboard(config)]);
}

/** Generates the standard workload once. */
export function standardWorkload(overrides: Partial<GeneratorOptions> = {}): { usage: SyntheticUsage; truth: GroundTruth } {
  const usage = generateUsage({ ...STANDARD_WORKLOAD, ...overrides });
  return { usage, truth: new GroundTruth(usage) };
}

/** One line describing a workload, for reports. */
export function describeWorkload(usage: SyntheticUsage): string {
  const byScenario = new Map<string, number>();
  for (const s of usage.sessions) byScenario.set(s.scenario, (byScenario.get(s.scenario) ?? 0) + 1);
  const scenarios = [...byScenario].map(([k, v]) => `${k} ${v}`).join(', ');
  return `seed "${usage.seed}", ${usage.users.length} users, ${usage.sessions.length} sessions (${scenarios}), ${usage.series.length} series, ${usage.reports.length} exports (${usage.heldBackRestarts} invisible restarts held back), ${new Date(usage.start).toISOString()} to ${new Date(usage.end).toISOString()}.`;
}

/** Loads the workload into a fresh Prometheus, evaluates the suite and stops the server. */
export async function runSuite(
  spec: SuiteSpec,
  engine: SuiteEngine,
  workload: { usage: SyntheticUsage; truth: GroundTruth },
  options: { naive: boolean; concurrency?: number },
): Promise<SuiteResult> {
  const config = resolveConfig(spec.config, `suite ${spec.name}`);
  if (intervalToMs(config.scrapeInterval) !== DEFAULT_TIMING.scrapeIntervalMs) {
    throw new Error(`suite ${spec.name}: scrapeInterval ${config.scrapeInterval} is not the synthetic pipeline's ${SUITE_SCRAPE_INTERVAL}`);
  }
  const longest = Math.max(...spec.windows.map((w) => w.ms));
  const t0 = performance.now();
  const rules = spec.rules === false ? undefined : { config, fromMs: workload.usage.end - longest - BACKFILL_MARGIN_MS };
  const server = await startLoadedEngine(engine, workload.usage, spec.naming, rules);
  const t1 = performance.now();
  try {
    const rows = await evaluateRun({
      engine: engineVersion(engine),
      baseUrl: server.baseUrl,
      config,
      usage: workload.usage,
      truth: workload.truth,
      rulesLoaded: spec.rules !== false,
      dashboards: accuracyDashboards(config),
      windows: spec.windows,
      naive: options.naive,
      ...(spec.scenarios ? { scenarios: spec.scenarios } : {}),
      concurrency: options.concurrency ?? 3,
    });
    return {
      name: spec.name,
      description: spec.description,
      engine: engineVersion(engine),
      naming: spec.naming,
      series: server.seriesCount,
      samples: server.sampleCount,
      loadSeconds: server.loadSeconds,
      rulesSeconds: server.rules?.seconds ?? 0,
      ruleSamples: server.rules?.samples ?? 0,
      rulesFrom: server.rules?.startMs ?? workload.usage.start,
      rulesLoaded: spec.rules !== false,
      setupSeconds: (t1 - t0) / 1000,
      evaluateSeconds: (performance.now() - t1) / 1000,
      rows,
    };
  } finally {
    await server.stop();
  }
}
