/**
 * Starts the real prometheus binary (Debian's package) with the project's configuration and rules:
 * scrape targets rewritten to loopback, a temporary storage directory, a free port on 127.0.0.1,
 * and the retention flags exactly as docker-compose.yml passes them by default.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { stackPaths } from '../../scripts/stack/paths.js';
import { describeWithBinary } from './helpers/binaries.js';
import { composeWithDefaults, readYaml } from './helpers/stack-files.js';

interface PromConfig {
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  [key: string]: unknown;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The retention flags of the prometheus service, at their .env defaults. */
function composeRetentionFlags(): string[] {
  const command = composeWithDefaults().services['prometheus']?.command;
  const flags = Array.isArray(command) ? command : [];
  return flags.filter((flag) => flag.startsWith('--storage.tsdb.retention.'));
}

async function waitForReady(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`prometheus was not ready within 90 s:\n${log()}`);
}

describeWithBinary('prometheus', 'prometheus binary with the project configuration', (prometheus) => {
  let child: ChildProcess | undefined;
  let workDir = '';
  let base = '';
  let output = '';

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'claude-code-prometheus-'));
    const config = readYaml(stackPaths.prometheusConfig) as PromConfig;
    // Compose service names do not resolve here; keep each port, move the host to loopback.
    for (const job of config.scrape_configs) {
      for (const group of job.static_configs) {
        group.targets = group.targets.map((target) => `127.0.0.1:${target.split(':').at(-1) ?? ''}`);
      }
    }
    writeFileSync(path.join(workDir, 'prometheus.yml'), stringify(config));
    cpSync(stackPaths.prometheusRules, path.join(workDir, 'rules'), { recursive: true });
    // Another test's server can take the port between the pick and the bind: then ours exits (or another
    // server answers), and we try another port.
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      output = '';
      const started = spawn(
        prometheus,
        [
          `--config.file=${path.join(workDir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(workDir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          ...composeRetentionFlags(),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = started;
      started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await waitForReady(base, started, () => output);
        const flags = (await (await fetch(`${base}/api/v1/status/flags`)).json()) as { data: Record<string, string> };
        if (flags.data['storage.tsdb.path'] === path.join(workDir, 'data') && started.exitCode === null) return;
        started.kill('SIGKILL');
      } catch (error) {
        if (attempt >= 5 || !/address already in use/.test(output)) throw error;
      }
      if (attempt >= 5) throw new Error(`prometheus could not get a port of its own:\n${output}`);
    }
  });

  afterAll(async () => {
    const running = child;
    if (running !== undefined && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
  });

  it('was started with the compose file’s retention flags', () => {
    expect(composeRetentionFlags()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^--storage\.tsdb\.retention\.time=/), expect.stringMatching(/^--storage\.tsdb\.retention\.size=/)]),
    );
  });

  it('becomes ready and loads the rule files from rules/', async () => {
    const response = await fetch(`${base}/api/v1/rules`);
    expect(response.ok).toBe(true);
    const body = (await response.json()) as { data: { groups: { name: string; file: string; rules: { name: string }[] }[] } };
    const group = body.data.groups.find((g) => g.name === 'claude-code-stack');
    expect(group, JSON.stringify(body.data.groups)).toBeDefined();
    expect(group?.file).toBe(path.join(workDir, 'rules', 'stack.yml'));
    expect(group?.rules.map((r) => r.name)).toContain('claude_code_stack:rules_loaded');
  });

  it('runs the scrape jobs of the configuration', async () => {
    // Target discovery runs after /-/ready, so poll briefly.
    let pools: string[] = [];
    for (let attempt = 0; attempt < 100 && pools.length < 3; attempt += 1) {
      const response = await fetch(`${base}/api/v1/targets`);
      const body = (await response.json()) as { data: { activeTargets: { scrapePool: string }[] } };
      pools = [...new Set(body.data.activeTargets.map((t) => t.scrapePool))].sort();
      if (pools.length < 3) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(pools).toEqual(['otel-collector', 'otel-collector-internal', 'prometheus']);
  });

  it('applies the retention from the compose defaults', async () => {
    const response = await fetch(`${base}/api/v1/status/flags`);
    const body = (await response.json()) as { data: Record<string, string> };
    const expected = Object.fromEntries(composeRetentionFlags().map((flag) => flag.replace(/^--/, '').split('=') as [string, string]));
    // Prometheus sizes are powers of two and are echoed as GiB: 10GB is reported as 10GiB.
    const normalise = (value: string | undefined): string | undefined => value?.replace(/([KMGTPE])iB$/, '$1B');
    for (const [flag, value] of Object.entries(expected)) expect(normalise(body.data[flag])).toBe(value);
  });
});
