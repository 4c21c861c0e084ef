/**
 * Maps JSON Pointers to line/column positions in a YAML input (a dashboard manifest written as YAML), so
 * its findings get regions in SARIF and lines in the other formats just as JSON files do. Walks the YAML
 * document's nodes with their source ranges; iterative, so deep input cannot overflow the stack.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { escapeToken } from '../model/json.js';
import type { TextPosition } from './json-locations.js';

/** Builds a lookup from pointer to the position where that value starts in the YAML text. */
export function locateYamlValues(text: string): (pointer: string) => TextPosition | undefined {
  const lineCounter = new LineCounter();
  const positions = new Map<string, number>();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter });
  } catch {
    return () => undefined;
  }
  const stack: [unknown, string][] = [[doc.contents, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop() as [unknown, string];
    const range = (node as Node | null)?.range;
    if (range && !positions.has(pointer)) positions.set(pointer, range[0]);
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const child = `${pointer}/${escapeToken(key)}`;
        // A member is located at its key (the value of a map often starts on the next line).
        if (isScalar(pair.key) && pair.key.range) positions.set(child, pair.key.range[0]);
        if (pair.value) stack.push([pair.value, child]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => stack.push([item, `${pointer}/${i}`]));
  }
  return (pointer: string) => {
    let p = pointer;
    for (;;) {
      const offset = positions.get(p);
      if (offset !== undefined) {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
      }
      if (p === '') return undefined;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  };
}
