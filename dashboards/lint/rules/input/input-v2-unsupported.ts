/**
 * A v2 manifest (`dashboard.grafana.app/v2*`) whose spec has neither `elements` nor `layout` is reported
 * as not checked; v2 dashboards with both are linted through their classic view (`input/v2-adapter.ts`).
 */
import type { Rule } from '../../types.js';

export const inputV2Unsupported: Rule = {
  id: 'input-v2-unsupported',
  category: 'input',
  severity: 'warning',
  description: 'A Grafana v2 manifest (dashboard.grafana.app/v2*) whose spec lacks "elements" and "layout" is reported as not checked (v2 dashboards with both are linted).',
  why: 'Without elements and layout there is nothing the rules can read; saying so is better than passing a file nobody checked.',
  advice: 'Export the dashboard again from Grafana, or exclude the file.',
  fixable: false,
  check: () => undefined,
};
