/**
 * Reads the repository's Markdown documentation (README.md, CONTRIBUTING.md, docs/*.md) into the parts the
 * documentation tests check: fenced code blocks, relative links and heading anchors, so that a moved section
 * keeps working links and every code block a reader may copy stays covered by a test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');

/** Documentation files other sessions of the project write; links to them are allowed before they exist. */
export const OWNED_ELSEWHERE: readonly string[] = ['docs/extending.md', 'docs/stack-security.md', 'docs/events.md'];

/** The documentation files, relative to the repository root. */
export function docFiles(): string[] {
  const docs = existsSync(path.join(REPO, 'docs'))
    ? readdirSync(path.join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)
    : [];
  return ['README.md', 'CONTRIBUTING.md', ...docs.sort()].filter((f) => existsSync(path.join(REPO, f)));
}

export function readDoc(file: string): string {
  return readFileSync(path.join(REPO, file), 'utf8');
}

/** A fenced code block: its info string, body, the heading it sits under and its first line. */
export interface CodeBlock {
  readonly file: string;
  readonly lang: string;
  readonly body: string;
  readonly heading: string;
  readonly line: number;
}

/** Every fenced code block of a file (``` fences; the info string's first word is the language). */
export function codeBlocks(file: string, text = readDoc(file)): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const open = /^```(\S*)/.exec(line);
    if (!open) {
      if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    blocks.push({ file, lang: open[1] ?? '', body: `${body.join('\n')}\n`, heading, line: start + 1 });
  }
  return blocks;
}

/** Text outside fenced code blocks (links and headings in code are not links). */
export function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```\s*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a file's headings produce, with GitHub's -1, -2 suffixes for repeats. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1] ?? '');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Markdown link and image targets in the prose of a text (inline form only). */
export function linkTargets(text: string): string[] {
  return [...prose(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '');
}
