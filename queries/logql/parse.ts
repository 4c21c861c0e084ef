/**
 * Syntax check of LogQL text with Grafana's own LogQL grammar (`@grafana/lezer-logql`, the parser of
 * Grafana's Loki query editor). Grafana macros outside strings (`[$__range]`, `[$__auto]`) are replaced by
 * placeholder durations first, as for PromQL. Loki itself cannot run here; this is the closest check.
 */
import { parser } from '@grafana/lezer-logql';
import { substituteMacros } from '../promql/parse.js';

/** Where and why LogQL text does not parse. */
export interface LogQLSyntaxError {
  /** Offset in the macro-substituted text. */
  readonly offset: number;
  /** The substituted text that was parsed. */
  readonly text: string;
}

/** The first syntax error of LogQL text (macros allowed), or undefined when it parses. */
export function findLogQLSyntaxError(text: string): LogQLSyntaxError | undefined {
  const substituted = substituteMacros(text);
  if (substituted.trim() === '') return { offset: 0, text: substituted };
  const tree = parser.parse(substituted);
  let offset: number | undefined;
  tree.iterate({
    enter: (node) => {
      if (offset !== undefined) return false;
      if (node.type.isError) offset = node.from;
      return undefined;
    },
  });
  return offset === undefined ? undefined : { offset, text: substituted };
}

/**
 * Throws unless the LogQL text parses with Grafana's grammar.
 * @param text - the LogQL, Grafana macros and `$variables` allowed
 * @param what - named in the error, e.g. the query id
 */
export function assertLogQLParses(text: string, what = 'LogQL'): void {
  const error = findLogQLSyntaxError(text);
  if (error) {
    const at = error.text.slice(error.offset, error.offset + 40);
    throw new Error(`${what} does not parse as LogQL at offset ${error.offset} (near ${JSON.stringify(at)}):\n  ${text}`);
  }
}
