/** D03: uid length and characters. */
import type { Rule } from '../../types.js';

const VALID = /^[a-zA-Z0-9_-]+$/;
/** DNS-1123 label: what Kubernetes-style APIs and git sync need as `metadata.name`. */
const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const uidFormat: Rule = {
  id: 'uid-format',
  category: 'structure',
  severity: 'error',
  description: 'The uid is at most 40 characters from [A-Za-z0-9_-].',
  why: 'Grafana refuses to save a longer uid ("uid too long, max 40 characters") or one with other characters, and the dashboard never appears.',
  advice: 'Use lowercase letters, digits and "-", at most 40 characters; that is also a valid Kubernetes name for v2 and git sync.',
  fixable: false,
  check(ctx) {
    const uid = ctx.dashboard.body.uid;
    if (uid === undefined || uid === null || uid === '') return;
    if (typeof uid !== 'string') {
      ctx.report({ pointer: '/uid', message: `The uid is a ${typeof uid}, not a string.` });
      return;
    }
    const problems: string[] = [];
    if (uid.length > 40) problems.push(`is ${uid.length} characters long (the limit is 40)`);
    if (!VALID.test(uid)) problems.push('contains characters other than letters, digits, "-" and "_"');
    if (problems.length > 0) {
      const suggestion = uid.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
      ctx.report({
        pointer: '/uid',
        message: `The uid ${JSON.stringify(uid)} ${problems.join(' and ')}; Grafana will not save the dashboard.`,
        fix: `Use a uid such as ${JSON.stringify(suggestion || 'my-dashboard')}${KUBERNETES_NAME.test(suggestion) ? '' : ' (lowercase, digits and "-")'}.`,
      });
    }
  },
};
