/**
 * Every relative link in README.md, CONTRIBUTING.md and docs/*.md resolves: the file (or folder) exists in
 * the repository and, where the link names an anchor, a heading of that file produces it. Files that
 * other sessions write (OWNED_ELSEWHERE) may be linked before they exist.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchors, docFiles, linkTargets, OWNED_ELSEWHERE, readDoc, REPO, slug } from './markdown.js';

/** What is wrong with one link of `file`, or undefined when it resolves. */
function brokenLink(file: string, target: string): string | undefined {
  if (/^(https?:|mailto:)/.test(target)) return undefined;
  const [pathPart = '', anchor] = target.split('#', 2);
  const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart)));
  if (resolved.startsWith('..')) return `${target}: points outside the repository`;
  if (!existsSync(path.join(REPO, resolved))) {
    return OWNED_ELSEWHERE.includes(resolved) ? undefined : `${target}: ${resolved} does not exist`;
  }
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined;
  return anchors(readDoc(resolved)).has(anchor) ? undefined : `${target}: ${resolved} has no heading for #${anchor}`;
}

describe('documentation links', () => {
  it('finds the documentation files', () => {
    expect(docFiles()).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/counting.md', 'docs/accuracy.md']));
  });

  for (const file of docFiles()) {
    it(`every relative link in ${file} resolves`, () => {
      const broken = linkTargets(readDoc(file)).map((t) => brokenLink(file, t)).filter((b) => b !== undefined);
      expect(broken).toEqual([]);
    });
  }

  it("cites nothing a reader of the repository cannot open", () => {
    for (const file of docFiles()) {
      const text = readDoc(file);
      expect(text, file).not.toMatch(/\.\.\/shared|the survey|fact sheet/);
      expect(text, file).not.toMatch(/\(B\d{1,2}\)|\bB\d{1,2}[,)]/);
    }
  });

  it('computes anchors as GitHub does', () => {
    expect(slug('What CI checks (the containers are not started here)')).toBe('what-ci-checks-the-containers-are-not-started-here');
    expect(slug('Configuration (`.env`)')).toBe('configuration-env');
    expect(slug('A second engine: VictoriaMetrics')).toBe('a-second-engine-victoriametrics');
  });
});
