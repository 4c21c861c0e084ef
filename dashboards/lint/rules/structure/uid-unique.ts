/** D04: no uid is used twice across the linted files; a manifest's name matches its uid. */
import type { Rule } from '../../types.js';

export const uidUnique: Rule = {
  id: 'uid-unique',
  category: 'structure',
  severity: 'error',
  description: "No two linted dashboards share a uid (an import variant, see `exports`, may share the uid of its provisioned copy), and a manifest's metadata.name equals its spec.uid.",
  why: 'With a duplicate uid the provisioner loses its database write permission ("the same UID is used more than once") and the dashboards flip between files.',
  advice: 'Give each dashboard its own uid.',
  fixable: false,
  check(ctx) {
    const { uid, file, manifestName, body } = ctx.dashboard;
    if (uid) {
      // The import variant of a provisioned dashboard is the same dashboard delivered another way.
      const isExport = ctx.settings.isExportFile(file);
      const others = (ctx.corpus.uids.get(uid) ?? []).filter((f) => f !== file && ctx.settings.isExportFile(f) === isExport);
      if (others.length > 0) {
        ctx.report({
          pointer: 'uid' in body ? '/uid' : '',
          message: `The uid ${JSON.stringify(uid)} is also used by ${others.join(', ')}; Grafana provisions only one of them and stops saving the others.`,
        });
      }
    }
    const specUid = typeof body.uid === 'string' ? body.uid : undefined;
    if (manifestName !== undefined && specUid !== undefined && manifestName !== specUid) {
      ctx.report({
        pointer: '/metadata/name',
        inFile: true,
        message: `The manifest's metadata.name ${JSON.stringify(manifestName)} differs from spec.uid ${JSON.stringify(specUid)}; the API uses the name as the uid.`,
        fix: 'Make metadata.name and spec.uid equal.',
      });
    }
  },
};
