/**
 * The real public dashboards in ../shared/corpus/peer-dashboards are linted, and the bugs that
 * ../shared/docs/peer-dashboards.md lists for them are found where they are.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LintConfigInput, LintResult } from '../../dashboards/lint/index.js';
import { lintInMemory, PEER_DASHBOARDS } from './helpers.js';

const available = existsSync(PEER_DASHBOARDS);
if (!available) console.warn(`Skipping the peer-dashboard tests: ${PEER_DASHBOARDS} is absent (../shared is not checked out).`);

/** The bug ids of peer-dashboards.md §4 and the rule that must report each one, per dashboard and pointer. */
const EXPECTED: Record<string, { bug: string; rule: string; pointer: string }[]> = {
  'anthropics-claude-code-monitoring-guide.json': [
    { bug: 'B7 "Active Users" counts user_id', rule: 'claude-code-user-id-as-person', pointer: '/panels/1/targets/0/expr' },
    { bug: 'B7 "Cost by User" by user_id', rule: 'claude-code-user-id-as-person', pointer: '/panels/6/targets/0/expr' },
    { bug: 'B13 pinned datasource uid, none provisioned', rule: 'datasource-resolves', pointer: '/panels/0/datasource' },
    { bug: 'B1 increase() totals lose first exports', rule: 'claude-code-per-session-increase', pointer: '/panels/0/targets/0/expr' },
  ],
  'colemurray-claude-code-otel.json': [
    { bug: 'B1 increase(session_count)', rule: 'claude-code-session-count-increase', pointer: '/panels/1/targets/0/expr' },
    { bug: 'B4 fixed [1h] in stats', rule: 'claude-code-fixed-window', pointer: '/panels/2/targets/0/expr' },
    { bug: 'B4 fixed [1h] in the hourly series', rule: 'claude-code-fixed-window', pointer: '/panels/6/targets/0/expr' },
    { bug: 'B12 two panels at {x:12, y:23}', rule: 'gridpos-overlap', pointer: '/panels/12/gridPos' },
    { bug: 'B1 commits lose the first commit per session', rule: 'claude-code-per-session-increase', pointer: '/panels/18/targets/0/expr' },
    { bug: 'B12 "API Requests by Model" counts changes()', rule: 'claude-code-changes-as-count', pointer: '/panels/8/targets/0/expr' },
    { bug: 'B12 "Tool Success Rate" parses OTLP events with | json', rule: 'logql-otlp-parser', pointer: '/panels/12/targets/0/expr' },
    { bug: 'B12 "API Error Rate" parses OTLP events with | json', rule: 'logql-otlp-parser', pointer: '/panels/15/targets/0/expr' },
    { bug: 'B12 job="otel-collector" hard-coded', rule: 'claude-code-hardcoded-job', pointer: '/panels/1/targets/0/expr' },
    { bug: 'B4 "Cumulative Tool Usage" [$__range] at every step', rule: 'logql-range-timeseries', pointer: '/panels/11/targets/0/expr' },
  ],
  'rommelporras-claude-code-monitoring-v1.0.json': [
    { bug: 'B4 [30d] cost', rule: 'claude-code-fixed-window', pointer: '/panels/1/targets/0/expr' },
    { bug: 'B4 [30d] tokens', rule: 'claude-code-fixed-window', pointer: '/panels/7/targets/0/expr' },
    { bug: 'B5 cacheRead/(input+cacheRead)', rule: 'claude-code-cache-hit-denominator', pointer: '/panels/9/targets/0/expr' },
    { bug: 'B7 "Active Users" counts user_id', rule: 'claude-code-user-id-as-person', pointer: '/panels/6/targets/0/expr' },
    { bug: 'B7 "Cost by User" by user_id', rule: 'claude-code-user-id-as-person', pointer: '/panels/22/targets/0/expr' },
  ],
  'rommelporras-claude-code-monitoring-v1.1.json': [
    { bug: 'B4 "Monthly Cost" [30d]', rule: 'claude-code-fixed-window', pointer: '/panels/1/targets/0/expr' },
    { bug: 'B4 "Monthly Tokens" [30d]', rule: 'claude-code-fixed-window', pointer: '/panels/5/targets/0/expr' },
    { bug: 'B7 "Active Users" counts user_id', rule: 'claude-code-user-id-as-person', pointer: '/panels/18/targets/0/expr' },
    { bug: 'B1 "Commits" with increase()', rule: 'claude-code-per-session-increase', pointer: '/panels/6/targets/0/expr' },
  ],
};

function lintPeers(config: LintConfigInput = {}): LintResult {
  const files = Object.fromEntries(Object.keys(EXPECTED).map((f) => [f, readFileSync(path.join(PEER_DASHBOARDS, f), 'utf8')]));
  return lintInMemory(files, config);
}

describe.skipIf(!available)('peer dashboards', () => {
  // The stack these dashboards come with provisions "prometheus" and "loki" at most.
  const result = available ? lintPeers({ datasources: { uids: ['prometheus', 'loki'] } }) : undefined;

  it.each(Object.entries(EXPECTED).flatMap(([file, bugs]) => bugs.map((b) => ({ file, ...b }))))('$file: $bug', ({ file, rule, pointer }) => {
    const found = result!.findings.filter((f) => f.file === file && f.ruleId === rule).map((f) => f.pointer);
    expect(found).toContain(pointer);
  });

  it('every finding names its dashboard, and panel findings their panel', () => {
    for (const f of result!.findings) {
      expect(f.dashboardUid).toBeTruthy();
      if (/^\/panels\/\d+\//.test(f.pointer)) expect(f.panelTitle ?? f.panelId).toBeDefined();
      if (/\/targets\/\d+\//.test(f.pointer)) expect(f.refId).toBeTruthy();
    }
  });

  it('no rule fails on real dashboards, and Loki queries are not parsed as PromQL', () => {
    expect(result!.findings.filter((f) => f.message.includes('rule failed'))).toEqual([]);
    expect(result!.findings.filter((f) => f.ruleId === 'promql-syntax')).toEqual([]);
  });

  it('B3: with another naming scheme configured, their otel-collector names are reported', () => {
    const other = lintPeers({ naming: 'claude-code-prometheus' });
    const names = other.findings.filter((f) => f.ruleId === 'claude-code-naming-scheme');
    expect(names.length).toBeGreaterThan(0);
    expect(names[0]?.message).toContain('claude_code_cost_usage_total');
  });
});
