/** Small modules behind the stack CLIs: env files, durations, profile blocks, shells, ps output, URLs. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endpointProblem } from '../../scripts/stack/claude-env-vars.js';
import { parsePortMapping } from '../../scripts/stack/compose-file.js';
import { parseComposePs } from '../../scripts/stack/compose-ps.js';
import { parseDuration } from '../../queries/duration.js';
import { parseEnvFile, setEnvValue } from '../../scripts/stack/env-file.js';
import { ensureGrafanaPassword } from '../../scripts/stack/password.js';
import { BLOCK_END, BLOCK_START, DamagedBlockError, upsertBlock } from '../../scripts/stack/profile-block.js';
import { healthUrl, stackServices } from '../../scripts/stack/services.js';
import { renderAssignments, shellForProfile, shellFromEnvironment } from '../../scripts/stack/shell-syntax.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'stack-modules-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('env files', () => {
  it('parses assignments, quotes, comments and export', () => {
    const env = parseEnvFile("# c\nA=1\nexport B='two words'\nC=\"x y\"\nD=plain # note\nE=\nA=3\n");
    expect(Object.fromEntries(env)).toEqual({ A: '3', B: 'two words', C: 'x y', D: 'plain', E: '' });
  });

  it('sets a value in place, or appends it', () => {
    expect(setEnvValue('A=1\nB=\nC=3\n', 'B', 'secret')).toBe("A=1\nB='secret'\nC=3\n");
    expect(setEnvValue('A=1', 'B', 'x')).toBe("A=1\nB='x'\n");
    expect(() => setEnvValue('', 'B', "it's")).toThrow(/single quote/);
  });

  it('generates a Grafana password into a private .env, once', () => {
    const example = path.join(workDir, '.env.example');
    const env = path.join(workDir, '.env');
    writeFileSync(example, '# password\nGRAFANA_ADMIN_PASSWORD=\nGRAFANA_PORT=3000\n');
    expect(ensureGrafanaPassword(env, example)).toBe('generated');
    const first = readFileSync(env, 'utf8');
    expect(parseEnvFile(first).get('GRAFANA_ADMIN_PASSWORD')).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(first).toContain('GRAFANA_PORT=3000');
    expect(statSync(env).mode & 0o777).toBe(0o600);
    expect(ensureGrafanaPassword(env, example)).toBe('kept');
    expect(readFileSync(env, 'utf8')).toBe(first);
  });
});

describe('durations', () => {
  it.each([
    ['15s', 15_000],
    ['14m', 840_000],
    ['1h30m', 5_400_000],
    ['100d', 8_640_000_000],
    ['2w', 1_209_600_000],
    ['500ms', 500],
    ['0', 0],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', '5 m', 'm5', '1x'])('rejects "%s"', (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration/);
  });
});

describe('profile blocks', () => {
  it('appends to a new or existing file and replaces in place', () => {
    expect(upsertBlock('', ['a'])).toBe(`${BLOCK_START}\na\n${BLOCK_END}\n`);
    const once = upsertBlock('x=1', ['a']);
    expect(once).toBe(`x=1\n\n${BLOCK_START}\na\n${BLOCK_END}\n`);
    expect(upsertBlock(`${once}y=2\n`, ['b'])).toBe(`x=1\n\n${BLOCK_START}\nb\n${BLOCK_END}\ny=2\n`);
  });

  it('refuses damaged markers', () => {
    expect(() => upsertBlock(`${BLOCK_END}\n${BLOCK_START}\n`, ['a'])).toThrow(DamagedBlockError);
    expect(() => upsertBlock(`${BLOCK_START}\n${BLOCK_START}\n${BLOCK_END}\n`, ['a'])).toThrow(DamagedBlockError);
  });
});

describe('shells', () => {
  it('quotes values safely for each shell', () => {
    const vars = [['K', `a'b"$c\\`]] as const;
    expect(renderAssignments(vars, 'bash')).toEqual([`export K='a'\\''b"$c\\'`]);
    expect(renderAssignments(vars, 'fish')).toEqual([`set -gx K 'a\\'b"$c\\\\'`]);
    expect(renderAssignments(vars, 'powershell')).toEqual([`$env:K = 'a''b"$c\\'`]);
  });

  it('guesses the shell from a profile name or $SHELL', () => {
    expect(shellForProfile('/home/u/.config/fish/config.fish')).toBe('fish');
    expect(shellForProfile('C:\\Users\\u\\Documents\\PowerShell\\Microsoft.PowerShell_profile.ps1')).toBe('powershell');
    expect(shellForProfile('/home/u/.zshrc')).toBe('zsh');
    expect(shellForProfile('/home/u/.profile')).toBe('bash');
    expect(shellFromEnvironment('/usr/bin/fish')).toBe('fish');
    expect(shellFromEnvironment('/usr/local/bin/pwsh')).toBe('powershell');
    expect(shellFromEnvironment(undefined)).toBe('bash');
  });

  it('checks endpoints', () => {
    expect(endpointProblem('http://localhost:4318')).toBeUndefined();
    expect(endpointProblem('grpc://x:4317')).toMatch(/http/);
    expect(endpointProblem('http://localhost:4318/v1/logs')).toMatch(/base URL/);
  });
});

describe('compose helpers', () => {
  it('parses both `docker compose ps --format json` shapes', () => {
    const row = { Service: 'loki', State: 'running', Health: 'healthy', Status: 'Up 1 minute (healthy)', Name: 'x' };
    const expected = [{ service: 'loki', state: 'running', health: 'healthy', status: 'Up 1 minute (healthy)' }];
    expect(parseComposePs(JSON.stringify(row))).toEqual(expected);
    expect(parseComposePs(JSON.stringify([row]))).toEqual(expected);
    expect(parseComposePs('\n')).toEqual([]);
  });

  it('parses short port mappings', () => {
    expect(parsePortMapping('127.0.0.1:3000:3000')).toEqual({ hostIp: '127.0.0.1', hostPort: 3000, containerPort: 3000, protocol: 'tcp' });
    expect(parsePortMapping('[::1]:4317:4317/tcp').hostIp).toBe('::1');
    expect(parsePortMapping('8080:80').hostIp).toBeUndefined();
    expect(() => parsePortMapping('3000')).toThrow(/HOST_IP:HOST_PORT:CONTAINER_PORT/);
  });

  it('reaches wildcard binds through loopback', () => {
    const grafana = stackServices.find((s) => s.name === 'grafana');
    if (grafana === undefined) throw new Error('no grafana service');
    expect(healthUrl(grafana, {})).toBe('http://127.0.0.1:3000/api/health');
    expect(healthUrl(grafana, { GRAFANA_BIND: '0.0.0.0', GRAFANA_PORT: '3300' })).toBe('http://127.0.0.1:3300/api/health');
    expect(healthUrl(grafana, { GRAFANA_BIND: '::' })).toBe('http://[::1]:3000/api/health');
    expect(healthUrl(grafana, { GRAFANA_BIND: '192.168.1.5' })).toBe('http://192.168.1.5:3000/api/health');
  });
});
