/** V11 / R04: datasource references resolve to a datasource variable or a provisioned uid. */
import { soleVariable } from '../../model/variable-refs.js';
import type { Rule } from '../../types.js';
import { BUILTIN_DATASOURCE_UIDS, datasourceReferences } from './datasource-refs.js';

export const datasourceResolves: Rule = {
  id: 'datasource-resolves',
  category: 'variables',
  severity: 'error',
  description:
    'Every datasource reference is a datasource variable of the dashboard (`${datasource}`) or, when the config lists them (`datasources.uids`), a provisioned datasource uid.',
  why: 'A reference to a datasource that does not exist in the target Grafana shows "Datasource not found" on every panel that uses it (a pinned uid with no provisioned datasource).',
  advice: 'Use a datasource variable, or provision a datasource with this uid (`uid:` in your Grafana datasource provisioning YAML) and list it in the lint config.',
  fixable: false,
  check(ctx) {
    const provisioned = ctx.settings.datasourceUids;
    for (const ref of datasourceReferences(ctx.dashboard)) {
      const uid = ref.uid;
      if (uid === undefined || uid === '' || BUILTIN_DATASOURCE_UIDS.has(uid) || uid.includes('${DS_')) continue;
      const variable = soleVariable(uid);
      if (variable !== undefined) {
        if (variable.startsWith('__')) continue;
        const v = ctx.dashboard.variablesByName.get(variable);
        if (!v) {
          ctx.report({ pointer: ref.pointer, message: `The datasource refers to $${variable}, which is not a variable of this dashboard.` });
        } else if (v.type !== 'datasource') {
          ctx.report({ pointer: ref.pointer, message: `The datasource refers to $${variable}, a ${v.type ?? 'untyped'} variable, not a datasource variable.` });
        }
        continue;
      }
      if (ref.legacyName || provisioned === undefined || provisioned.has(uid)) continue;
      ctx.report({
        pointer: ref.pointer,
        message: `The datasource uid ${JSON.stringify(uid)} is not one of the provisioned datasources (${[...provisioned].map((u) => JSON.stringify(u)).join(', ') || 'none'}); panels using it show "Datasource not found".`,
      });
    }
  },
};
