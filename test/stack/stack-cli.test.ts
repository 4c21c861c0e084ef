/**
 * `npm run stack:*` without Docker: usage errors, a missing docker binary or Compose plugin, the
 * reset confirmation, and `status` against a stand-in `docker` plus real HTTP health endpoints.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackServices } from '../../scripts/stack/services.js';
import { runScript, runScriptAsync } from './helpers/run-script.js';

const SCRIPT = 'scripts/stack.ts';
const workDir = mkdtempSync(path.join(tmpdir(), 'stack-cli-'));
const emptyBin = path.join(workDir, 'empty-bin');
const fakeBin = path.join(workDir, 'fake-bin');
const brokenBin = path.join(workDir, 'broken-bin');
const dockerLog = path.join(workDir, 'docker.log');
const psOutput = path.join(workDir, 'ps.json');

/** A stand-in `docker`: records its arguments, answers `compose version` and `compose ps`. */
const FAKE_DOCKER = `#!/bin/sh
PATH=/usr/bin:/bin
echo "$*" >> "$FAKE_DOCKER_LOG"
case "$1 $2" in
  "compose version") echo "Docker Compose version v2.99.0" ;;
  "compose ps") cat "$FAKE_DOCKER_PS" ;;
esac
exit 0
`;

/** A `docker` without the Compose plugin. */
const DOCKER_WITHOUT_COMPOSE = `#!/bin/sh
echo "docker: unknown command: docker compose" >&2
exit 1
`;

function install(dir: string, script: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'docker'), script);
  chmodSync(path.join(dir, 'docker'), 0o755);
}

const servers: Server[] = [];
const ports: Record<string, number> = {};
let failing = '';

function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { HOME: workDir, FAKE_DOCKER_LOG: dockerLog, FAKE_DOCKER_PS: psOutput, ...extra };
  for (const service of stackServices) {
    env[service.bindVariable] = '127.0.0.1';
    env[service.portVariable] = String(ports[service.name] ?? 1);
  }
  return env;
}

function psLines(overrides: Record<string, Partial<{ State: string; Health: string }>> = {}): string {
  return stackServices
    .map((s) => JSON.stringify({ Service: s.name, State: 'running', Health: s.name === 'otel-collector' ? '' : 'healthy', Status: 'Up', ...overrides[s.name] }))
    .join('\n');
}

beforeAll(async () => {
  for (const service of stackServices) {
    const server = createServer((request, response) => {
      const healthy = request.url === service.healthPath && failing !== service.name;
      response.writeHead(healthy ? 200 : 503).end(healthy ? 'ok' : 'not ready');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    ports[service.name] = typeof address === 'object' && address !== null ? address.port : 0;
    servers.push(server);
  }
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(workDir, { recursive: true, force: true });
});

describe('stack CLI usage', () => {
  it('prints help with exit 0', () => {
    const result = runScript(SCRIPT, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/reset --yes/);
  });

  it.each([
    [[], /missing command/],
    [['start'], /unknown command "start"/],
    [['status', '--verbose'], /Unknown option '--verbose'/],
    [['logs', 'postgres'], /unknown service: postgres/],
    [['logs', '--tail', 'ten'], /--tail takes a number/],
  ])('exits 2 for %j', (args, message) => {
    const result = runScript(SCRIPT, args, baseEnv({ PATH: emptyBin }));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses reset without --yes, before touching Docker', () => {
    const result = runScript(SCRIPT, ['reset'], baseEnv({ PATH: emptyBin }));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--yes/);
    expect(result.stderr).not.toMatch(/docker was not found/);
  });
});

describe('stack CLI without Docker', () => {
  beforeAll(() => {
    rmSync(emptyBin, { recursive: true, force: true });
    install(brokenBin, DOCKER_WITHOUT_COMPOSE);
  });

  it.each(['up', 'down', 'status', 'logs'])('%s says docker is missing, exit 1', (command) => {
    const result = runScript(SCRIPT, [command], baseEnv({ PATH: emptyBin }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/docker was not found on PATH\. Install Docker/);
  });

  it('says the Compose v2 plugin is missing when `docker compose` fails', () => {
    const result = runScript(SCRIPT, ['status'], baseEnv({ PATH: brokenBin }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Compose v2 plugin/);
  });
});

describe('stack CLI with a stand-in docker', () => {
  beforeAll(() => install(fakeBin, FAKE_DOCKER));

  it('status: exit 0 when every container runs and every health endpoint answers', async () => {
    writeFileSync(psOutput, psLines());
    failing = '';
    const result = await runScriptAsync(SCRIPT, ['status', '--json'], baseEnv({ PATH: fakeBin }));
    expect(result.status, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { service: string; ok: boolean; url: string }[];
    expect(rows.map((r) => [r.service, r.ok])).toEqual(stackServices.map((s) => [s.name, true]));
    expect(rows.find((r) => r.service === 'prometheus')?.url).toBe(`http://127.0.0.1:${ports['prometheus']}/-/ready`);
    expect(readFileSync(dockerLog, 'utf8')).toContain('compose ps --all --format json');
  });

  it('status: exit 1 and a readable table when a service is unhealthy or not answering', async () => {
    writeFileSync(psOutput, psLines({ loki: { Health: 'unhealthy' } }));
    failing = 'grafana';
    const result = await runScriptAsync(SCRIPT, ['status'], baseEnv({ PATH: fakeBin }));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^loki\s+running\s+unhealthy\s+ok/m);
    expect(result.stdout).toMatch(/^grafana\s+running\s+healthy\s+HTTP 503/m);
    expect(result.stdout).toMatch(/Some services are down or unhealthy/);
  });

  it('status: accepts the JSON-array output of older Compose releases and reports absent containers', async () => {
    const array = stackServices
      .filter((s) => s.name !== 'grafana')
      .map((s) => ({ Service: s.name, State: 'running', Health: '', Status: 'Up' }));
    writeFileSync(psOutput, JSON.stringify(array));
    failing = '';
    const result = await runScriptAsync(SCRIPT, ['status', '--json'], baseEnv({ PATH: fakeBin }));
    expect(result.status).toBe(1);
    const rows = JSON.parse(result.stdout) as { service: string; container: string; ok: boolean }[];
    expect(rows.find((r) => r.service === 'grafana')).toMatchObject({ container: 'absent', ok: false });
  });

  it('logs and reset --yes pass the right arguments to docker compose', () => {
    rmSync(dockerLog, { force: true });
    expect(runScript(SCRIPT, ['logs', 'loki', '-f', '--tail', '50'], baseEnv({ PATH: fakeBin })).status).toBe(0);
    expect(runScript(SCRIPT, ['reset', '--yes'], baseEnv({ PATH: fakeBin })).status).toBe(0);
    expect(runScript(SCRIPT, ['down'], baseEnv({ PATH: fakeBin })).status).toBe(0);
    const calls = readFileSync(dockerLog, 'utf8').split('\n').filter((line) => !line.startsWith('compose version'));
    expect(calls.slice(0, 3)).toEqual(['compose logs --tail 50 --follow loki', 'compose down --volumes --remove-orphans', 'compose down']);
  });

  it('up: refuses without a Grafana password and says how to set one', () => {
    const result = runScript(SCRIPT, ['up'], baseEnv({ PATH: fakeBin, GRAFANA_ADMIN_PASSWORD: '' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/GRAFANA_ADMIN_PASSWORD is not set.*--generate-password/);
  });

  it('up: rejects an unknown CLAUDE_USER_EMAIL_MODE', () => {
    const result = runScript(SCRIPT, ['up'], baseEnv({ PATH: fakeBin, GRAFANA_ADMIN_PASSWORD: 'x', CLAUDE_USER_EMAIL_MODE: 'mask' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/CLAUDE_USER_EMAIL_MODE must be one of keep, hash, drop/);
  });

  // The stack reads the build's configuration: with grafana.folderUid changed and no rebuild, the
  // provider file still serves the old folder, so `up` refuses before docker compose starts anything.
  it('up: refuses a provider file that does not match the configuration (folderUid changed, not rebuilt)', () => {
    const config = path.join(workDir, 'renamed-folder.config.yaml');
    writeFileSync(config, 'grafana:\n  folderUid: team-claude\n');
    const result = runScript(SCRIPT, ['up', '--config', config], baseEnv({ PATH: fakeBin, GRAFANA_ADMIN_PASSWORD: 'x' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no dashboards in provisioning\/grafana\/dashboards\/team-claude\/.*npm run build:dashboards/);
    expect(readFileSync(dockerLog, 'utf8')).not.toMatch(/compose up/);
  });

  it('up: refuses a provider file built for another grafana.folder', () => {
    const config = path.join(workDir, 'renamed-title.config.yaml');
    writeFileSync(config, 'grafana:\n  folder: Another folder\n');
    const result = runScript(SCRIPT, ['up', '--config', config], baseEnv({ PATH: fakeBin, GRAFANA_ADMIN_PASSWORD: 'x' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/claude-code-dashboards\.yaml does not match the configuration \(grafana\.folder \/ grafana\.folderUid\).*npm run build:dashboards/);
  });

  it('up: refuses output folders the compose file does not mount, naming the field', () => {
    const config = path.join(workDir, 'own-output.config.yaml');
    writeFileSync(config, 'output:\n  dashboards: build/dashboards\n');
    const result = runScript(SCRIPT, ['up', '--config', config], baseEnv({ PATH: fakeBin, GRAFANA_ADMIN_PASSWORD: 'x' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/output\.dashboards is "build\/dashboards", a folder docker-compose\.yml does not mount/);
  });

  it('up: an invalid configuration file exits 2 naming the field', () => {
    const config = path.join(workDir, 'invalid.config.yaml');
    writeFileSync(config, 'scrapeInterval: 0s\n');
    const result = runScript(SCRIPT, ['up', '--config', config], baseEnv({ PATH: fakeBin, GRAFANA_ADMIN_PASSWORD: 'x' }));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/scrapeInterval/);
  });
});
