/**
 * The recording rules: generated for every naming scheme, accepted by promtool, and recording exactly
 * what was reported, checked in the real engine (promtool test rules) on both Prometheus majors.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCREMENTS_RULE_NAMES, NAMING_SCHEMES, findSyntaxError, recordingRules, resolveConfig, rulesYaml } from '../../queries/index.js';
import { engineOrSkip } from '../accuracy/engine-check.js';

describe('recording rules', () => {
  it('one rule per metric, at the scrape interval, for every naming scheme', () => {
    for (const naming of NAMING_SCHEMES) {
      const file = recordingRules(resolveConfig({ naming, scrapeInterval: '30s' }));
      expect(file.groups).toHaveLength(1);
      expect(file.groups[0]!.interval).toBe('30s');
      expect(file.groups[0]!.rules.map((r) => r.record)).toEqual(INCREMENTS_RULE_NAMES);
      for (const r of file.groups[0]!.rules) {
        expect(findSyntaxError(r.expr), r.expr).toBeUndefined();
        expect(r.expr).toContain('offset 30s');
      }
    }
  });

  for (const major of [2, 3] as const) {
    const { engine, skip, fail } = engineOrSkip(major);
    describe.skipIf(skip !== undefined)(`in Prometheus ${major}.x`, () => {
      it('promtool accepts the generated rules of every naming scheme it can parse', () => {
        if (fail) throw new Error(fail);
        const dir = mkdtempSync(join(tmpdir(), 'ccd-rules-'));
        for (const naming of NAMING_SCHEMES.filter((n) => n !== 'utf8' || major === 3)) {
          const path = join(dir, `${naming}.yml`);
          writeFileSync(path, rulesYaml(resolveConfig({ naming })));
          expect(execFileSync(engine!.promtool, ['check', 'rules', path], { encoding: 'utf8' })).toContain('SUCCESS: 8 rules found');
        }
      });

      it('records every reported increment: first values, resets, and series that vanish and come back from zero', () => {
        if (fail) throw new Error(fail);
        const dir = mkdtempSync(join(tmpdir(), 'ccd-rules-'));
        writeFileSync(join(dir, 'rules.yml'), rulesYaml(resolveConfig({ naming: 'otel-collector' })));
        // One series per case, sampled every 15 s; the window is (1h, 2h]. Truth per case in the comment.
        const m = 'claude_code_commit_count_total';
        writeFileSync(
          join(dir, 'test.yml'),
          `rule_files: [rules.yml]
evaluation_interval: 15s
tests:
  - interval: 15s
    input_series:
      - series: '${m}{session_id="new"}'          # appears at 5 inside the window: 5 -> 8 -> 12 = 12
        values: '_x300 5x3 8x3 12x20 stale'
      - series: '${m}{session_id="old"}'          # 3 at the window start, 10 at the end: 7
        values: '1x200 3x200 10x40 stale'
      - series: '${m}{session_id="reset"}'        # 4 at the start, 6, restart, 2, 5: 2 + 5 = 7
        values: '4x260 6x100 2x20 5x40 stale'
      - series: '${m}{session_id="gap"}'          # 3 -> 7, expires, back from zero 2 -> 4: 7 + 4 = 11
        values: '_x250 3x8 7x20 stale _x40 2x8 4x20 stale'
      - series: '${m}{session_id="gaphigh"}'      # 3 -> 7, expires, back at 9 (above 7): 7 + 9 = 16
        values: '_x250 3x8 7x20 stale _x40 9x20 stale'
      - series: '${m}{session_id="before"}'       # ended and expired before the window: 0
        values: '1x20 2x20 stale'
    promql_expr_test:
      - expr: 'sum by (session_id) (sum_over_time(claude_code:commits:reported_increments[1h]))'
        eval_time: 7200s
        exp_samples:
          - labels: '{session_id="new"}'
            value: 12
          - labels: '{session_id="old"}'
            value: 7
          - labels: '{session_id="reset"}'
            value: 7
          - labels: '{session_id="gap"}'
            value: 11
          - labels: '{session_id="gaphigh"}'
            value: 16
`,
        );
        // promtool exits non-zero and prints got/expected when any recorded sum differs.
        const out = execFileSync(engine!.promtool, ['test', 'rules', join(dir, 'test.yml')], { encoding: 'utf8', stdio: 'pipe' });
        expect(out).toContain('SUCCESS');
      });
    });
  }
});
