/**
 * Checks the shell commands the documentation shows against the repository: every `npm run` script exists
 * in package.json, every `npx claude-code-dashboards` command exists in the bin, every option a command line
 * passes appears in that command's own `--help`, and files the line reads exist. A renamed script or option
 * then fails a test instead of a reader's copy and paste.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './markdown.js';

const SCRIPTS = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const helpCache = new Map<string, string>();

/** The `--help` text of a script or bin command, run the way npm runs it (tsx, no compile step). */
export function helpOf(kind: 'script' | 'bin', name: string): string {
  const key = `${kind}:${name}`;
  const cached = helpCache.get(key);
  if (cached !== undefined) return cached;
  let args: string[];
  if (kind === 'bin') {
    args = ['--import', 'tsx', 'scripts/cli.ts', ...(name === '' ? [] : [name]), '--help'];
  } else {
    const script = SCRIPTS[name];
    if (script === undefined) throw new Error(`npm run ${name}: no such script in package.json`);
    args = [...script.replace(/^(node --import tsx|tsx) /, '').split(' '), '--help'];
    args = ['--import', 'tsx', ...args];
  }
  const text = execFileSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  helpCache.set(key, text);
  return text;
}

/** The simple commands of a block: comments dropped, continuation lines joined, split at `&&`, `|`, `;`, `$(`. */
export function commandsOf(block: string): string[] {
  const joined = block.replace(/\\\n/g, ' ');
  const out: string[] = [];
  for (const raw of joined.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    for (const part of line.split(/&&|\|\||[|;]|\$\(|\)"?/)) {
      const cmd = part.replace(/^eval\s+"?/, '').replace(/\s*>{1,2}\s*\S+$/, '').replace(/^\s*[A-Z_]+=\S+\s+/, '').trim();
      if (cmd !== '' && cmd !== '"') out.push(cmd);
    }
  }
  return out;
}

/** `--flag` tokens of a command line (values and positional arguments are not options). */
function optionsOf(args: readonly string[]): string[] {
  return args.filter((a) => /^--?[a-zA-Z]/.test(a)).map((a) => a.replace(/=.*$/, ''));
}

/** What is wrong with an `npm run` line, or undefined. */
function checkNpmRun(words: readonly string[]): string | undefined {
  const rest = words.slice(2).filter((w) => w !== '--silent');
  const name = rest[0];
  if (name === undefined || SCRIPTS[name] === undefined) return `npm run ${name ?? ''}: no such script in package.json`;
  const sep = rest.indexOf('--');
  const options = sep === -1 ? [] : optionsOf(rest.slice(sep + 1));
  if (options.length === 0) return undefined;
  const help = helpOf('script', name);
  const missing = options.filter((o) => !new RegExp(`(^|[\\s,\\[|])${o.replace(/-/g, '\\-')}\\b`, 'm').test(help));
  return missing.length === 0 ? undefined : `npm run ${name}: ${missing.join(', ')} not in its --help`;
}

/** What is wrong with an `npx claude-code-dashboards` line, or undefined. */
function checkBin(words: readonly string[]): string | undefined {
  const command = words[2] ?? '';
  if (command !== '' && !helpOf('bin', '').includes(`  ${command} `)) return `claude-code-dashboards ${command}: no such command`;
  const help = helpOf('bin', command);
  const missing = optionsOf(words.slice(3)).filter((o) => !help.includes(o));
  return missing.length === 0 ? undefined : `claude-code-dashboards ${command}: ${missing.join(', ')} not in its --help`;
}

/** Commands a reader runs that are not this repository's: they are named, not checked. */
const EXTERNAL = new Set(['claude', 'docker', 'echo', 'cp', 'npm ci', 'npm test', 'npm install claude-code-dashboards', 'source', 'Out-String', 'Invoke-Expression']);

/** Problems of one command line; an empty list when it matches the repository. */
export function checkCommand(cmd: string): string[] {
  const words = cmd.split(/\s+/).map((w) => w.replace(/^'(.*)'$/, '$1'));
  const head = words.slice(0, 2).join(' ');
  if (words[0] === 'cp') return words.slice(1, -1).filter((f) => !existsSync(path.join(REPO, f))).map((f) => `cp: ${f} does not exist`);
  if (head === 'npm run') return [checkNpmRun(words)].filter((p) => p !== undefined);
  if (head === 'npx claude-code-dashboards') return [checkBin(words)].filter((p) => p !== undefined);
  if (head === 'npx vitest') return words.slice(3).filter((f) => !existsSync(path.join(REPO, f))).map((f) => `vitest: ${f} does not exist`);
  if (words[0] === 'bash') return existsSync(path.join(REPO, words[1] ?? '')) ? [] : [`bash: ${words[1]} does not exist`];
  if (EXTERNAL.has(words[0] ?? '') || EXTERNAL.has(cmd)) return [];
  return [`not a command the documentation tests know: ${cmd}`];
}
