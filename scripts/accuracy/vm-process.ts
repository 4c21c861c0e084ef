/**
 * Starts one of VictoriaMetrics' daemons (the server, vmagent) the way the accuracy suites need them:
 * on 127.0.0.1 on a free port, with a temporary directory of its own that `stop()` removes. Shared by
 * victoria-server.ts and vmagent-relay.ts so both get the same start-up checks: the process must answer
 * `/health`, and its `/metrics` must show *our* directory in the given flag, so a port another process
 * grabbed between the free-port probe and the bind is detected and retried instead of being queried.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './prometheus-server.js';

/** What to start. */
export interface VmProcessSpec {
  /** For messages, e.g. `victoria-metrics`. */
  readonly name: string;
  readonly binary: string;
  /** The flag whose value is the directory, as `/metrics` reports it (e.g. `storageDataPath`). */
  readonly dirFlag: string;
  /** The flag's value for directory `dir` (default: `dir` itself; vmalert's `-rule` names a file in it). */
  readonly dirValue?: (dir: string) => string;
  /** Called with the new directory before the first start (e.g. to write a rules file into it). */
  readonly prepare?: (dir: string) => void;
  /** Every other flag. */
  readonly args: readonly string[];
}

/** A running daemon. */
export interface VmProcess {
  readonly baseUrl: string;
  readonly dir: string;
  stop(): Promise<void>;
}

const ATTEMPTS = 5;

async function waitHealthy(name: string, baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} at ${baseUrl} did not become healthy:\n${log()}`);
}

/** The value of flag `name` in the `/metrics` of the process answering at `baseUrl`. */
async function servedFlag(baseUrl: string, name: string): Promise<string | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return new RegExp(`^flag\\{name="${name.replace(/\./g, '\\.')}", value="([^"]*)"`, 'm').exec(text)?.[1];
}

async function halt(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts the daemon and waits until it is healthy and provably ours; retries on another port. */
export async function startVmProcess(spec: VmProcessSpec): Promise<VmProcess> {
  const dir = mkdtempSync(join(tmpdir(), `ccd-${spec.name}-`));
  let child: ChildProcess | undefined;
  let log = '';
  const stop = async (): Promise<void> => {
    await halt(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const value = spec.dirValue ? spec.dirValue(dir) : dir;
  try {
    spec.prepare?.(dir);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const baseUrl = `http://127.0.0.1:${await freePort()}`;
      log = '';
      const args = [`-${spec.dirFlag}=${value}`, `-httpListenAddr=${baseUrl.slice('http://'.length)}`, ...spec.args];
      const started = spawn(spec.binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      child = started;
      started.stderr?.on('data', (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-20_000);
      });
      try {
        await waitHealthy(spec.name, baseUrl, started, () => log);
        if ((await servedFlag(baseUrl, spec.dirFlag)) === value && started.exitCode === null) return { baseUrl, dir, stop };
      } catch (error) {
        if (attempt >= ATTEMPTS) throw error;
      }
      await halt(started);
    }
    throw new Error(`could not start ${spec.name} on a port of its own after ${ATTEMPTS} attempts:\n${log}`);
  } catch (error) {
    await stop();
    throw error;
  }
}
