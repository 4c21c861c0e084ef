/**
 * Every target of every built dashboard, evaluated in real Prometheus engines at 1h, 24h and 7d with
 * Grafana's macros substituted, must match the ground truth of the synthetic workload within its
 * tolerance. The dashboards read our recording rules' series, which each suite has the engine compute
 * from the loaded samples (`promtool tsdb create-blocks-from rules`, see scripts/accuracy/rule-backfill.ts).
 * One test per dashboard × window × variable selection; a failure lists each number that missed, with
 * panel, query, scenario, window, truth and shown. Range targets are compared on both majors: the
 * backfill puts every rule sample exactly on a step boundary, the worst case for Prometheus 2's closed
 * range windows, which the trend queries are built to be immune to (queries/counters.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../queries/config.js';
import { selectionsFor, type AccuracyRow } from '../../scripts/accuracy/evaluate.js';
import type { SuiteResult } from '../../scripts/accuracy/report.js';
import { accuracyDashboards, runSuite, standardWorkload, SUITES } from '../../scripts/accuracy/suites.js';
import { suiteEngineOrSkip } from './engine-check.js';

const workload = standardWorkload();

function describeMiss(r: AccuracyRow): string {
  return `${r.dashboard} › ${r.panel} (${r.refId}) [${r.queryId}] scenario=${r.scenario} window=${r.window} step=${r.stepSeconds}s: ${r.misses.join('; ')}`;
}

/**
 * Without the rules the dashboards show their raw fallback, an approximation whose error the report
 * measures (test/accuracy/REPORT.md). What must hold: the status line says the rules are not loaded, and
 * every single-number panel whose truth is positive shows a positive number instead of "No data".
 */
function expectFallback(rows: readonly AccuracyRow[]): void {
  const status = rows.filter((r) => r.queryId === 'status.rulesLoaded');
  expect(status.length).toBeGreaterThan(0);
  for (const r of status) expect(r.pass, describeMiss(r)).toBe(true);
  const empty = rows.filter((r) => r.group === '' && r.truth > 0 && !(r.shown > 0)).map(describeMiss);
  expect(empty, `${empty.length} panels show no data without the rules:\n${empty.join('\n')}`).toEqual([]);
}

for (const spec of SUITES) {
  const { engine, skip, fail } = suiteEngineOrSkip(spec.engine);
  describe.skipIf(skip !== undefined)(`accuracy suite ${spec.name}: ${spec.description}`, () => {
    let result: SuiteResult | undefined;

    beforeAll(async () => {
      if (engine) result = await runSuite(spec, engine, workload, { naive: false });
    });
    afterAll(() => {
      result = undefined;
    });

    if (fail) {
      it('has its engine', () => {
        throw new Error(fail);
      });
      return;
    }

    const config = resolveConfig(spec.config);
    for (const dashboard of accuracyDashboards(config)) {
      const scenarios = selectionsFor(dashboard.json, workload.usage, config)
        .map((s) => s.scenario)
        .filter((s) => !spec.scenarios || spec.scenarios.includes(s));
      for (const window of spec.windows) {
        for (const scenario of scenarios) {
          it(`${dashboard.title} · ${window.name} · ${scenario}`, () => {
            const rows = (result?.rows ?? []).filter((r) => r.dashboard === dashboard.title && r.window === window.name && r.scenario === scenario);
            const compared = dashboard.targets.filter((t) => t.instant || spec.rules !== false);
            expect(rows.length, 'one compared number per target').toBe(compared.length);
            // The Loki dashboards (events, session) have no PromQL number to compare.
            if (spec.rules === false && compared.length > 0) {
              expectFallback(rows);
              return;
            }
            if (spec.rules === false) return;
            const misses = rows.filter((r) => !r.pass).map(describeMiss);
            expect(misses, `${misses.length} numbers outside tolerance:\n${misses.join('\n')}`).toEqual([]);
          });
        }
      }
    }
  });
}
