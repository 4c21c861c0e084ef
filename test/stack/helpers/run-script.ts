/** Runs one of the project's TypeScript CLIs in a child process, the way npm scripts do (via tsx). */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../../scripts/stack/paths.js';

/** Exit code and output of a finished CLI run. */
export interface ScriptResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function command(script: string, args: readonly string[]): string[] {
  return ['--import', 'tsx', path.join(repoRoot, script), ...args];
}

/** Runs `script` synchronously; `env` replaces the environment when given. */
export function runScript(script: string, args: readonly string[], env?: NodeJS.ProcessEnv): ScriptResult {
  const result = spawnSync(process.execPath, command(script, args), {
    cwd: repoRoot,
    env: env ?? process.env,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `script` without blocking the event loop (needed when the test itself serves HTTP). */
export function runScriptAsync(script: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command(script, args), { cwd: repoRoot, env: env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
