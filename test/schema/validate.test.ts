import { describe, expect, it } from 'vitest';
import { validateDashboard } from '../../dashboards/schema/validate.js';
import { brokenDashboards, minimalDashboard, sdkDashboard } from './samples.js';

describe('validateDashboard', () => {
  it('accepts a minimal dashboard and SDK builder output (including its own overrides)', () => {
    expect(validateDashboard(minimalDashboard())).toEqual([]);
    expect(validateDashboard(sdkDashboard())).toEqual([]);
  });

  it.each(brokenDashboards())('reports $name at the right pointer', ({ dashboard, pointer }) => {
    const issues = validateDashboard(dashboard);
    expect(issues.map((i) => i.pointer)).toContain(pointer);
  });

  it('dispatches rows and panels without union noise', () => {
    const issues = validateDashboard({
      ...minimalDashboard(),
      panels: [{ type: 'timeseries', id: 1, gridPos: { x: 0, y: 0, w: 6, h: 'tall' } }],
    });
    expect(issues).toEqual([
      { pointer: '/panels/0/gridPos/h', message: 'must be number (got string)', keyword: 'type', schema: 'dashboard' },
    ]);
  });

  it('validates panel options and custom field config against the plugin schema', () => {
    const panel = {
      type: 'state-timeline',
      id: 1,
      options: { showValue: 'sometimes' },
      fieldConfig: { defaults: { custom: { lineWidht: 2 } }, overrides: [] },
    };
    const issues = validateDashboard({ ...minimalDashboard(), panels: [{ type: 'row', id: 9, collapsed: true, panels: [panel] }] });
    const byPointer = Object.fromEntries(issues.map((i) => [i.pointer, i]));
    expect(byPointer['/panels/0/panels/0/options/showValue']?.message).toMatch(/must be one of "auto", "never", "always"/);
    expect(byPointer['/panels/0/panels/0/options/showValue']?.schema).toBe('statetimeline.Options');
    expect(byPointer['/panels/0/panels/0/fieldConfig/defaults/custom/lineWidht']?.message).toBe(
      'unknown property "lineWidht" (did you mean "lineWidth"?)',
    );
  });

  it('narrows a failed union to the branch the data names', () => {
    const issues = validateDashboard({
      ...minimalDashboard(),
      panels: [
        {
          type: 'table',
          id: 1,
          fieldConfig: { defaults: { custom: { cellOptions: { type: 'gauge', mode: 'shiny' } } }, overrides: [] },
        },
      ],
    });
    // The table's custom config also misses required properties; the union itself gives one issue.
    const unionIssues = issues.filter((i) => i.pointer.includes('cellOptions'));
    expect(unionIssues.map((i) => i.pointer)).toEqual(['/panels/0/fieldConfig/defaults/custom/cellOptions/mode']);
    expect(unionIssues[0]?.message).toMatch(/must be one of "basic", "lcd", "gradient" \(got "shiny"\)/);
  });

  it('never throws on non-objects', () => {
    for (const value of [null, 1, 'x', [], [1, 2], { panels: 'no' }, { panels: [null, 3, 'x'] }]) {
      expect(validateDashboard(value).length).toBeGreaterThan(0);
    }
  });
});
