/**
 * Syntax check of PromQL text with Prometheus' own grammar (`@prometheus-io/lezer-promql`).
 *
 * Grafana macros and template variables outside string literals (`[$__range]`, `/ $__range_s`) are not
 * PromQL, so they are replaced by placeholder values of the right kind first, the way Grafana would fill
 * them in. Used by the build (no unparsable query is ever emitted), the tests and the linter.
 */
import { parser } from '@prometheus-io/lezer-promql';

/** Placeholder values for macros, by the kind of position they occupy. */
export interface MacroValues {
  /** Substituted for duration macros (`$__range`, `$__interval`, `$__rate_interval`, `$__auto`). */
  readonly duration: string;
  /** Substituted for numeric macros (`$__range_s`, `$__range_ms`, `$__interval_ms`) and other variables. */
  readonly number: string;
}

const DEFAULT_VALUES: MacroValues = { duration: '5m', number: '60' };
const DURATION_MACROS = new Set(['__range', '__interval', '__rate_interval', '__auto']);

/** A Grafana variable reference: `$name`, `${name}`, `${name:format}` or the legacy `[[name]]`. */
const VARIABLE_REF = /\$\{([a-zA-Z0-9_]+)(?::[^}]*)?\}|\$([a-zA-Z0-9_]+)|\[\[([a-zA-Z0-9_]+)(?::[^\]]*)?\]\]/y;

/**
 * Replaces Grafana macros and variables that stand outside string literals with placeholder values.
 * References inside quoted strings (matcher values) are left alone: they are valid PromQL as they are.
 */
export function substituteMacros(text: string, values: MacroValues = DEFAULT_VALUES): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '#') {
      // A comment runs to the end of the line.
      const nl = text.indexOf('\n', i);
      const end = nl === -1 ? text.length : nl;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    VARIABLE_REF.lastIndex = i;
    const m = VARIABLE_REF.exec(text);
    if (m && (ch === '$' || ch === '[')) {
      const name = m[1] ?? m[2] ?? m[3] ?? '';
      out += DURATION_MACROS.has(name) ? values.duration : values.number;
      i += m[0].length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** Index just past the string literal that starts at `start` (or the end of text if unterminated). */
function endOfString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && quote !== '`') {
      i += 2;
      continue;
    }
    if (ch === quote) return i + 1;
    i += 1;
  }
  return text.length;
}

/** Where and why a PromQL text failed to parse. */
export interface PromQLSyntaxError {
  /** Offset in the text after macro substitution. */
  readonly position: number;
  readonly message: string;
}

/**
 * Parses PromQL (after macro substitution) with Prometheus' lezer grammar.
 * Returns `undefined` when it parses, or the first syntax error.
 */
export function findSyntaxError(text: string, values?: MacroValues): PromQLSyntaxError | undefined {
  const substituted = substituteMacros(text, values);
  if (substituted.trim().length === 0) return { position: 0, message: 'The expression is empty.' };
  const tree = parser.parse(substituted);
  let error: PromQLSyntaxError | undefined;
  tree.iterate({
    enter: (node) => {
      if (error) return false;
      if (node.type.isError) {
        const near = substituted.slice(Math.max(0, node.from - 10), node.from + 10);
        error = { position: node.from, message: `Syntax error at offset ${node.from} near ${JSON.stringify(near)}.` };
        return false;
      }
      return undefined;
    },
  });
  return error;
}

/** Throws with the expression and the position when `text` does not parse as PromQL. */
export function assertParses(text: string, context = 'PromQL expression'): void {
  const error = findSyntaxError(text);
  if (error) throw new Error(`${context} does not parse: ${error.message}\n  ${text}`);
}
