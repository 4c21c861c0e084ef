/**
 * The opt-in receiver authentication (docker-compose.auth.yml + provisioning/otel-collector/auth.yaml),
 * checked as the collector would merge it, with the structural checks of collector-config.test.ts, and
 * the matching OTEL_EXPORTER_OTLP_HEADERS from `npm run claude:env`. The collector itself does not run here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expiryProblems,
  listenPorts,
  mergeCollectorConfigs,
  metricsPipelineProblems,
  receiverAuthProblems,
  wiringProblems,
  type CollectorConfig,
} from '../../scripts/stack/collector-config.js';
import { interpolateCompose, readComposeRaw } from '../../scripts/stack/compose-file.js';
import { MissingVariableError } from '../../scripts/stack/compose-interpolate.js';
import { repoRoot, stackPaths } from '../../scripts/stack/paths.js';
import { defaultConfig } from '../../queries/config.js';
import { readYaml } from './helpers/stack-files.js';
import { runScript } from './helpers/run-script.js';

const base = readYaml(stackPaths.collectorConfig) as CollectorConfig;
const overlay = readYaml(stackPaths.collectorAuthConfig);
const merged = mergeCollectorConfigs(base, overlay);
const TOKEN = '0123456789abcdef0123456789abcdef';

describe('receiver authentication', () => {
  it('the default configuration accepts anything on both OTLP protocols (the reason for the opt-in)', () => {
    expect(receiverAuthProblems(base)).toEqual([
      'receiver otlp grpc: no auth.authenticator, it accepts anything sent to it',
      'receiver otlp http: no auth.authenticator, it accepts anything sent to it',
    ]);
  });

  it('merged with auth.yaml, both protocols need the bearer token and every other check still holds', () => {
    expect(receiverAuthProblems(merged)).toEqual([]);
    expect(wiringProblems(merged)).toEqual([]);
    expect(metricsPipelineProblems(merged)).toEqual([]);
    expect(expiryProblems(merged, defaultConfig().pipeline)).toEqual([]);
    expect(listenPorts(merged)).toEqual(listenPorts(base));
    expect(merged.service?.extensions).toEqual(['health_check', 'bearertokenauth/otlp']);
  });

  it('takes the token from the environment, with only keys bearertokenauth 0.135.0 knows', () => {
    const extension = (merged.extensions?.['bearertokenauth/otlp'] ?? {}) as Record<string, unknown>;
    expect(extension).toEqual({ token: '${env:OTEL_COLLECTOR_TOKEN}' });
    for (const key of Object.keys(extension)) expect(['scheme', 'token', 'filename']).toContain(key);
  });

  it('catches an authenticator that is not enabled, undefined, or a client-only extension', () => {
    const disabled = mergeCollectorConfigs(merged, { service: { extensions: ['health_check'] } });
    expect(receiverAuthProblems(disabled)).toHaveLength(2);
    const clientOnly = mergeCollectorConfigs(merged, {
      extensions: { 'oauth2client/x': {} },
      receivers: { otlp: { protocols: { http: { auth: { authenticator: 'oauth2client/x' } } } } },
      service: { extensions: ['health_check', 'bearertokenauth/otlp', 'oauth2client/x'] },
    });
    expect(receiverAuthProblems(clientOnly)).toEqual([expect.stringMatching(/oauth2client\/x cannot authenticate clients/)]);
  });

  it('merges maps and replaces lists, as the collector does with two --config files', () => {
    expect(mergeCollectorConfigs({ a: { b: 1, l: [1, 2] } }, { a: { c: 2, l: [3] } })).toEqual({ a: { b: 1, c: 2, l: [3] } });
  });
});

describe('docker-compose.auth.yml', () => {
  const raw = readComposeRaw(stackPaths.composeAuth);

  it('loads auth.yaml as a second --config, mounted from the repository, and passes the token in', () => {
    const doc = interpolateCompose(raw, { OTEL_COLLECTOR_TOKEN: TOKEN });
    const collector = doc.services['otel-collector'];
    const configs = (collector?.command as string[]).map((arg) => arg.replace(/^--config=/, ''));
    expect(configs).toEqual(['/etc/otelcol-contrib/config.yaml', '/etc/otelcol-contrib/auth.yaml']);
    const mounts = (collector?.volumes ?? []).map((v) => v.split(':'));
    expect(mounts).toContainEqual(['./provisioning/otel-collector/auth.yaml', '/etc/otelcol-contrib/auth.yaml', 'ro,z']);
    for (const [source] of mounts) expect(existsSync(path.join(repoRoot, source ?? ''))).toBe(true);
    expect((collector?.environment as Record<string, string>)['OTEL_COLLECTOR_TOKEN']).toBe(TOKEN);
  });

  it('refuses to start without a token, and says where to put one', () => {
    expect(() => interpolateCompose(raw, {})).toThrow(MissingVariableError);
    expect(() => interpolateCompose(raw, { OTEL_COLLECTOR_TOKEN: '' })).toThrow(/OTEL_COLLECTOR_TOKEN.*\.env/);
  });
});

describe('claude:env with a token', () => {
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '', HOME: repoRoot, ...extra });

  it('adds the matching OTEL_EXPORTER_OTLP_HEADERS to the managed settings', () => {
    const result = runScript('scripts/claude-env.ts', ['--managed-settings'], env({ OTEL_COLLECTOR_TOKEN: TOKEN }));
    expect(result.status, result.stderr).toBe(0);
    const settings = JSON.parse(result.stdout) as { env: Record<string, string> };
    expect(settings.env['OTEL_EXPORTER_OTLP_HEADERS']).toBe(`Authorization=Bearer ${TOKEN}`);
  });

  it('and to the shell output, where bash reads it back unchanged', () => {
    const result = runScript('scripts/claude-env.ts', ['--shell', 'bash'], env({ OTEL_COLLECTOR_TOKEN: TOKEN }));
    expect(result.status, result.stderr).toBe(0);
    const echoed = runScript('scripts/claude-env.ts', ['--shell', 'bash'], env({}));
    expect(echoed.stdout).not.toContain('OTEL_EXPORTER_OTLP_HEADERS');
    const bash = spawnSync('bash', ['-c', `${result.stdout}\nprintf %s "$OTEL_EXPORTER_OTLP_HEADERS"`], { encoding: 'utf8', env: {} });
    expect(bash.stdout).toBe(`Authorization=Bearer ${TOKEN}`);
  });

  it('rejects a token that would break the header list (exit 2)', () => {
    const result = runScript('scripts/claude-env.ts', ['--managed-settings'], env({ OTEL_COLLECTOR_TOKEN: 'a,b=c' }));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/OTEL_COLLECTOR_TOKEN may contain only/);
  });
});
