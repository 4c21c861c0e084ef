/** v2 dashboards (elements + layout) are recognised and reported, not checked. */
import type { Rule } from '../../types.js';

export const inputV2Unsupported: Rule = {
  id: 'input-v2-unsupported',
  category: 'input',
  severity: 'warning',
  description: 'Grafana v2 dashboards (dashboard.grafana.app/v2*, elements and layout) are reported as not checked.',
  why: 'The rules read the classic model; saying so is better than passing a file nobody checked.',
  advice: 'Lint the classic JSON export of the dashboard, or exclude the file.',
  fixable: false,
  check: () => undefined,
};
