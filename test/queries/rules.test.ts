/**
 * The recording rules: generated for every naming scheme, accepted by promtool, and recording exactly
 * what was reported, checked in the real engine (promtool test rules) on both Prometheus majors.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_METRIC_KEYS, eventRuleName } from '../../queries/events.js';
import { INCREMENTS_RULE_NAMES, NAMING_SCHEMES, RULES_LOADED_SERIES, findSyntaxError, recordingRules, resolveConfig, rulesYaml } from '../../queries/index.js';
import { EVENT_RULE_GROUP_NAME, RULE_GROUP_NAME } from '../../queries/rules.js';
import { SESSION_RULE_NAMES_LIST } from '../../queries/session-rules.js';
import { engineOrSkip } from '../accuracy/engine-check.js';
import { faultTestFile } from './rule-faults.js';

describe('recording rules', () => {
  it('one rule per metric, at the scrape interval, for every naming scheme', () => {
    for (const naming of NAMING_SCHEMES) {
      const file = recordingRules(resolveConfig({ naming, scrapeInterval: '30s' }));
      // Claude Code's metrics, then the metrics the collector derives from events (one rule each).
      expect(file.groups.map((g) => g.name)).toEqual([RULE_GROUP_NAME, EVENT_RULE_GROUP_NAME]);
      expect(file.groups[1]!.interval).toBe('30s');
      expect(file.groups[1]!.rules.map((r) => r.record)).toEqual(EVENT_METRIC_KEYS.map(eventRuleName));
      expect(file.groups[0]!.interval).toBe('30s');
      expect(file.groups[0]!.rules.map((r) => r.record)).toEqual([...INCREMENTS_RULE_NAMES, ...SESSION_RULE_NAMES_LIST, RULES_LOADED_SERIES]);
      for (const r of file.groups.flatMap((g) => g.rules).filter((x) => x.record !== RULES_LOADED_SERIES)) {
        expect(findSyntaxError(r.expr), r.expr).toBeUndefined();
        // The newest sample of the interval, read one interval behind; the previous value up to 60m before.
        expect(r.expr).toContain('[30s] offset 30s');
        expect(r.expr).toContain('[1h] offset 1m');
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
          expect(execFileSync(engine!.promtool, ['check', 'rules', path], { encoding: 'utf8' })).toContain(`SUCCESS: ${9 + SESSION_RULE_NAMES_LIST.length + EVENT_METRIC_KEYS.length} rules found`);
        }
      });

      it('records every reported increment under each pipeline fault the rule can see (promtool test rules)', () => {
        if (fail) throw new Error(fail);
        const dir = mkdtempSync(join(tmpdir(), 'ccd-rules-'));
        writeFileSync(join(dir, 'rules.yml'), rulesYaml(resolveConfig({ naming: 'otel-collector' })));
        writeFileSync(join(dir, 'test.yml'), faultTestFile());
        // promtool exits non-zero and prints got/expected when any recorded sum differs.
        const out = execFileSync(engine!.promtool, ['test', 'rules', join(dir, 'test.yml')], { encoding: 'utf8', stdio: 'pipe' });
        expect(out).toContain('SUCCESS');
      });
    });
  }
});
