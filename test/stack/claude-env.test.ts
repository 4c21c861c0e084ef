/** `npm run claude:env`: output per shell, profile writing, the managed-settings template, errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claudeCodeEnvironment, defaultEndpoint } from '../../scripts/stack/claude-env-vars.js';
import { stackPaths } from '../../scripts/stack/paths.js';
import { BLOCK_END, BLOCK_START } from '../../scripts/stack/profile-block.js';
import { runScript } from './helpers/run-script.js';
import { loadStackEnv } from '../../scripts/stack/stack-env.js';

const SCRIPT = 'scripts/claude-env.ts';
const workDir = mkdtempSync(path.join(tmpdir(), 'claude-env-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const EXPECTED_KEYS = [
  'CLAUDE_CODE_ENABLE_TELEMETRY',
  'OTEL_METRICS_EXPORTER',
  'OTEL_LOGS_EXPORTER',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
  'OTEL_METRIC_EXPORT_INTERVAL',
  'OTEL_LOGS_EXPORT_INTERVAL',
];

describe('claude:env output', () => {
  it('prints bash exports that a real bash can evaluate', () => {
    const result = runScript(SCRIPT, ['--shell', 'bash']);
    expect(result.status, result.stderr).toBe(0);
    const evaluated = spawnSync('bash', ['-c', `${result.stdout}\nenv`], { encoding: 'utf8', env: {} });
    const env = Object.fromEntries(evaluated.stdout.split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
    expect(env).toMatchObject({
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
      OTEL_LOGS_EXPORT_INTERVAL: '5000',
    });
  });

  it.each([
    ['zsh', "export OTEL_LOGS_EXPORTER='otlp'"],
    ['fish', "set -gx OTEL_LOGS_EXPORTER 'otlp'"],
    ['powershell', "$env:OTEL_LOGS_EXPORTER = 'otlp'"],
  ])('speaks %s', (shell, line) => {
    const result = runScript(SCRIPT, ['--shell', shell]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split('\n')).toContain(line);
    expect(result.stdout.match(/OTEL_|CLAUDE_CODE_/g)?.length).toBe(EXPECTED_KEYS.length);
  });

  it('switches to gRPC on 4317, and takes an explicit endpoint', () => {
    expect(runScript(SCRIPT, ['--shell', 'bash', '--protocol', 'grpc']).stdout).toContain(
      "export OTEL_EXPORTER_OTLP_ENDPOINT='http://localhost:4317'",
    );
    const custom = runScript(SCRIPT, ['--shell', 'bash', '--endpoint', "https://otel.example.com:4318/o'k"]);
    expect(custom.stdout).toContain(`export OTEL_EXPORTER_OTLP_ENDPOINT='https://otel.example.com:4318/o'\\''k'`);
  });

  it('prints help with exit 0', () => {
    const result = runScript(SCRIPT, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--write-profile FILE/);
  });

  it.each([
    [['--shell', 'tcsh'], /--shell must be one of/],
    [['--protocol', 'http'], /--protocol must be one of/],
    [['--endpoint', 'localhost:4318'], /--endpoint/],
    [['--endpoint', 'http://localhost:4318/v1/metrics'], /base URL/],
    [['--nope'], /Unknown option/],
    [['stray'], /Unexpected argument|positional/i],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const result = runScript(SCRIPT, args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('claude:env --write-profile', () => {
  it('writes nothing unless asked', () => {
    const result = runScript(SCRIPT, ['--shell', 'bash']);
    expect(result.stdout).not.toMatch(/Wrote/);
  });

  it('appends a marked block once and replaces only that block on later runs', () => {
    const file = path.join(workDir, '.bashrc');
    writeFileSync(file, 'alias ll="ls -l"\n');
    expect(runScript(SCRIPT, ['--write-profile', file]).status).toBe(0);
    const first = readFileSync(file, 'utf8');
    expect(first.startsWith('alias ll="ls -l"\n')).toBe(true);
    expect(first).toContain(`${BLOCK_START}\n`);
    expect(runScript(SCRIPT, ['--write-profile', file, '--protocol', 'grpc']).status).toBe(0);
    writeFileSync(file, `${readFileSync(file, 'utf8')}export AFTER=1\n`);
    expect(runScript(SCRIPT, ['--write-profile', file, '--protocol', 'grpc']).status).toBe(0);
    const last = readFileSync(file, 'utf8');
    expect(last.split(BLOCK_START)).toHaveLength(2);
    expect(last.split(BLOCK_END)).toHaveLength(2);
    expect(last).toContain("export OTEL_EXPORTER_OTLP_ENDPOINT='http://localhost:4317'");
    expect(last).not.toContain('http://localhost:4318');
    expect(last.endsWith('export AFTER=1\n')).toBe(true);
  });

  it('picks the syntax from the profile name', () => {
    const fish = path.join(workDir, 'config.fish');
    expect(runScript(SCRIPT, ['--write-profile', fish]).status).toBe(0);
    expect(readFileSync(fish, 'utf8')).toContain("set -gx CLAUDE_CODE_ENABLE_TELEMETRY '1'");
  });

  it('refuses to edit a damaged block', () => {
    const file = path.join(workDir, 'damaged');
    writeFileSync(file, `${BLOCK_START}\nexport X=1\n`);
    const result = runScript(SCRIPT, ['--write-profile', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/markers/);
    expect(readFileSync(file, 'utf8')).toBe(`${BLOCK_START}\nexport X=1\n`);
  });
});

describe('managed-settings.json template', () => {
  it('carries exactly the variables claude:env prints, with a placeholder endpoint', () => {
    const template = JSON.parse(readFileSync(stackPaths.claudeManagedSettings, 'utf8')) as { env: Record<string, string> };
    expect(Object.keys(template.env)).toEqual(EXPECTED_KEYS);
    const expected = Object.fromEntries(
      claudeCodeEnvironment({ protocol: 'http/protobuf', endpoint: template.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? '' }),
    );
    expect(template.env).toEqual(expected);
    expect(template.env['OTEL_EXPORTER_OTLP_ENDPOINT']).not.toBe(defaultEndpoint('http/protobuf'));
  });

  it('is what --managed-settings prints for that endpoint', () => {
    const template = readFileSync(stackPaths.claudeManagedSettings, 'utf8');
    const endpoint = (JSON.parse(template) as { env: Record<string, string> }).env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? '';
    const result = runScript(SCRIPT, ['--managed-settings', '--endpoint', endpoint]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(template);
  });
});

describe('claude:env follows the ports the stack publishes', () => {
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '', HOME: workDir, ...extra });

  it('takes OTEL_HTTP_PORT and OTEL_GRPC_PORT, as Compose does (the shell over .env)', () => {
    const http = runScript(SCRIPT, ['--shell', 'bash'], env({ OTEL_HTTP_PORT: '14318' }));
    expect(http.status, http.stderr).toBe(0);
    expect(http.stdout).toContain("export OTEL_EXPORTER_OTLP_ENDPOINT='http://localhost:14318'");
    const grpc = runScript(SCRIPT, ['--shell', 'bash', '--protocol', 'grpc'], env({ OTEL_GRPC_PORT: '14317', OTEL_HTTP_PORT: '14318' }));
    expect(grpc.stdout).toContain("export OTEL_EXPORTER_OTLP_ENDPOINT='http://localhost:14317'");
  });

  it('reads the port from an env file under the shell environment', () => {
    const file = path.join(workDir, 'ports.env');
    writeFileSync(file, 'OTEL_HTTP_PORT=24318\n');
    expect(defaultEndpoint('http/protobuf', loadStackEnv(file))).toBe(process.env['OTEL_HTTP_PORT'] ? `http://localhost:${process.env['OTEL_HTTP_PORT']}` : 'http://localhost:24318');
    expect(defaultEndpoint('grpc', {})).toBe('http://localhost:4317');
  });

  it('rejects a port that is not one, naming the variable and the fix (exit 2)', () => {
    const bad = runScript(SCRIPT, ['--shell', 'bash'], env({ OTEL_HTTP_PORT: '43x8' }));
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/OTEL_HTTP_PORT is "43x8", not a port: set it to a number from 1 to 65535/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the stack .env', () => {
  it('is ignored by git (it holds the generated Grafana password); .env.example is not', () => {
    const ignored = spawnSync('git', ['check-ignore', '-q', '.env'], { cwd: path.dirname(stackPaths.env) });
    expect(ignored.status).toBe(0);
    const example = spawnSync('git', ['check-ignore', '-q', '.env.example'], { cwd: path.dirname(stackPaths.env) });
    expect(example.status).toBe(1);
  });
});
