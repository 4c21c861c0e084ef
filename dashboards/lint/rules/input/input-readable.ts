/** Files that cannot be read as a dashboard: the loader reports them under this id. */
import type { Rule } from '../../types.js';

export const inputReadable: Rule = {
  id: 'input-readable',
  category: 'input',
  severity: 'error',
  description: 'The file is readable dashboard JSON: not binary, empty, malformed, huge or absurdly nested, and a dashboard object.',
  why: 'A file Grafana cannot parse is skipped by provisioning without a visible error; CI should say so.',
  advice: 'Fix or remove the file.',
  fixable: false,
  // Reported by the loader before any rule runs.
  check: () => undefined,
};
