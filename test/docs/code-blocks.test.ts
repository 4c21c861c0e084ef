/**
 * Every fenced code block in README.md, CONTRIBUTING.md and docs/*.md is exercised: each one is claimed by
 * the first checker that knows it (readme-checkers.ts, docs-checkers.ts, then the generic shell checker),
 * which runs it or compares it with what the repository really does. A new block that no checker claims
 * fails the first test, so the documentation cannot grow examples nobody verifies.
 */
import { describe, expect, it } from 'vitest';
import { DOCS_CHECKERS } from './docs-checkers.js';
import { codeBlocks, docFiles, type CodeBlock } from './markdown.js';
import { README_CHECKERS, shell, type Checker } from './readme-checkers.js';

const CHECKERS: readonly Checker[] = [...README_CHECKERS, ...DOCS_CHECKERS, shell];
const BLOCKS: readonly CodeBlock[] = docFiles().flatMap((f) => codeBlocks(f));
const claimant = (b: CodeBlock) => CHECKERS.find((c) => c.claims(b));

describe('documentation code blocks', () => {
  it('every block is claimed by a checker', () => {
    const unclaimed = BLOCKS.filter((b) => claimant(b) === undefined).map((b) => `${b.file}:${b.line} (${b.lang || 'plain'}, under "${b.heading}")`);
    expect(unclaimed).toEqual([]);
    expect(BLOCKS.length).toBeGreaterThan(15);
  });

  it('every checker claims a block (none is left over from a moved section)', () => {
    expect(CHECKERS.filter((c) => !BLOCKS.some((b) => claimant(b) === c)).map((c) => c.name)).toEqual([]);
  });

  for (const block of BLOCKS) {
    const checker = claimant(block);
    if (checker === undefined) continue;
    it(`${block.file}:${block.line}: ${checker.name}`, async () => {
      await checker.check(block);
    });
  }
});
