/**
 * The stack's Alertmanager configuration passes Debian's `amtool check-config`, routes the generated
 * alerts by their severity label, and every severity the alerting rules use has a route. Without amtool
 * the test fails under CI=true and is skipped elsewhere, naming the package to install.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertRules, resolveConfig } from '../../queries/index.js';
import { inCI } from '../../scripts/accuracy/engines.js';
import { repoRoot } from '../../scripts/stack/paths.js';

const CONFIG = path.join(repoRoot, 'provisioning/alertmanager/alertmanager.yml');
const INSTALL = 'amtool is not installed: apt-get install prometheus-alertmanager';
const found = spawnSync('amtool', ['--version'], { encoding: 'utf8' }).status === 0;
if (!found && !inCI()) console.warn(`skipping the Alertmanager tests: ${INSTALL}`);

const amtool = (...args: string[]) => {
  if (!found) throw new Error(`CI=true and ${INSTALL}`);
  return spawnSync('amtool', args, { encoding: 'utf8' });
};

describe.skipIf(!found && !inCI())('Alertmanager configuration (amtool)', () => {
  it('passes amtool check-config', () => {
    const r = amtool('check-config', CONFIG);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('SUCCESS');
  });

  it('routes each severity the generated alerts use to its own receiver', () => {
    const rules = alertRules(resolveConfig({ teamLabels: ['team.id'] })).groups[0].rules;
    const severities = [...new Set(rules.map((r) => r.labels.severity))].sort();
    expect(severities).toEqual(['critical', 'warning']);
    // Every alert's own label set (the warning and critical budget pair included), as Alertmanager receives it.
    for (const rule of rules) {
      const labels = Object.entries({ alertname: rule.alert, ...rule.labels }).map(([k, v]) => `${k}=${v}`);
      const r = amtool('config', 'routes', 'test', `--config.file=${CONFIG}`, ...labels);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim(), rule.alert).toBe(`claude-code-${rule.labels.severity}`);
    }
  });
});
