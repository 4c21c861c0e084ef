/**
 * promtool (Debian's 2.42) on the project's Prometheus configuration and rules. The image runs 3.x;
 * prometheus.yml deliberately avoids 3.x-only keys, so the files are checked as they are, unrendered.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { stackPaths } from '../../scripts/stack/paths.js';
import { describeWithBinary } from './helpers/binaries.js';

describeWithBinary('promtool', 'promtool', (promtool) => {
  it('accepts provisioning/prometheus/prometheus.yml and finds the rule files', () => {
    const result = spawnSync(promtool, ['check', 'config', stackPaths.prometheusConfig], { encoding: 'utf8' });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toMatch(/SUCCESS: [1-9]\d* rule files found/);
  });

  it('accepts every rule file in provisioning/prometheus/rules', () => {
    const files = readdirSync(stackPaths.prometheusRules)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => path.join(stackPaths.prometheusRules, name));
    expect(files.length).toBeGreaterThan(0);
    const result = spawnSync(promtool, ['check', 'rules', ...files], { encoding: 'utf8' });
    expect(result.status, result.stderr + result.stdout).toBe(0);
  });

  it('rejects a broken rules file (the check is real)', () => {
    const result = spawnSync(promtool, ['check', 'rules', '/dev/stdin'], {
      encoding: 'utf8',
      input: 'groups:\n  - name: broken\n    rules:\n      - record: x\n        expr: sum(\n',
    });
    expect(result.status).not.toBe(0);
  });
});
