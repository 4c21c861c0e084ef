/**
 * Label matchers written as PromQL text in the configuration (`extraMatchers: ['cluster="prod"']`),
 * parsed into the query builder's matchers so every query the library builds carries them.
 */
import type { Matcher } from './promql/ast.js';

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/** The matcher `text` stands for, or undefined when it is not one `label op "value"` matcher. */
export function parseMatcher(text: string): Matcher | undefined {
  const m = MATCHER.exec(text);
  if (!m) return undefined;
  const value = (m[3] as string).replace(/\\(.)/g, '$1');
  return { label: m[1] as string, op: m[2] as Matcher['op'], value };
}
