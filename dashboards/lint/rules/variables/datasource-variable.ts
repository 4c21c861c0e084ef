/** V01 / V11: when the provisioned uids are not configured, pinned uids are a portability risk. */
import { soleVariable } from '../../model/variable-refs.js';
import type { Rule } from '../../types.js';
import { BUILTIN_DATASOURCE_UIDS, datasourceReferences } from './datasource-refs.js';

export const datasourceVariable: Rule = {
  id: 'datasource-variable',
  category: 'variables',
  severity: 'warning',
  description:
    'Queries use a datasource variable rather than a pinned uid, unless the lint config lists the provisioned uids (then `datasource-resolves` checks them).',
  why: 'A pinned uid works only on a Grafana where a datasource with exactly that uid is provisioned; nothing checks that here, and a fresh install shows "Datasource not found".',
  advice: 'Add a datasource variable (type: datasource, query: prometheus) and use `${datasource}`, or list your provisioned uids under `datasources.uids` in the lint config.',
  fixable: false,
  check(ctx) {
    if (ctx.settings.datasourceUids !== undefined) return;
    const pinned = datasourceReferences(ctx.dashboard).filter(
      (r) => !r.legacyName && r.uid !== undefined && r.uid !== '' && !BUILTIN_DATASOURCE_UIDS.has(r.uid) && soleVariable(r.uid) === undefined && !r.uid.includes('${'),
    );
    const first = pinned[0];
    if (!first) return;
    const uids = [...new Set(pinned.map((r) => r.uid))];
    ctx.report({
      pointer: first.pointer,
      message: `${pinned.length} datasource reference(s) pin the uid(s) ${uids.map((u) => JSON.stringify(u)).join(', ')} instead of a datasource variable; whether such a datasource exists cannot be checked.`,
    });
  },
};
