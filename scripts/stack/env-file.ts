/**
 * Reading and editing `.env` files in the subset of the Compose syntax this project documents:
 * `KEY=value` lines, optional `export `, `#` comments, single- or double-quoted values.
 */

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** One `KEY=value` assignment found in an env file. */
export interface EnvAssignment {
  readonly key: string;
  readonly value: string;
  /** 0-based line number, for editing in place. */
  readonly line: number;
}

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  // Unquoted: a " #" starts a comment, as in Compose.
  const comment = value.search(/\s#/);
  return (comment === -1 ? value : value.slice(0, comment)).trim();
}

/**
 * Lists the assignments of an env file in order; comments and blank lines are skipped.
 *
 * @param text - the file's contents
 */
export function parseEnvAssignments(text: string): EnvAssignment[] {
  const result: EnvAssignment[] = [];
  text.split(/\r?\n/).forEach((content, line) => {
    if (/^\s*(#|$)/.test(content)) return;
    const match = LINE.exec(content);
    if (match?.[1] !== undefined) result.push({ key: match[1], value: unquote(match[2] ?? ''), line });
  });
  return result;
}

/**
 * Parses an env file into a map; a key assigned twice keeps its last value, as in Compose.
 *
 * @param text - the file's contents
 */
export function parseEnvFile(text: string): Map<string, string> {
  return new Map(parseEnvAssignments(text).map(({ key, value }) => [key, value]));
}

/**
 * Returns the file's text with `key` set to `value`: replaces the existing assignment, or appends one.
 * The value is single-quoted so that Compose takes it literally.
 *
 * @param text - the file's contents
 * @param key - variable name
 * @param value - new value; must not contain a single quote
 */
export function setEnvValue(text: string, key: string, value: string): string {
  if (value.includes("'")) throw new Error(`cannot write a value containing a single quote for ${key}`);
  const assignment = `${key}='${value}'`;
  const lines = text.split('\n');
  const existing = parseEnvAssignments(text).filter((a) => a.key === key).at(-1);
  if (existing !== undefined) {
    lines[existing.line] = assignment;
    return lines.join('\n');
  }
  const prefix = text.length === 0 || text.endsWith('\n') ? text : `${text}\n`;
  return `${prefix}${assignment}\n`;
}
