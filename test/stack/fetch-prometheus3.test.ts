/**
 * .ci/fetch-prometheus3.sh with apt-get and dpkg-deb replaced by stubs: it takes the Debian archive from
 * the machine's configured sources (never a host of its own) and leaves the machine's apt configuration
 * and package lists as they were: while it runs no source is added to /etc/apt, apt reads and writes only
 * a private folder, and that folder is gone afterwards, also when a download fails.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/stack/paths.js';

const SCRIPT = path.join(repoRoot, '.ci/fetch-prometheus3.sh');

/** apt-get stub: logs its arguments and what /etc/apt/sources.list.d holds at that moment. */
const APT_GET = `#!/bin/sh
{ printf 'ARGS'; for a in "$@"; do printf ' %s' "$a"; done; printf '\\n'; printf 'SYSTEM %s\\n' "$(ls /etc/apt/sources.list.d 2>/dev/null | tr '\\n' ' ')"; } >>"$STUB_LOG"
for a in "$@"; do case "$a" in Dir::Etc::SourceList=*) printf 'SOURCES %s\\n' "$(cat "\${a#Dir::Etc::SourceList=}")" >>"$STUB_LOG";; esac; done
case " $* " in *" download "*) [ -n "$STUB_FAIL" ] && exit 100; : >prometheus_3_amd64.deb; : >promtool_3_amd64.deb;; esac
exit 0
`;
/** dpkg-deb stub: "unpacks" a binary that prints a version. */
const DPKG_DEB = `#!/bin/sh
mkdir -p "$3/usr/bin"; for b in prometheus promtool; do printf '#!/bin/sh\\necho "%s, version 3.0.0-stub"\\n' "$b" >"$3/usr/bin/$b"; chmod +x "$3/usr/bin/$b"; done
`;

function snapshot(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => path.join(e.parentPath, e.name)).sort();
}

function run(fail = false): { status: number | null; log: string; etc: string; stderr: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'fetch-p3-'));
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'apt-get'), APT_GET);
  writeFileSync(path.join(bin, 'dpkg-deb'), DPKG_DEB);
  for (const f of ['apt-get', 'dpkg-deb']) chmodSync(path.join(bin, f), 0o755);
  const etc = path.join(root, 'etc-apt');
  mkdirSync(path.join(etc, 'sources.list.d'), { recursive: true });
  writeFileSync(
    path.join(etc, 'sources.list.d', 'debian.sources'),
    'Types: deb\nURIs: http://archive.invalid/debian\nSuites: stable\nComponents: main\nSigned-By: /usr/share/keyrings/x.gpg\n\n' +
      'Types: deb\nURIs: http://archive.invalid/debian-security\nSuites: stable-security\nComponents: main\n',
  );
  const log = path.join(root, 'log');
  writeFileSync(log, '');
  const env = { PATH: `${bin}:${process.env['PATH'] ?? ''}`, STUB_LOG: log, APT_ETC: etc, PROMETHEUS3_DEST: path.join(root, 'dest'), ...(fail ? { STUB_FAIL: '1' } : {}) };
  const result = spawnSync('bash', [SCRIPT], { encoding: 'utf8', env });
  return { status: result.status, log: readFileSync(log, 'utf8'), etc, stderr: result.stderr };
}

describe('.ci/fetch-prometheus3.sh', () => {
  const systemBefore = [snapshot('/etc/apt'), snapshot('/var/lib/apt/lists')];

  it('uses the configured archive (not the security one) with its keyring, in a private apt folder', () => {
    const { status, log, etc, stderr } = run();
    expect(status, stderr).toBe(0);
    expect(log).toContain('SOURCES deb [signed-by=/usr/share/keyrings/x.gpg] http://archive.invalid/debian sid main');
    const calls = log.split('\n').filter((l) => l.startsWith('ARGS'));
    expect(calls.length).toBe(2);
    for (const call of calls) {
      for (const option of ['Dir::Etc::SourceList=', 'Dir::Etc::SourceParts=', 'Dir::State::Lists=', 'Dir::Cache=']) {
        const value = new RegExp(`${option.replace(/:/g, '\\:')}(\\S+)`).exec(call)?.[1] ?? '';
        expect(value, `${option} in ${call}`).not.toBe('');
        expect(value.startsWith('/etc/apt') || value.startsWith('/var/lib/apt') || value.startsWith('/var/cache/apt'), value).toBe(false);
      }
    }
    expect(snapshot(etc)).toEqual([path.join(etc, 'sources.list.d'), path.join(etc, 'sources.list.d', 'debian.sources')]);
  });

  it('adds no source to the machine while it runs, and leaves its configuration and lists as they were', () => {
    const { log } = run();
    const during = log.split('\n').filter((l) => l.startsWith('SYSTEM'));
    const systemNow = snapshot('/etc/apt/sources.list.d').map((p) => path.basename(p)).join(' ');
    for (const line of during) expect(line.replace(/^SYSTEM ?/, '').trim()).toBe(systemNow.trim());
    expect([snapshot('/etc/apt'), snapshot('/var/lib/apt/lists')]).toEqual(systemBefore);
  });

  it('removes its private folder on exit, also when the download fails', () => {
    for (const fail of [false, true]) {
      const { status, log } = run(fail);
      expect(status === 0, log).toBe(!fail);
      const lists = /Dir::State::Lists=(\S+)/.exec(log)?.[1] ?? '';
      expect(lists).not.toBe('');
      expect(existsSync(path.dirname(lists)), lists).toBe(false);
    }
  });
});
