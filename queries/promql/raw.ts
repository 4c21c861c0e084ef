/**
 * The escape hatch for PromQL the typed builders do not cover (a user's own, non-Claude Code metrics): the
 * text is parsed with Prometheus' grammar when it is wrapped, so an unparsable query still never reaches a
 * dashboard, and it is parenthesised wherever it becomes an operand.
 */
import { assertParses } from './parse.js';
import { expr, type InstantVector } from './types.js';

/**
 * Hand-written PromQL as an instant vector; Grafana macros (`$__range`, `$user`) are allowed.
 * @param text - the PromQL
 * @param what - named in the error when it does not parse (e.g. the query id)
 * @throws Error when the text does not parse
 */
export function rawPromQL(text: string, what = 'Raw PromQL'): InstantVector {
  assertParses(text, what);
  return expr('vector', { kind: 'raw', text });
}
