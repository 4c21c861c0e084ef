/**
 * Maps JSON Pointers to line/column positions in the JSON text they came from, so GitHub annotations,
 * SARIF results and the pretty output can point at a line. One linear scan of text already known to be
 * valid JSON; iterative, so deeply nested input cannot overflow the stack.
 */
import { escapeToken } from '../model/json.js';

/** A 1-based position in a text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

interface Container {
  readonly pointer: string;
  readonly isArray: boolean;
  index: number;
  key: string | undefined;
}

/** White space (space, tab, CR, LF, and the rest of \s), `,`, `]` or `}`. */
function isValueEnd(c: number): boolean {
  return c === 32 || c === 44 || c === 93 || c === 125 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && /\s/.test(String.fromCharCode(c)));
}

/** Builds a lookup from pointer to the position where that value starts. */
export function locateJsonValues(text: string): (pointer: string) => TextPosition | undefined {
  const positions = new Map<string, number>();
  const stack: Container[] = [];
  let i = 0;
  const currentPointer = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.isArray) return `${top.pointer}/${top.index}`;
    const key = top.key ?? '';
    // Most keys need no escaping; skip the two replaces for them.
    return `${top.pointer}/${key.includes('~') || key.includes('/') ? escapeToken(key) : key}`;
  };
  const skipString = (start: number): number => {
    let j = start + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 34) return j + 1;
      else j += 1;
    }
    return j;
  };
  let expectKey = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ',' || c === ':') {
      if (c === ',') {
        const top = stack[stack.length - 1];
        if (top?.isArray) top.index += 1;
        else expectKey = true;
      }
      i += 1;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
      i += 1;
      continue;
    }
    if (expectKey && c === '"') {
      const end = skipString(i);
      const top = stack[stack.length - 1];
      if (top) {
        const raw = text.slice(i + 1, end - 1);
        top.key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
      }
      expectKey = false;
      i = end;
      continue;
    }
    // A value starts here.
    const pointer = currentPointer();
    if (!positions.has(pointer)) positions.set(pointer, i);
    if (c === '{' || c === '[') {
      stack.push({ pointer, isArray: c === '[', index: 0, key: undefined });
      expectKey = c === '{';
      i += 1;
      continue;
    }
    if (c === '"') {
      i = skipString(i);
      continue;
    }
    // A number, true, false or null: up to the next white space, comma or closing bracket.
    while (i < text.length && !isValueEnd(text.charCodeAt(i))) i += 1;
  }

  let lineStarts: number[] | undefined;
  const toPosition = (offset: number): TextPosition => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };

  return (pointer: string) => {
    // Fall back to the closest ancestor that exists (a missing property is reported on its parent).
    let p = pointer;
    for (;;) {
      const offset = positions.get(p);
      if (offset !== undefined) return toPosition(offset);
      if (p === '') return undefined;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  };
}
