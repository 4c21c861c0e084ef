/**
 * Format-preserving JSON edits for `--fix`: a fix says what to change (set a value, remove a member or
 * item, insert array items) by JSON Pointer, and this module turns that into the smallest text change,
 * written in the file's own style (indentation unit, line ending, one-line or pretty). Everything outside
 * the edited spans stays byte for byte as it was, so a fix never reformats a file, decodes its escapes or
 * respells its numbers.
 */
import { tokens } from '../model/json.js';
import { memberOf, nodeAt, parseSpans, type SpanNode } from './json-spans.js';

/** One change to a JSON document, by JSON Pointer. */
export type JsonEdit =
  /** Replaces the value at `pointer`, or adds it (a new member, or an item at the array's end). */
  | { readonly op: 'set'; readonly pointer: string; readonly value: unknown }
  /** Removes the member or item at `pointer`. */
  | { readonly op: 'remove'; readonly pointer: string }
  /** Inserts `values` into an array before the item at `pointer` (`/panels/4`; the length appends). */
  | { readonly op: 'insert'; readonly pointer: string; readonly values: readonly unknown[] };

/** A value written as a copy of the text at `pointer` in the unedited file (a move keeps its spelling). */
export class SourceCopy {
  constructor(readonly pointer: string) {}
}

interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface Style {
  readonly unit: string;
  readonly eol: string;
}

/** The indentation unit of a JSON text: a tab, or the width of the first indented line (2 by default). */
function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match?.[1]) return '  ';
  return match[1].startsWith('\t') ? '\t' : ' '.repeat(match[1].length);
}

/** The leading whitespace of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(from, offset))?.[0] ?? '';
}

/** The whitespace right before `offset`. */
function whitespaceBefore(text: string, offset: number): string {
  let j = offset;
  while (j > 0 && ' \t\r\n'.includes(text[j - 1] as string)) j -= 1;
  return text.slice(j, offset);
}

const parentOf = (pointer: string): string => pointer.slice(0, pointer.lastIndexOf('/'));
const lastToken = (pointer: string): string => tokens(pointer).at(-1) ?? '';

/** Renders a new value at a place whose line is indented by `indent`, one-line when `multiline` is false. */
function render(value: unknown, text: string, root: SpanNode, indent: string, multiline: boolean, style: Style): string {
  if (value instanceof SourceCopy) {
    const source = nodeAt(root, value.pointer);
    if (!source) throw new Error(`nothing to copy at ${value.pointer}`);
    const from = lineIndent(text, source.start);
    return text
      .slice(source.start, source.end)
      .replace(/(\r?\n)([ \t]*)/g, (_all, nl: string, ws: string) => nl + (ws.startsWith(from) ? indent + ws.slice(from.length) : ws));
  }
  const json = JSON.stringify(value, null, multiline ? style.unit : undefined);
  if (json === undefined) throw new Error('a fix produced a value JSON cannot hold');
  return multiline ? json.replace(/\n/g, style.eol + indent) : json;
}

function editsOf(edit: JsonEdit, text: string, root: SpanNode, style: Style): TextEdit[] {
  const parentPointer = parentOf(edit.pointer);
  const parent = nodeAt(root, parentPointer);
  if (!parent || parent.kind === 'scalar' || edit.pointer === '') throw new Error(`no object or array at ${parentPointer || '/'} for ${edit.pointer}`);
  const key = lastToken(edit.pointer);
  const multiline = text.slice(parent.start, parent.end).includes('\n');
  if (edit.op === 'remove') return [removal(parent, key, edit.pointer)];
  if (edit.op === 'insert') {
    if (parent.kind !== 'array') throw new Error(`${parentPointer} is not an array, cannot insert at ${edit.pointer}`);
    return [insertion(parent, Number(key), edit.values, text, root, multiline, style)];
  }
  if (parent.kind === 'array') {
    const index = Number(key);
    const item = parent.items[index];
    if (item) return [{ start: item.start, end: item.end, text: render(edit.value, text, root, lineIndent(text, item.start), multiline, style) }];
    return [insertion(parent, index, [edit.value], text, root, multiline, style)];
  }
  const member = memberOf(parent, key);
  if (member) {
    const v = member.value;
    return [{ start: v.start, end: v.end, text: render(edit.value, text, root, lineIndent(text, member.keyStart), multiline, style) }];
  }
  const last = parent.members.at(-1);
  if (last) {
    const indent = lineIndent(text, last.keyStart);
    const separator = text.slice(last.keyEnd, last.value.start);
    const entry = `${JSON.stringify(key)}${separator}${render(edit.value, text, root, indent, multiline, style)}`;
    return [{ start: last.value.end, end: last.value.end, text: `,${whitespaceBefore(text, last.keyStart)}${entry}` }];
  }
  return [emptyContainer(parent, text, (indent) => `${JSON.stringify(key)}: ${render(edit.value, text, root, indent, true, style)}`, `${JSON.stringify(key)}:`, edit.value, root, style)];
}

/** Fills an empty `{}` or `[]`: pretty when the file has line breaks, one-line otherwise. */
function emptyContainer(
  node: SpanNode & { kind: 'object' | 'array' },
  text: string,
  pretty: (indent: string) => string,
  compactPrefix: string,
  value: unknown,
  root: SpanNode,
  style: Style,
): TextEdit {
  const [open, close] = node.kind === 'object' ? ['{', '}'] : ['[', ']'];
  const indent = lineIndent(text, node.start);
  if (!text.includes('\n')) return { start: node.start, end: node.end, text: `${open}${compactPrefix}${render(value, text, root, '', false, style)}${close}` };
  const inner = indent + style.unit;
  return { start: node.start, end: node.end, text: `${open}${style.eol}${inner}${pretty(inner)}${style.eol}${indent}${close}` };
}

function insertion(
  node: SpanNode & { kind: 'array' },
  index: number,
  values: readonly unknown[],
  text: string,
  root: SpanNode,
  multiline: boolean,
  style: Style,
): TextEdit {
  const { items } = node;
  if (!Number.isInteger(index) || index < 0 || index > items.length) throw new Error(`cannot insert at index ${index} of an array of ${items.length}`);
  if (items.length === 0) {
    if (values.length !== 1) {
      const indent = lineIndent(text, node.start) + style.unit;
      const body = values.map((v) => render(v, text, root, indent, true, style)).join(`,${style.eol}${indent}`);
      return text.includes('\n')
        ? { start: node.start, end: node.end, text: `[${style.eol}${indent}${body}${style.eol}${lineIndent(text, node.start)}]` }
        : { start: node.start, end: node.end, text: `[${values.map((v) => render(v, text, root, '', false, style)).join(',')}]` };
    }
    return emptyContainer(node, text, (indent) => render(values[0], text, root, indent, true, style), '', values[0], root, style);
  }
  const neighbour = (items[index] ?? items[items.length - 1]) as SpanNode;
  // The whitespace between two items (after the comma), taken from the file.
  const between = whitespaceBefore(text, (items[Math.min(Math.max(index, 1), items.length - 1)] as SpanNode).start);
  const indent = lineIndent(text, neighbour.start);
  const rendered = values.map((v) => render(v, text, root, indent, multiline, style));
  if (index < items.length) return { start: neighbour.start, end: neighbour.start, text: rendered.map((r) => `${r},${between}`).join('') };
  return { start: neighbour.end, end: neighbour.end, text: rendered.map((r) => `,${between}${r}`).join('') };
}

function removal(parent: SpanNode & { kind: 'object' | 'array' }, key: string, pointer: string): TextEdit {
  const spans =
    parent.kind === 'object'
      ? parent.members.map((m) => ({ start: m.keyStart, end: m.value.end, key: m.key }))
      : parent.items.map((item, i) => ({ start: item.start, end: item.end, key: String(i) }));
  let index = -1;
  for (let k = spans.length - 1; k >= 0; k--) if (spans[k]?.key === key) (index = k), (k = -1);
  const span = spans[index];
  if (!span) throw new Error(`nothing to remove at ${pointer}`);
  if (spans.length === 1) return { start: parent.start + 1, end: parent.end - 1, text: '' };
  if (index > 0) return { start: (spans[index - 1] as { end: number }).end, end: span.end, text: '' };
  return { start: span.start, end: (spans[1] as { start: number }).start, text: '' };
}

/**
 * Applies edits that were all computed against `text` (they must not touch the same span) and returns
 * the new text. Throws, naming the pointer, when an edit does not fit the document.
 */
export function applyJsonEdits(text: string, edits: readonly JsonEdit[]): string {
  if (edits.length === 0) return text;
  const root = parseSpans(text);
  const style: Style = { unit: indentUnit(text), eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const changes = edits.flatMap((e) => editsOf(e, text, root, style)).map((c, order) => ({ ...c, order }));
  changes.sort((a, b) => a.start - b.start || a.order - b.order);
  for (let k = 1; k < changes.length; k++) {
    const prev = changes[k - 1] as TextEdit;
    const next = changes[k] as TextEdit;
    if (next.start < prev.end) throw new Error('two edits of one fix touch the same part of the file');
  }
  let out = text;
  for (let k = changes.length - 1; k >= 0; k--) {
    const c = changes[k] as TextEdit;
    out = out.slice(0, c.start) + c.text + out.slice(c.end);
  }
  return out;
}
