/**
 * The engines an accuracy suite can run on: Prometheus 2 or 3 (engines.ts), or VictoriaMetrics with
 * vmalert (victoria-server.ts, fed through vmagent: loaded-victoria.ts). A suite names one; this module
 * finds it and starts it loaded with the workload, so the suite itself does not care which engine
 * answers its PromQL.
 */
import type { Config } from '../../queries/config.js';
import type { NamingScheme } from '../../queries/naming.js';
import type { SyntheticUsage } from '../synthetic/types.js';
import { findEngine, INSTALL_HINT, type Engine, type EngineMajor } from './engines.js';
import { startLoadedPrometheus } from './loaded-prometheus.js';
import type { RuleBackfill } from './rule-backfill.js';
import { startLoadedVictoria } from './loaded-victoria.js';
import { findVictoria, VICTORIA_INSTALL_HINT, type VictoriaInstall } from './victoria-server.js';

/** Which engine a suite runs on. */
export type SuiteEngineId = EngineMajor | 'victoria-metrics';

/** A found engine of either kind. */
export type SuiteEngine =
  | { readonly kind: 'prometheus'; readonly engine: Engine }
  | { readonly kind: 'victoria-metrics'; readonly install: VictoriaInstall };

/** How to install an engine, for skip and failure messages. */
export function installHint(id: SuiteEngineId): string {
  return id === 'victoria-metrics' ? VICTORIA_INSTALL_HINT : INSTALL_HINT[id];
}

/** A readable engine name for test titles and messages. */
export function engineLabel(id: SuiteEngineId): string {
  return id === 'victoria-metrics' ? 'VictoriaMetrics' : `Prometheus ${id}`;
}

/** Finds the engine, or the reason it is missing. */
export function findSuiteEngine(id: SuiteEngineId): SuiteEngine | { missing: string } {
  if (id === 'victoria-metrics') {
    const install = findVictoria();
    return 'missing' in install ? install : { kind: 'victoria-metrics', install };
  }
  const engine = findEngine(id);
  return 'missing' in engine ? engine : { kind: 'prometheus', engine };
}

/** The engine's version string, for reports. */
export function engineVersion(e: SuiteEngine): string {
  return e.kind === 'prometheus' ? e.engine.version : e.install.version;
}

/** A running engine with the workload (and, when asked, the rules' series) loaded. */
export interface LoadedEngine {
  readonly baseUrl: string;
  readonly seriesCount: number;
  readonly sampleCount: number;
  readonly loadSeconds: number;
  readonly rules: RuleBackfill | undefined;
  stop(): Promise<void>;
}

/** Loads `usage` under `naming` into a fresh server of the engine; with `rules`, computes their series. */
export async function startLoadedEngine(e: SuiteEngine, usage: SyntheticUsage, naming: NamingScheme, rules?: { config: Config; fromMs?: number }): Promise<LoadedEngine> {
  if (e.kind === 'prometheus') return startLoadedPrometheus(e.engine, usage, naming, rules);
  return startLoadedVictoria(e.install, usage, naming, rules);
}
