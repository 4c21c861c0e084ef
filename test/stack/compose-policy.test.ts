/**
 * Project rules for docker-compose.yml and .env.example that the Compose schema cannot express:
 * pinned images, loopback-only ports by default, documented variables, a required Grafana
 * password, health-gated start order, restart policy, named volumes, retention.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeVariableReferences, interpolateCompose, parsePortMapping, readComposeRaw, type ComposeService } from '../../scripts/stack/compose-file.js';
import { MissingVariableError } from '../../scripts/stack/compose-interpolate.js';
import { parseDuration } from '../../queries/duration.js';
import { parseEnvAssignments, parseEnvFile } from '../../scripts/stack/env-file.js';
import { repoRoot, stackPaths } from '../../scripts/stack/paths.js';
import { PROVIDER_FILE_NAME } from '../../scripts/lib/provider-file.js';
import { stackServices } from '../../scripts/stack/services.js';
import { composeWithDefaults, readYaml } from './helpers/stack-files.js';

const raw = readComposeRaw(stackPaths.compose);
const compose = composeWithDefaults();
const services = Object.entries(compose.services);
const envExampleText = readFileSync(stackPaths.envExample, 'utf8');
const envExample = parseEnvFile(envExampleText);
const LONGEST_PANEL_WINDOW_MS = parseDuration('90d');

/** Image families and the first version of each that the stack depends on. */
const IMAGES: Readonly<Record<string, { repository: string; tag: RegExp; why: string }>> = {
  'otel-collector': { repository: 'otel/opentelemetry-collector-contrib', tag: /^0\.(1\d\d)\.\d+$/, why: 'deltatocumulative ships in contrib from 0.108' },
  // Supported lines as checked on 2026-12-03 (docs/stack-security.md): 3.5 LTS has ended, 3.13 is LTS to July 2027.
  prometheus: { repository: 'prom/prometheus', tag: /^v3\.13\.\d+$/, why: 'the Prometheus 3.13 LTS line' },
  grafana: { repository: 'grafana/grafana', tag: /^12\.4\.\d+$/, why: 'Grafana 12.4, the last 12.x minor (extended support)' },
  alertmanager: { repository: 'prom/alertmanager', tag: /^v0\.\d+\.\d+$/, why: 'Alertmanager 0.x (a release, not latest)' },
  loki: { repository: 'grafana/loki', tag: /^3\.(\d+)\.(\d+)$/, why: 'Loki 3.x with the -health command (3.6.10+, 3.7+)' },
  'prometheus-agent': { repository: 'prom/prometheus', tag: /^v3\.\d+\.\d+$/, why: 'Prometheus 3.x in agent mode' },
  'loki-init': { repository: 'prom/prometheus', tag: /^v3\.\d+\.\d+$/, why: 'busybox chown from the stack Prometheus image' },
  victoriametrics: { repository: 'victoriametrics/victoria-metrics', tag: /^v1\.136\.\d+$/, why: 'the v1.136 LTS line (supported for 12 months from February 2026)' },
  vmalert: { repository: 'victoriametrics/vmalert', tag: /^v1\.136\.\d+$/, why: 'the v1.136 LTS line, as victoria-metrics' },
};

/** The services of the profile "victoriametrics" (the distributed path); the rest always start. */
const VICTORIA_PROFILE = ['prometheus-agent', 'victoriametrics', 'vmalert'];
/** One-shot services: they run to completion before the service that depends on them starts. */
const ONE_SHOT = ['loki-init'];
const longRunning = services.filter(([name]) => !ONE_SHOT.includes(name));

function ports(service: ComposeService): ReturnType<typeof parsePortMapping>[] {
  return (service.ports ?? []).map(parsePortMapping);
}

function environmentOf(service: ComposeService): Record<string, unknown> {
  return (service.environment ?? {}) as Record<string, unknown>;
}

describe('images', () => {
  it('defines the five stack services (and Loki\'s one-shot), and the distributed path only under the profile "victoriametrics"', () => {
    const always = longRunning.filter(([, s]) => s.profiles === undefined).map(([name]) => name);
    expect(always.sort()).toEqual(['alertmanager', 'grafana', 'loki', 'otel-collector', 'prometheus']);
    for (const name of ONE_SHOT) expect(compose.services[name]?.profiles, name).toBeUndefined();
    const profiled = services.filter(([, s]) => s.profiles !== undefined);
    expect(profiled.map(([name]) => name).sort()).toEqual(VICTORIA_PROFILE);
    for (const [, s] of profiled) expect(s.profiles).toEqual(['victoriametrics']);
  });

  it('runs vmalert from the same VictoriaMetrics release as the server, and the agent on the stack Prometheus image', () => {
    const tag = (name: string): string | undefined => compose.services[name]?.image?.split(':')[1];
    expect(tag('vmalert')).toBe(tag('victoriametrics'));
    expect(compose.services['prometheus-agent']?.image).toBe(compose.services['prometheus']?.image);
    expect(compose.services['loki-init']?.image).toBe(compose.services['prometheus']?.image);
  });

  it.each(services)('%s uses an official image pinned to a specific version', (name, service) => {
    const image = service.image ?? '';
    expect(image).not.toMatch(/:latest$|@/);
    const [repository, tag] = image.split(':');
    const expected = IMAGES[name];
    expect(expected, `no image rule for ${name}`).toBeDefined();
    expect(repository).toBe(expected?.repository);
    expect(tag, expected?.why).toMatch(expected?.tag ?? /^$/);
  });

  it('pins a collector release with deltatocumulative (>= 0.108) and a Loki with -health', () => {
    const collector = Number(/:0\.(\d+)\./.exec(compose.services['otel-collector']?.image ?? '')?.[1]);
    expect(collector).toBeGreaterThanOrEqual(108);
    const [, minor, patch] = /:3\.(\d+)\.(\d+)$/.exec(compose.services['loki']?.image ?? '') ?? [];
    const loki = Number(minor) * 1000 + Number(patch);
    expect(loki, 'loki -health exists from 3.6.10').toBeGreaterThanOrEqual(6010);
  });
});

describe('published ports', () => {
  it.each(services)('%s binds every published port to 127.0.0.1 by default', (_name, service) => {
    for (const mapping of ports(service)) expect(mapping.hostIp).toBe('127.0.0.1');
  });

  it('still binds to 127.0.0.1 with the values of .env.example', () => {
    const withExample = interpolateCompose(raw, { ...Object.fromEntries(envExample), GRAFANA_ADMIN_PASSWORD: 'x' });
    for (const service of Object.values(withExample.services)) {
      for (const mapping of ports(service)) expect(mapping.hostIp).toBe('127.0.0.1');
    }
  });

  it('lets .env choose the interface and the host port', () => {
    const exposed = composeWithDefaults({ GRAFANA_BIND: '0.0.0.0', GRAFANA_PORT: '3300' });
    expect(ports(exposed.services['grafana'] ?? {})).toEqual([{ hostIp: '0.0.0.0', hostPort: 3300, containerPort: 3000, protocol: 'tcp' }]);
  });

  it('publishes OTLP gRPC 4317 and HTTP 4318 and never 9464 (Claude Code’s own Prometheus port)', () => {
    const collector = ports(compose.services['otel-collector'] ?? {});
    expect(collector.map((p) => p.containerPort)).toEqual(expect.arrayContaining([4317, 4318]));
    const all = Object.values(compose.services).flatMap(ports);
    expect(all.map((p) => p.hostPort)).not.toContain(9464);
    expect(new Set(all.map((p) => p.hostPort)).size).toBe(all.length);
  });

  it('matches the service table that `stack status` probes', () => {
    for (const entry of stackServices) {
      const published = (readComposeRaw(stackPaths.compose) as { services: Record<string, ComposeService> }).services[entry.name]?.ports ?? [];
      const pattern = `\${${entry.bindVariable}:-127.0.0.1}:\${${entry.portVariable}:-${entry.defaultPort}}:${entry.containerPort}`;
      expect(published, entry.name).toContain(pattern);
    }
  });
});

describe('.env.example', () => {
  const references = [...composeVariableReferences(raw), ...composeVariableReferences(readComposeRaw(stackPaths.composeAuth))];
  const used = new Set(references.map((r) => r.name));

  it('documents every variable the compose file uses', () => {
    const missing = [...used].filter((name) => !envExample.has(name));
    expect(missing).toEqual([]);
  });

  it('documents only variables that the compose file (or Compose itself, COMPOSE_*) uses', () => {
    const unused = [...envExample.keys()].filter((name) => !used.has(name) && !name.startsWith('COMPOSE_'));
    expect(unused).toEqual([]);
  });

  it('gives each variable a comment and no duplicates', () => {
    const assignments = parseEnvAssignments(envExampleText);
    expect(new Set(assignments.map((a) => a.key)).size).toBe(assignments.length);
    const lines = envExampleText.split('\n');
    for (const { key, line } of assignments) {
      const comment = lines.slice(0, line).reverse().find((text) => text.trim() !== '' && !/^\s*[A-Z_]+=/.test(text));
      expect(comment, `${key} needs a comment above it`).toMatch(/^\s*#/);
    }
  });

  it('uses the same defaults as the compose file', () => {
    for (const ref of references.filter((r) => r.operator === ':-')) {
      expect(envExample.get(ref.name), ref.name).toBe(ref.argument);
    }
  });
});

describe('Grafana credentials', () => {
  it('refuses to start without GRAFANA_ADMIN_PASSWORD, unset or empty, and says what to do', () => {
    for (const env of [{}, { GRAFANA_ADMIN_PASSWORD: '' }]) {
      let error: unknown;
      try {
        interpolateCompose(raw, env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MissingVariableError);
      expect((error as MissingVariableError).variable).toBe('GRAFANA_ADMIN_PASSWORD');
      expect((error as Error).message).toMatch(/\.env\.example/);
    }
  });

  it('leaves GRAFANA_ADMIN_PASSWORD empty in .env.example, so copying it is not enough', () => {
    expect(envExample.get('GRAFANA_ADMIN_PASSWORD')).toBe('');
  });

  it('turns anonymous access and sign-up off', () => {
    const env = environmentOf(compose.services['grafana'] ?? {});
    expect(env['GF_AUTH_ANONYMOUS_ENABLED']).toBe('false');
    expect(env['GF_USERS_ALLOW_SIGN_UP']).toBe('false');
    expect(env['GF_SECURITY_ADMIN_PASSWORD']).toBe('test-password');
  });
});

describe('start order, health and restarts', () => {
  it.each(longRunning)('%s restarts unless stopped', (_name, service) => {
    expect(service.restart).toBe('unless-stopped');
  });

  it.each(ONE_SHOT)('%s runs once (restart "no") and is waited for by a long-running service', (name) => {
    expect(compose.services[name]?.restart).toBe('no');
    const adopters = longRunning.filter(([, s]) => (s.depends_on as Record<string, { condition?: string }> | undefined)?.[name]?.condition === 'service_completed_successfully');
    expect(adopters.length, `${name}: adopted via service_completed_successfully, or 'up --wait' fails on its exit`).toBeGreaterThan(0);
  });

  it('gives every service a healthcheck except the FROM-scratch collector, and says why', () => {
    for (const [name, service] of longRunning) {
      if (name === 'otel-collector') {
        expect(service.healthcheck).toBeUndefined();
        expect(readFileSync(stackPaths.compose, 'utf8')).toMatch(/No healthcheck: the image is FROM scratch/);
      } else {
        expect(Array.isArray(service.healthcheck?.test), name).toBe(true);
      }
    }
  });

  it('waits only on dependencies that have a healthcheck, and waits for them to be healthy', () => {
    for (const [name, service] of services) {
      const deps = service.depends_on ?? {};
      expect(Array.isArray(deps), `${name}: use the long depends_on syntax`).toBe(false);
      for (const [dep, { condition }] of Object.entries(deps as Record<string, { condition?: string }>)) {
        if (ONE_SHOT.includes(dep)) {
          expect(condition, `${name} -> ${dep}`).toBe('service_completed_successfully');
          continue;
        }
        expect(condition, `${name} -> ${dep}`).toBe('service_healthy');
        expect(compose.services[dep]?.healthcheck, `${dep} needs a healthcheck`).toBeDefined();
      }
    }
    expect(Object.keys(compose.services['grafana']?.depends_on ?? {}).sort()).toEqual(['loki', 'prometheus']);
  });
});

describe('volumes', () => {
  const named = new Set(Object.keys(compose.volumes ?? {}));

  it.each([
    ['prometheus', '/prometheus'],
    ['loki', '/loki'],
    ['grafana', '/var/lib/grafana'],
    ['victoriametrics', '/storage'],
    ['prometheus-agent', '/prometheus-agent'],
  ])('%s keeps its data in a named volume', (name, target) => {
    const mount = (compose.services[name]?.volumes ?? []).find((v) => v.split(':')[1] === target);
    expect(mount, `${name} mounts ${target}`).toBeDefined();
    expect(named.has(mount?.split(':')[0] ?? '')).toBe(true);
  });

  it('mounts repository files read-only, from paths that exist (generated dashboards aside)', () => {
    for (const [name, service] of services) {
      for (const volume of service.volumes ?? []) {
        const [source, , mode] = volume.split(':');
        if (source === undefined || !source.startsWith('./')) continue;
        expect(mode?.split(',') ?? [], `${name}: ${volume}`).toContain('ro');
        if (source !== './provisioning/grafana/dashboards') expect(existsSync(path.join(repoRoot, source)), volume).toBe(true);
      }
    }
  });

  it('mounts the dashboards where the provider reads them and the provisioning folders where Grafana looks', () => {
    const volumes = compose.services['grafana']?.volumes ?? [];
    expect(volumes).toContain('./provisioning/grafana/datasources:/etc/grafana/provisioning/datasources:ro,z');
    expect(volumes).toContain('./provisioning/grafana/dashboard-providers:/etc/grafana/provisioning/dashboards:ro,z');
    expect(volumes).toContain('./provisioning/grafana/dashboards:/etc/grafana/dashboards:ro,z');
    const providers = readYaml(path.join(stackPaths.grafanaProviders, PROVIDER_FILE_NAME)) as { providers: { options: { path: string } }[] };
    expect(providers.providers[0]?.options.path).toBe('/etc/grafana/dashboards/claude-code');
  });
});

describe('retention', () => {
  function flag(name: string, doc = compose): string | undefined {
    const command = doc.services['prometheus']?.command;
    return (Array.isArray(command) ? command : []).find((f) => f.startsWith(`--${name}=`))?.split('=')[1];
  }

  it('keeps Prometheus data at least as long as the longest panel window (90 days)', () => {
    expect(parseDuration(flag('storage.tsdb.retention.time') ?? '0')).toBeGreaterThanOrEqual(LONGEST_PANEL_WINDOW_MS);
    expect(parseDuration(envExample.get('PROMETHEUS_RETENTION_TIME') ?? '0')).toBeGreaterThanOrEqual(LONGEST_PANEL_WINDOW_MS);
  });

  it('keeps VictoriaMetrics data as long, and takes it from .env', () => {
    const retention = (doc = compose): string | undefined => {
      const command = doc.services['victoriametrics']?.command;
      return (Array.isArray(command) ? command : []).find((f) => f.startsWith('-retentionPeriod='))?.split('=')[1];
    };
    expect(parseDuration(retention() ?? '0')).toBeGreaterThanOrEqual(LONGEST_PANEL_WINDOW_MS);
    expect(retention(composeWithDefaults({ VICTORIAMETRICS_RETENTION_PERIOD: '400d' }))).toBe('400d');
  });

  it('takes Prometheus retention time and size from .env', () => {
    const custom = composeWithDefaults({ PROMETHEUS_RETENTION_TIME: '400d', PROMETHEUS_RETENTION_SIZE: '50GB' });
    expect(flag('storage.tsdb.retention.time', custom)).toBe('400d');
    expect(flag('storage.tsdb.retention.size', custom)).toBe('50GB');
  });

  it('takes Loki retention from .env and enables the compactor retention that applies it', () => {
    expect(environmentOf(compose.services['loki'] ?? {})['LOKI_RETENTION_PERIOD']).toBe('90d');
    expect(compose.services['loki']?.command).toContain('-config.expand-env=true');
    const loki = readYaml(stackPaths.lokiConfig) as {
      limits_config: { retention_period: string };
      compactor: { retention_enabled: boolean; delete_request_store: string };
      server: { http_listen_port: number };
      schema_config: { configs: { store: string; schema: string; index: { period: string } }[] };
    };
    expect(loki.limits_config.retention_period).toBe('${LOKI_RETENTION_PERIOD}');
    expect(loki.compactor.retention_enabled).toBe(true);
    expect(loki.compactor.delete_request_store).toBe('filesystem');
    expect(loki.schema_config.configs.at(-1)).toMatchObject({ store: 'tsdb', schema: 'v13', index: { period: '24h' } });
    expect(ports(compose.services['loki'] ?? {}).map((p) => p.containerPort)).toEqual([loki.server.http_listen_port]);
  });
});
