/**
 * What the containers can read and write through their mounts, checked from docker-compose.yml and the
 * Loki configuration (Docker does not run here): SELinux labels on bind mounts, their file modes, and Loki's data volume,
 * which Loki cannot write once the 3.6.0 image created it root-owned (`mkdir /loki/rules: permission denied`).
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOKI_UID, lokiVolumeProblems, lokiWritePaths, type LokiPaths } from '../../scripts/stack/loki-volume.js';
import { bindSources, unreadableMessage, unreadableMounts } from '../../scripts/stack/mount-modes.js';
import { repoRoot, stackPaths } from '../../scripts/stack/paths.js';
import { composeWithDefaults, readYaml } from './helpers/stack-files.js';

const compose = composeWithDefaults();
const services = Object.entries(compose.services);
const lokiConfig = readYaml(stackPaths.lokiConfig) as LokiPaths;

describe('SELinux', () => {
  // On SELinux hosts (Fedora, RHEL) a bind mount without a relabel option is unreadable inside the
  // container (container_t may not read user_home_t). `z`, not `Z`: the Prometheus rules folder is
  // mounted into prometheus and vmalert, and a private label (Z) would lock one of them out.
  it('relabels every bind mount with the shared label (z)', () => {
    const binds = services.flatMap(([name, s]) => (s.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => [name, v] as const));
    expect(binds.length).toBeGreaterThan(0);
    for (const [name, volume] of binds) {
      const options = volume.split(':')[2]?.split(',') ?? [];
      expect(options, `${name}: ${volume}`).toContain('z');
      expect(options, `${name}: ${volume}`).not.toContain('Z');
    }
  });
});

describe('Loki data volume', () => {
  it('keeps every folder Loki writes on the named volume, which a one-shot hands to uid 10001 first', () => {
    expect(lokiWritePaths(lokiConfig)).toEqual(expect.arrayContaining(['/loki', '/loki/chunks', '/loki/rules', '/loki/compactor']));
    expect(lokiVolumeProblems(compose, lokiConfig)).toEqual([]);
    const init = compose.services['loki-init'];
    expect(init?.['entrypoint']).toEqual(['chown', '-R', `${LOKI_UID}:${LOKI_UID}`, '/loki']);
    expect(init?.volumes).toEqual(['loki-data:/loki']);
  });

  it('reproduces the 3.6 failure without the one-shot: the volume is root\'s and mkdir /loki/rules fails', () => {
    const { ['loki-init']: _init, ...rest } = compose.services;
    const loki = { ...compose.services['loki'], depends_on: {} };
    const problems = lokiVolumeProblems({ ...compose, services: { ...rest, loki } }, lokiConfig);
    expect(problems.join('\n')).toMatch(/created by Loki 3.6.0 belongs to root, and Loki \(uid 10001\) fails on "mkdir \/loki\/rules"/);
  });

  it('finds a folder outside the volume, and a one-shot that chowns something else or is not waited for', () => {
    const outside = { ...lokiConfig, compactor: { working_directory: '/tmp/compactor' } };
    expect(lokiVolumeProblems(compose, outside).join('\n')).toMatch(/\/tmp\/compactor is outside the volume loki-data/);
    const wrongUid = { ...compose.services['loki-init'], entrypoint: ['chown', '-R', '0:0', '/loki'] };
    expect(lokiVolumeProblems({ ...compose, services: { ...compose.services, 'loki-init': wrongUid } }, lokiConfig)).toHaveLength(1);
    const started = { ...compose.services['loki'], depends_on: { 'loki-init': { condition: 'service_started' } } };
    expect(lokiVolumeProblems({ ...compose, services: { ...compose.services, loki: started } }, lokiConfig)).toHaveLength(1);
  });
});

describe('bind mounts under umask 077', () => {
  it('the repository mounts are readable by the containers\' users', () => {
    expect(bindSources(compose).length).toBeGreaterThan(5);
    expect(unreadableMounts(compose, repoRoot)).toEqual([]);
  });

  it('finds a 0600 file and a 0700 folder, as a checkout under umask 077 leaves them, and says how to fix it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ccd-mounts-'));
    const loki = path.join(root, 'provisioning', 'loki');
    mkdirSync(loki, { recursive: true });
    writeFileSync(path.join(loki, 'config.yaml'), 'x');
    chmodSync(path.join(loki, 'config.yaml'), 0o600);
    const prometheus = path.join(root, 'provisioning', 'prometheus');
    mkdirSync(prometheus, { recursive: true });
    chmodSync(prometheus, 0o700);
    const found = unreadableMounts(compose, root);
    expect(found).toEqual(expect.arrayContaining(['provisioning/loki/config.yaml', 'provisioning/prometheus']));
    expect(unreadableMessage(found)).toMatch(/cannot read .*provisioning\/loki\/config\.yaml.*Fix: chmod -R a\+rX provisioning/);
  });
});
