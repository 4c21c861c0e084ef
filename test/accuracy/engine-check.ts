/**
 * How engine-backed tests treat a missing engine (Prometheus, VictoriaMetrics): in CI (`CI=true`) the test fails, naming the install
 * command; elsewhere it is skipped with the same message.
 */
import { findEngine, inCI, type Engine, type EngineMajor } from '../../scripts/accuracy/engines.js';
import { engineLabel, findSuiteEngine, type SuiteEngine, type SuiteEngineId } from '../../scripts/accuracy/suite-engine.js';

/** The engine, or the reason it is missing and whether that must fail the run. */
export function engineOrSkip(major: EngineMajor): { engine: Engine; skip: undefined; fail: undefined } | { engine: undefined; skip: string | undefined; fail: string | undefined } {
  const found = findEngine(major);
  if (!('missing' in found)) return { engine: found, skip: undefined, fail: undefined };
  if (inCI()) return { engine: undefined, skip: undefined, fail: `CI=true and ${found.missing}` };
  console.warn(`skipping Prometheus ${major} tests: ${found.missing}`);
  return { engine: undefined, skip: found.missing, fail: undefined };
}

/** The same for any suite engine (Prometheus 2, 3 or VictoriaMetrics). */
export function suiteEngineOrSkip(id: SuiteEngineId): { engine: SuiteEngine; skip: undefined; fail: undefined } | { engine: undefined; skip: string | undefined; fail: string | undefined } {
  const found = findSuiteEngine(id);
  if (!('missing' in found)) return { engine: found, skip: undefined, fail: undefined };
  if (inCI()) return { engine: undefined, skip: undefined, fail: `CI=true and ${found.missing}` };
  console.warn(`skipping ${engineLabel(id)} tests: ${found.missing}`);
  return { engine: undefined, skip: found.missing, fail: undefined };
}
