/**
 * Our own dashboards lint clean: the committed build output, and fresh builds under every naming scheme
 * and identity (linted with the matching lint config), so no rule has false positives on them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboards, dashboardSpecs } from '../../dashboards/index.js';
import { teamBudgetDashboard } from '../../dashboards/examples/team-budget.js';
import { lintDashboards } from '../../dashboards/lint/index.js';
import { resolveConfig } from '../../queries/config.js';
import { NAMING_SCHEMES } from '../../queries/naming.js';
import { lintInMemory, REPO_ROOT } from './helpers.js';

const OUTPUT = path.join(REPO_ROOT, 'provisioning/grafana/dashboards');

describe('our dashboards', () => {
  it.runIf(existsSync(OUTPUT))('the committed build output lints clean (npm run lint:dashboards)', async () => {
    const result = await lintDashboards([OUTPUT]);
    expect(result.files.length).toBeGreaterThan(0);
    expect(result.findings.map((f) => `${f.file} ${f.ruleId} ${f.pointer}: ${f.message}`)).toEqual([]);
  });

  it.each(NAMING_SCHEMES.flatMap((naming) => (['user_email', 'user_account_uuid'] as const).map((identity) => ({ naming, identity }))))(
    'a fresh build with naming $naming and identity $identity lints clean',
    ({ naming, identity }) => {
      const teamLabels = ['team.id', 'department'];
      const config = resolveConfig({ naming, identity, teamLabels });
      // The opt-in worked example too: it must lint clean wherever a user registers it.
      const built = buildDashboards(config, [...dashboardSpecs(config), teamBudgetDashboard(config)]);
      const files = Object.fromEntries(built.map((d) => [d.fileName, d.json]));
      const result = lintInMemory(files, { naming, extraLabels: teamLabels });
      expect(result.findings.map((f) => `${f.file} ${f.ruleId} ${f.pointer}: ${f.message}`)).toEqual([]);
    },
  );
});
