/** P10: panel `options` and `fieldConfig.defaults.custom` against the panel plugin's own schema. */
import type { Rule } from '../../types.js';
import { MAX_SCHEMA_FINDINGS, schemaIssues } from './schema-issues.js';

export const panelOptionsSchema: Rule = {
  id: 'panel-options-schema',
  category: 'structure',
  severity: 'warning',
  description:
    "Panel options and custom field config validate against the plugin's schema (stat, timeseries, bargauge, piechart, table, gauge, text, logs, state-timeline).",
  why: 'The dashboard schema leaves options open; a mistyped option value is ignored or misread by the panel, so the setting you wrote has no effect.',
  advice: 'Correct the option named in the message (see dashboards/schema/generated/<panel>.json).',
  fixable: false,
  check(ctx) {
    // Missing options are fine (Grafana fills every option default when it loads the panel), and so are
    // options it does not know: a newer plugin version than the SDK's schema adds some.
    const issues = schemaIssues(ctx.dashboard).filter((i) => i.schema !== 'dashboard' && i.keyword !== 'required' && i.keyword !== 'additionalProperties');
    for (const issue of issues.slice(0, MAX_SCHEMA_FINDINGS)) {
      ctx.report({ pointer: issue.pointer, message: `${issue.schema}: ${issue.message}.` });
    }
    if (issues.length > MAX_SCHEMA_FINDINGS) {
      ctx.report({ pointer: '', message: `${issues.length - MAX_SCHEMA_FINDINGS} more panel option problems not listed.` });
    }
  },
};
