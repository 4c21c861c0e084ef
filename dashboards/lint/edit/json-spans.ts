/**
 * A span tree of a JSON text: where every value, key and member starts and ends, so `--fix` can change
 * one value by editing only its characters and leave the rest of the file (indentation, line endings,
 * number spellings such as `1.0`, big integers, `\u00e9` escapes) exactly as it was. The text is known to
 * be valid JSON (the loader parsed it) and nested at most 128 levels, so a recursive descent is safe.
 */
import { tokens } from '../model/json.js';

/** One JSON value in the text: `[start, end)` character offsets. */
export type SpanNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly members: readonly SpanMember[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly SpanNode[] }
  | { readonly kind: 'scalar'; readonly start: number; readonly end: number };

/** One `"key": value` member of an object. */
export interface SpanMember {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: SpanNode;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Parses a valid JSON text into its span tree. */
export function parseSpans(text: string): SpanNode {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i += 1;
  };
  const stringEnd = (from: number): number => {
    let j = from + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 34) return j + 1;
      else j += 1;
    }
    throw new Error('unterminated string');
  };
  const value = (): SpanNode => {
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i += 1;
      const members: SpanMember[] = [];
      skip();
      while (text[i] !== '}') {
        if (text[i] === ',') i += 1;
        skip();
        const keyStart = i;
        const keyEnd = stringEnd(i);
        i = keyEnd;
        skip();
        i += 1; // the colon
        members.push({ key: JSON.parse(text.slice(keyStart, keyEnd)) as string, keyStart, keyEnd, value: value() });
        skip();
      }
      i += 1;
      return { kind: 'object', start, end: i, members };
    }
    if (c === '[') {
      i += 1;
      const items: SpanNode[] = [];
      skip();
      while (text[i] !== ']') {
        if (text[i] === ',') i += 1;
        items.push(value());
        skip();
      }
      i += 1;
      return { kind: 'array', start, end: i, items };
    }
    if (c === '"') i = stringEnd(i);
    else while (i < text.length && !WHITESPACE.has(text[i] as string) && !',]}'.includes(text[i] as string)) i += 1;
    return { kind: 'scalar', start, end: i };
  };
  return value();
}

/** The node a JSON Pointer names, or `undefined` (for an object, the last member with that key wins, as in JSON.parse). */
export function nodeAt(root: SpanNode, pointer: string): SpanNode | undefined {
  let node: SpanNode | undefined = root;
  for (const token of tokens(pointer)) {
    if (!node) return undefined;
    if (node.kind === 'object') node = memberOf(node, token)?.value;
    else if (node.kind === 'array') node = /^(0|[1-9]\d*)$/.test(token) ? node.items[Number(token)] : undefined;
    else return undefined;
  }
  return node;
}

/** The member of an object with `key` (the last one, as JSON.parse keeps it). */
export function memberOf(node: SpanNode & { kind: 'object' }, key: string): SpanMember | undefined {
  for (let k = node.members.length - 1; k >= 0; k--) if (node.members[k]?.key === key) return node.members[k];
  return undefined;
}
