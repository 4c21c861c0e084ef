/**
 * Docker Compose variable interpolation, so that the compose file can be checked here exactly as
 * `docker compose` would see it, without Docker: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, nested defaults.
 */

/** Raised where Compose would refuse to start: a `${VAR:?message}` whose variable is unset or empty. */
export class MissingVariableError extends Error {
  constructor(
    readonly variable: string,
    readonly detail: string,
  ) {
    super(`required variable ${variable} is missing a value: ${detail}`);
  }
}

/** A variable reference found in a compose file. */
export interface VariableReference {
  readonly name: string;
  /** The operator after the name (`:-`, `-`, `:?`, `?`, `:+`, `+`), or '' for a bare reference. */
  readonly operator: string;
  /** Text after the operator, uninterpolated. */
  readonly argument: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;

/** Index of the `}` closing the `${` that starts at `open`, honouring nested `${...}`. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i += 1;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unterminated variable reference at: ${text.slice(open, open + 40)}`);
}

function parseBraced(body: string): VariableReference {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) throw new Error(`invalid variable reference: \${${body}}`);
  const rest = body.slice(name.length);
  if (rest === '') return { name, operator: '', argument: '' };
  const operator = OPERATORS.find((op) => rest.startsWith(op));
  if (operator === undefined) throw new Error(`invalid variable reference: \${${body}}`);
  return { name, operator, argument: rest.slice(operator.length) };
}

function resolve(ref: VariableReference, env: Readonly<Record<string, string | undefined>>): string {
  const value = env[ref.name];
  const unset = value === undefined;
  const empty = unset || value === '';
  const argument = (): string => interpolate(ref.argument, env);
  switch (ref.operator) {
    case ':-':
      return empty ? argument() : value;
    case '-':
      return unset ? argument() : value;
    case ':?':
      if (empty) throw new MissingVariableError(ref.name, argument());
      return value;
    case '?':
      if (unset) throw new MissingVariableError(ref.name, argument());
      return value;
    case ':+':
      return empty ? '' : argument();
    case '+':
      return unset ? '' : argument();
    default:
      return value ?? '';
  }
}

/** Calls `visit` for every reference in `text`, in order; returns the text with each replaced. */
function walk(text: string, visit: (ref: VariableReference) => string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char !== '$') {
      out += char;
      i += 1;
    } else if (text[i + 1] === '$') {
      out += '$';
      i += 2;
    } else if (text[i + 1] === '{') {
      const end = closingBrace(text, i);
      out += visit(parseBraced(text.slice(i + 2, end)));
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (name === undefined) {
        out += '$';
        i += 1;
      } else {
        out += visit({ name, operator: '', argument: '' });
        i += 1 + name.length;
      }
    }
  }
  return out;
}

/**
 * Interpolates `text` the way Compose does.
 *
 * @param text - compose file text (or any string from it)
 * @param env - the variables Compose would see (shell environment over `.env`)
 * @throws MissingVariableError for an unset required variable
 */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return walk(text, (ref) => resolve(ref, env));
}

/**
 * Lists every variable reference in `text`, including those nested in defaults.
 *
 * @param text - compose file text
 */
export function listVariableReferences(text: string): VariableReference[] {
  const found: VariableReference[] = [];
  walk(text, (ref) => {
    found.push(ref);
    if (ref.argument !== '') found.push(...listVariableReferences(ref.argument));
    return '';
  });
  return found;
}
