/** Small helpers for untrusted JSON: type guards and JSON Pointers (RFC 6901). */
import type { JsonObject } from '../types.js';

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value as a string, or `undefined` when it is not one. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value as a finite number, or `undefined`. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The value as an array, or an empty array when it is not one. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Escapes one reference token of a JSON Pointer. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a base pointer and reference tokens: `join('/panels', 3, 'title')` → `/panels/3/title`. */
export function join(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => `/${escapeToken(t)}`).join('');
}

/** The reference tokens of a pointer, unescaped. */
export function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` inside `root`, or `undefined`. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of tokens(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * Calls `visit` for every string value under `root` with its pointer (keys are not visited).
 * Iterative, so deep input cannot overflow the stack.
 */
export function forEachString(root: unknown, base: string, visit: (value: string, pointer: string) => void): void {
  const stack: [unknown, string][] = [[root, base]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop() as [unknown, string];
    if (typeof node === 'string') visit(node, pointer);
    else if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${pointer}/${i}`]);
    else if (isObject(node)) {
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push([node[key], `${pointer}/${escapeToken(key)}`]);
      }
    }
  }
}

/** Replaces every string under `root` (in place) with `replace(value)`; returns how many changed. */
export function replaceStrings(root: unknown, replace: (value: string) => string): number {
  let changed = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : isObject(node)
        ? Object.entries(node)
        : [];
    for (const [key, value] of entries) {
      if (typeof value === 'string') {
        const next = replace(value);
        if (next !== value) {
          (node as Record<string | number, unknown>)[key] = next;
          changed += 1;
        }
      } else if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return changed;
}
