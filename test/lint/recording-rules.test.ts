/** The Claude Code rules also understand our recording rules, which keep the source series' labels. */
import { describe, expect, it } from 'vitest';
import { lintInMemory } from './helpers.js';

function dashboardWith(expr: string) {
  return {
    uid: 'rr-test',
    title: 'Recording rules',
    schemaVersion: 42,
    editable: false,
    templating: { list: [{ type: 'query', name: 'model', multi: true, includeAll: true, allValue: '.*', refresh: 2, query: 'label_values(claude_code_cost_usage_USD_total, model)', datasource: { type: 'prometheus', uid: 'prometheus' } }] },
    panels: [
      {
        id: 1,
        type: 'stat',
        title: 'Sessions',
        description: 'Sessions started within the range, counted from the recording rule.',
        gridPos: { x: 0, y: 0, w: 6, h: 4 },
        datasource: { type: 'prometheus', uid: 'prometheus' },
        fieldConfig: { defaults: { unit: 'none' }, overrides: [] },
        targets: [{ refId: 'A', expr, datasource: { type: 'prometheus', uid: 'prometheus' } }],
      },
    ],
  };
}

describe('recording-rule selectors', () => {
  it('flag a model filter on the session-count rule, as on the raw metric', () => {
    const bad = lintInMemory({ 'bad.json': dashboardWith('sum(sum_over_time(claude_code:session_count:reported_increments{model=~"$model"}[$__range]))') });
    const b8 = bad.findings.filter((f) => f.ruleId === 'claude-code-label-not-on-metric');
    expect(b8).toHaveLength(1);
    expect(b8[0]!.pointer).toBe('/panels/0/targets/0/expr');
    const good = lintInMemory({ 'good.json': dashboardWith('sum(sum_over_time(claude_code:cost_usd:reported_increments{model=~"$model"}[$__range]))') });
    expect(good.findings.filter((f) => f.ruleId === 'claude-code-label-not-on-metric')).toEqual([]);
  });
});
