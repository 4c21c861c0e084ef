/**
 * The standard accuracy runs, shared by the test suite and `npm run verify`: one workload, several
 * (engine, naming scheme, configuration) combinations, so every naming scheme is exercised at least once
 * and the UTF-8 scheme runs on Prometheus 3.
 *
 * Sizing: 12 regular users plus 5 scenario users over 7.5 days (about 210 sessions, 5,000 series,
 * 530,000 samples) is enough for every scenario to occur many times while a full run of the main suite
 * (every target × 3 windows × 6 variable selections) stays around a minute on 2 cores. The other suites
 * evaluate fewer windows or selections.
 */
import { buildDashboards } from '../../dashboards/index.js';
import { resolveConfig, type ConfigInput } from '../../queries/config.js';
import type { NamingScheme } from '../../queries/naming.js';
import { generateUsage, type GeneratorOptions } from '../synthetic/generate.js';
import { GroundTruth } from '../synthetic/truth.js';
import type { ScenarioName, SyntheticUsage } from '../synthetic/types.js';
import type { Engine, EngineMajor } from './engines.js';
import { evaluateRun, WINDOWS, type WindowSpec } from './evaluate.js';
import { startLoadedPrometheus } from './loaded-prometheus.js';
import type { SuiteResult } from './report.js';

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

/** One accuracy run. */
export interface SuiteSpec {
  readonly name: string;
  readonly description: string;
  readonly engine: EngineMajor;
  readonly naming: NamingScheme;
  readonly config: ConfigInput;
  readonly windows: readonly WindowSpec[];
  /** Variable selections to evaluate; all of them when omitted. */
  readonly scenarios?: readonly (ScenarioName | 'all')[];
}

const byName = (...names: string[]): WindowSpec[] => WINDOWS.filter((w) => names.includes(w.name));

export const SUITES: readonly SuiteSpec[] = [
  {
    name: 'main',
    description: 'Collector naming on Prometheus 3 (the Compose stack), every window, All and each scenario user',
    engine: 3,
    naming: 'otel-collector',
    config: {},
    windows: WINDOWS,
  },
  {
    name: 'prometheus-2',
    description: "Claude Code's own :9464 naming on Debian's Prometheus 2 (closed range windows), every window, All",
    engine: 2,
    naming: 'claude-code-prometheus',
    config: { naming: 'claude-code-prometheus' },
    windows: WINDOWS,
    scenarios: ['all'],
  },
  {
    name: 'no-suffix-teams',
    description: 'no-suffix naming with a team variable (team.id) on Prometheus 2, 1h window, All and each scenario user',
    engine: 2,
    naming: 'no-suffix',
    config: { naming: 'no-suffix', teamLabels: ['team.id'] },
    windows: byName('1h'),
  },
  {
    name: 'utf8',
    description: 'UTF-8 names and labels (quoted selectors) on Prometheus 3, 1h window, All and each scenario user',
    engine: 3,
    naming: 'utf8',
    config: { naming: 'utf8' },
    windows: byName('1h'),
  },
];

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
  engine: Engine,
  workload: { usage: SyntheticUsage; truth: GroundTruth },
  options: { naive: boolean; concurrency?: number },
): Promise<SuiteResult> {
  const config = resolveConfig(spec.config, `suite ${spec.name}`);
  const t0 = performance.now();
  const server = await startLoadedPrometheus(engine, workload.usage, spec.naming);
  const t1 = performance.now();
  try {
    const rows = await evaluateRun({
      engine: engine.version,
      baseUrl: server.baseUrl,
      config,
      usage: workload.usage,
      truth: workload.truth,
      dashboards: buildDashboards(config),
      windows: spec.windows,
      naive: options.naive,
      ...(spec.scenarios ? { scenarios: spec.scenarios } : {}),
      concurrency: options.concurrency ?? 3,
    });
    return {
      name: spec.name,
      description: spec.description,
      engine: engine.version,
      naming: spec.naming,
      series: server.seriesCount,
      samples: server.sampleCount,
      loadSeconds: (t1 - t0) / 1000,
      evaluateSeconds: (performance.now() - t1) / 1000,
      rows,
    };
  } finally {
    await server.stop();
  }
}
