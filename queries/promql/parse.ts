/**
 * Syntax check of PromQL text with Prometheus' own grammar (`@prometheus-io/lezer-promql`).
 *
 * Grafana macros and template variables outside string literals (`[$__range]`, `/ $__range_s`) are not
 * PromQL, so they are replaced by placeholder values of the right kind first, the way Grafana would fill
 * them in. Used by the build (no unparsable query is ever emitted), the tests and the linter.
 */
import { parser } from '@prometheus-io/lezer-promql';

/** A lezer syntax tree (typed through the parser, so @lezer/common need not be a direct dependency). */
export type PromQLTree = ReturnType<typeof parser.parse>;

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

/** One macro or variable replaced by `substituteMacros`: where it was and where its placeholder is. */
export interface MacroReplacement {
  /** Offsets of the reference in the original text. */
  readonly from: number;
  readonly to: number;
  /** Offsets of the placeholder in the substituted text. */
  readonly substitutedFrom: number;
  readonly substitutedTo: number;
  /** The variable name, e.g. `__rate_interval`. */
  readonly name: string;
}

/**
 * Replaces Grafana macros and variables that stand outside string literals with placeholder values.
 * References inside quoted strings (matcher values) are left alone: they are valid PromQL as they are.
 */
export function substituteMacros(text: string, values: MacroValues = DEFAULT_VALUES): string {
  return substituteTracked(text, values).text;
}

/** `substituteMacros`, also returning every replacement so positions can be mapped back. */
function substituteTracked(text: string, values: MacroValues): { text: string; replacements: MacroReplacement[] } {
  if (!text.includes('$') && !text.includes('[[')) return { text, replacements: [] };
  let out = '';
  const replacements: MacroReplacement[] = [];
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
      const placeholder = DURATION_MACROS.has(name) ? values.duration : values.number;
      replacements.push({ from: i, to: i + m[0].length, substitutedFrom: out.length, substitutedTo: out.length + placeholder.length, name });
      out += placeholder;
      i += m[0].length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return { text: out, replacements };
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
  return firstError(parser.parse(substituted), substituted);
}

/** The first error node of a lezer tree, as a syntax error with some context. */
function firstError(tree: PromQLTree, substituted: string): PromQLSyntaxError | undefined {
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

/** A PromQL text parsed with lezer after macro substitution, with a way back to original offsets. */
export interface ParsedPromQL {
  /** The text as written (with Grafana macros). */
  readonly original: string;
  /** The text that was parsed (macros replaced by placeholders). */
  readonly substituted: string;
  /** The lezer syntax tree of `substituted`. */
  readonly tree: PromQLTree;
  /** The macros and variables that were replaced, in order. */
  readonly replacements: readonly MacroReplacement[];
  /** The first syntax error, if any. */
  readonly error: PromQLSyntaxError | undefined;
  /**
   * Maps an offset in `substituted` to the offset in `original`. An offset inside a placeholder maps to
   * the start of the macro (`edge: 'start'`) or its end (`edge: 'end'`).
   */
  toOriginal(offset: number, edge?: 'start' | 'end'): number;
}

/**
 * Parses PromQL with Prometheus' lezer grammar after macro substitution and returns the tree, for
 * structural checks (the linter walks it). Never throws: syntax errors are reported in `error`.
 */
export function parsePromQL(text: string, values: MacroValues = DEFAULT_VALUES): ParsedPromQL {
  const { text: substituted, replacements } = substituteTracked(text, values);
  const tree = parser.parse(substituted);
  let error: PromQLSyntaxError | undefined;
  if (substituted.trim().length === 0) error = { position: 0, message: 'The expression is empty.' };
  else error = firstError(tree, substituted);
  const toOriginal = (offset: number, edge: 'start' | 'end' = 'start'): number => {
    let shift = 0;
    for (const r of replacements) {
      if (offset < r.substitutedFrom) break;
      if (offset < r.substitutedTo || (edge === 'end' && offset === r.substitutedTo)) {
        return edge === 'start' && offset < r.substitutedTo ? r.from : r.to;
      }
      shift = r.to - r.substitutedTo;
    }
    return offset + shift;
  };
  return { original: text, substituted, tree, replacements, error, toOriginal };
}
