/** Writing environment assignments in the syntax of each supported shell, safely quoted. */

/** Shells whose syntax `claude:env` can print. */
export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

/** Narrows a string to a supported shell. */
export function isShell(value: string): value is Shell {
  return (SHELLS as readonly string[]).includes(value);
}

function posixQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function fishQuote(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function powershellQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Renders `KEY=value` pairs as commands for `shell`; every shell here uses `#` for comments.
 *
 * @param vars - ordered pairs
 * @param shell - target shell
 */
export function renderAssignments(vars: ReadonlyArray<readonly [string, string]>, shell: Shell): string[] {
  return vars.map(([key, value]) => {
    switch (shell) {
      case 'fish':
        return `set -gx ${key} ${fishQuote(value)}`;
      case 'powershell':
        return `$env:${key} = ${powershellQuote(value)}`;
      default:
        return `export ${key}=${posixQuote(value)}`;
    }
  });
}

/**
 * Guesses the shell a profile file belongs to (`config.fish`, `*.ps1`, `.zshrc`); bash otherwise.
 *
 * @param file - profile path
 */
export function shellForProfile(file: string): Shell {
  const name = file.split(/[/\\]/).at(-1) ?? '';
  if (name.endsWith('.fish')) return 'fish';
  if (name.toLowerCase().endsWith('.ps1')) return 'powershell';
  if (['.zshrc', '.zshenv', '.zprofile', '.zlogin'].includes(name)) return 'zsh';
  return 'bash';
}

/**
 * The shell named by `$SHELL`, when it is one we support; bash otherwise.
 *
 * @param shellPath - value of the SHELL variable
 */
export function shellFromEnvironment(shellPath: string | undefined): Shell {
  const name = (shellPath ?? '').split(/[/\\]/).at(-1) ?? '';
  if (name === 'pwsh' || name === 'powershell') return 'powershell';
  return isShell(name) ? name : 'bash';
}
