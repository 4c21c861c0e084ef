/** D02: the dashboard has a uid. */
import type { Rule } from '../../types.js';

export const uidPresent: Rule = {
  id: 'uid-present',
  category: 'structure',
  severity: 'error',
  description: 'The dashboard sets a uid.',
  why: 'Without a uid Grafana invents one on every provisioning, so links, bookmarks and alerts pointing at the dashboard break.',
  advice: 'Set a stable uid: lowercase letters, digits and "-", at most 40 characters (e.g. "claude-code-overview").',
  fixable: false,
  check(ctx) {
    const { body, uid } = ctx.dashboard;
    if (uid === undefined || uid === '') {
      ctx.report({ pointer: 'uid' in body ? '/uid' : '', message: 'The dashboard has no uid.' });
    }
  },
};
