/**
 * Sample dashboards for the schema tests: valid ones (hand-written and built with the foundation SDK)
 * and ones that break a specific part of the schema.
 */
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import * as units from '@grafana/grafana-foundation-sdk/units';

/** The smallest dashboard body the schema accepts. */
export function minimalDashboard(): Record<string, unknown> {
  return { title: 'Minimal', uid: 'minimal', schemaVersion: 41, templating: { list: [] }, annotations: { list: [] }, panels: [] };
}

/** A dashboard built with the SDK builders (stat, time series, table, a row, an override), as JSON. */
export function sdkDashboard(): Record<string, unknown> {
  const query = (expr: string) => new prometheus.DataqueryBuilder().expr(expr).refId('A');
  const built = new DashboardBuilder('SDK sample')
    .uid('sdk-sample')
    .withRow(new RowBuilder('Overview'))
    .withPanel(
      new stat.PanelBuilder()
        .title('Cost')
        .unit(units.Dollars)
        .withTarget(query('sum(claude_code_cost_usage_USD_total)'))
        .gridPos({ x: 0, y: 1, w: 6, h: 4 }),
    )
    .withPanel(
      new timeseries.PanelBuilder()
        .title('Tokens')
        .unit(units.Short)
        .withTarget(query('sum(rate(claude_code_token_usage_tokens_total[$__rate_interval]))'))
        .overrideByName('input', [{ id: 'displayName', value: 'Input tokens' }])
        .overrideByRegexp('cache.*', [{ id: 'unit', value: 'short' }])
        .gridPos({ x: 6, y: 1, w: 18, h: 8 }),
    )
    .withPanel(new table.PanelBuilder().title('Users').withTarget(query('sum by (user_email) (claude_code_cost_usage_USD_total)')))
    .build();
  // As Grafana would store it: builder objects carry non-JSON members.
  return JSON.parse(JSON.stringify(built)) as Record<string, unknown>;
}

/** Broken variants of the minimal dashboard, each with the pointer where the schema must complain. */
export function brokenDashboards(): { name: string; dashboard: Record<string, unknown>; pointer: string }[] {
  const base = minimalDashboard;
  return [
    { name: 'missing schemaVersion', dashboard: (({ schemaVersion: _, ...rest }) => rest)(base()), pointer: '' },
    { name: 'unknown top-level property', dashboard: { ...base(), style: 'dark' }, pointer: '/style' },
    { name: 'graphTooltip out of range', dashboard: { ...base(), graphTooltip: 5 }, pointer: '/graphTooltip' },
    { name: 'tags not an array', dashboard: { ...base(), tags: 'cost' }, pointer: '/tags' },
    {
      name: 'gridPos with a string',
      dashboard: { ...base(), panels: [{ type: 'stat', id: 1, gridPos: { x: '0', y: 0, w: 6, h: 4 } }] },
      pointer: '/panels/0/gridPos/x',
    },
    {
      name: 'row without panels',
      dashboard: { ...base(), panels: [{ type: 'row', id: 1, collapsed: false, title: 'R', gridPos: { x: 0, y: 0, w: 24, h: 1 } }] },
      pointer: '/panels/0',
    },
    {
      name: 'value mapping with a bad range',
      dashboard: {
        ...base(),
        panels: [
          {
            type: 'stat',
            id: 1,
            fieldConfig: { defaults: { mappings: [{ type: 'range', options: { from: 'low', to: 10, result: {} } }] }, overrides: [] },
          },
        ],
      },
      pointer: '/panels/0/fieldConfig/defaults/mappings/0/options/from',
    },
  ];
}
