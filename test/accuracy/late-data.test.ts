/**
 * Late data on each engine's own live ruler (scripts/accuracy/late-arrival.ts): every sample reaches the
 * engine over remote write LAG after its timestamp, as behind an agent's queue or a distributed engine's
 * ingestion path, while the engine evaluates our generated rules live (Prometheus 3's rule manager;
 * vmalert on VictoriaMetrics). With `pipeline.evaluationDelay` above the lag the panels' total equals
 * what was reported; with it below the lag the rules miss what arrived after its interval was evaluated,
 * which shows the setting is what keeps them exact. S = 2 s, lag 5 s; D = 8 s (VictoriaMetrics: 20 s)
 * against D = 2 s. The lag exceeds D + S in the second case because vmalert aligns its query time down
 * to the group interval, so on VictoriaMetrics the rules read between D and D + S behind (Prometheus:
 * exactly D).
 *
 * Wall time: about 60 s (all four servers run concurrently).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lateConfig, prometheusRuler, runLateCase, victoriaRuler, type LateCase, type LiveRuler } from '../../scripts/accuracy/late-arrival.js';
import { engineLabel, type SuiteEngine, type SuiteEngineId } from '../../scripts/accuracy/suite-engine.js';
import { suiteEngineOrSkip } from './engine-check.js';

const BASE = { intervalMs: 2000, lagMs: 5000, samples: 12, sessions: 3 } as const;
/**
 * D per engine: the lag plus what the engine adds. VictoriaMetrics makes a new series searchable only
 * 8–10 s after it was ingested (measured on 1.79; later samples of a known series after about 1 s), so
 * its covered case reads 20 s behind.
 */
const COVERED_DELAY_MS: Readonly<Record<string, number>> = { '3': 8000, 'victoria-metrics': 20_000 };
const IDS: readonly SuiteEngineId[] = [3, 'victoria-metrics'];
function cases(id: SuiteEngineId): Readonly<Record<'covered' | 'uncovered', LateCase>> {
  return { covered: { ...BASE, delayMs: COVERED_DELAY_MS[String(id)] ?? 8000 }, uncovered: { ...BASE, delayMs: 2000 } };
}
const engines = IDS.map((id) => ({ id, ...suiteEngineOrSkip(id) }));
type Outcome = { truth: number; counted: number };
const outcomes = new Map<string, Promise<Outcome>>();
const rulers: LiveRuler[] = [];

async function start(engine: SuiteEngine, c: LateCase): Promise<LiveRuler> {
  const config = lateConfig(c);
  const ruler = engine.kind === 'prometheus' ? await prometheusRuler(engine.engine, config) : await victoriaRuler(engine.install, config);
  rulers.push(ruler);
  return ruler;
}

beforeAll(() => {
  for (const { id, engine } of engines) {
    if (!engine) continue;
    for (const [name, c] of Object.entries(cases(id))) {
      const outcome = start(engine, c).then((ruler) => runLateCase(ruler, c, lateConfig(c)));
      outcome.catch(() => {});
      outcomes.set(`${String(id)}/${name}`, outcome);
    }
  }
}, 10_000);

afterAll(async () => {
  await Promise.all(rulers.map((r) => r.stop()));
}, 60_000);

for (const { id, skip, fail } of engines) {
  const CASES = cases(id);
  describe.skipIf(skip !== undefined)(`late data on ${engineLabel(id)}`, () => {
    if (fail) {
      it('has its engine', () => {
        throw new Error(fail);
      });
      return;
    }

    it(`counts exactly when evaluationDelay (${CASES.covered.delayMs / 1000} s) covers a ${BASE.lagMs / 1000} s ingestion lag`, async () => {
      const { truth, counted } = await (outcomes.get(`${String(id)}/covered`) as Promise<Outcome>);
      expect(truth).toBeGreaterThan(0);
      expect(Math.abs(counted - truth) / truth).toBeLessThan(1e-9);
    }, 120_000);

    it(`loses what arrived late when evaluationDelay (${CASES.uncovered.delayMs / 1000} s) is below the lag`, async () => {
      const { truth, counted } = await (outcomes.get(`${String(id)}/uncovered`) as Promise<Outcome>);
      expect(counted).toBeLessThan(truth * 0.5);
    }, 120_000);
  });
}
