/**
 * `--fix` changes only what it fixes: for every fixable rule, its fixture's bad dashboard is fixed in
 * several spellings (CRLF, byte order mark, one minified line, `1.0`, a big integer and `\u00e9` escapes,
 * a symbolic link) and the output must equal the input outside the edited values, byte for byte.
 */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixDashboard, lintDashboards, parseLintConfig, RULES } from '../../dashboards/lint/index.js';
import { nodeAt, parseSpans, type SpanNode } from '../../dashboards/lint/edit/json-spans.js';
import { isDeepStrictEqual } from 'node:util';
import { lintInMemory, ruleFixtures } from './helpers.js';

const FIXABLE = new Set(RULES.filter((r) => r.fixable).map((r) => r.id));
const fixtures = ruleFixtures().filter((f) => FIXABLE.has(f.rule));

/** The fixture's first classic bad dashboard (`--fix` leaves the Grafana v2 ones, `bad-v2*.json`, alone). */
function classicBad(fixture: (typeof fixtures)[number]): [string, string] {
  return Object.entries(fixture.bad).find(([name]) => !name.startsWith('bad-v2')) as [string, string];
}
const BOM = '\uFEFF';

/** The fixture spelled with the numbers and escapes a re-serialisation would change. */
function withTrickySpellings(text: string): string {
  const out = text.replace(/^\{\n/, '{\n  "x-ratio": 1.0,\n  "x-big": 12345678901234567890,\n  "x-name": "caf\\u00e9 \\u00e9t\\u00e9",\n');
  expect(out).not.toBe(text);
  return out;
}

const VARIANTS: Record<string, (text: string) => string> = {
  'as written': (t) => t,
  CRLF: (t) => t.replace(/\n/g, '\r\n'),
  'byte order mark': (t) => BOM + t,
  'one minified line': (t) => JSON.stringify(JSON.parse(t)),
  '1.0, a big integer and \\u00e9 escapes': withTrickySpellings,
  'all of them': (t) => BOM + withTrickySpellings(t).replace(/\n/g, '\r\n'),
};

/** Fixes one text as `--fix` would (the loader drops a BOM; `fixedBytes` puts it back when writing). */
function fix(file: string, text: string, config: Record<string, unknown>): { text: string; rules: string[] } {
  const result = lintInMemory({ [file]: text }, config);
  const loaded = result.files[0]?.loaded;
  expect(loaded, `${file} loads`).toBeDefined();
  const outcome = fixDashboard(loaded!, result.files[0]!.findings, parseLintConfig(config));
  expect(outcome.status).toBe('fixed');
  if (outcome.status !== 'fixed') throw new Error('not fixed');
  return { text: outcome.text, rules: outcome.rules };
}

/**
 * Asserts that every value the fix did not change keeps its exact text, walking both documents
 * together (changed values are compared no further), and that the text around the root is kept.
 */
function expectUnchangedOutsideEdits(input: string, output: string): number {
  const inRoot = parseSpans(input);
  const outRoot = parseSpans(output);
  expect(output.slice(0, outRoot.start)).toBe(input.slice(0, inRoot.start));
  expect(output.slice(outRoot.end)).toBe(input.slice(inRoot.end));
  let compared = 0;
  const walk = (pointer: string, a: unknown, b: unknown): void => {
    const spanA = nodeAt(inRoot, pointer) as SpanNode;
    const spanB = nodeAt(outRoot, pointer) as SpanNode;
    if (isDeepStrictEqual(a, b)) {
      expect(output.slice(spanB.start, spanB.end), pointer).toBe(input.slice(spanA.start, spanA.end));
      compared += 1;
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) a.forEach((v, i) => walk(`${pointer}/${i}`, v, b[i]));
    else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      for (const key of Object.keys(a)) if (key in b) walk(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, (a as never)[key], (b as never)[key]);
    }
  };
  walk('', JSON.parse(input.replace(/^\uFEFF/, '')), JSON.parse(output.replace(/^\uFEFF/, '')));
  return compared;
}

describe.each(fixtures)('--fix of $rule keeps the file as it was outside the edit', (fixture) => {
  const [file, base] = classicBad(fixture);

  it.each(Object.keys(VARIANTS))('%s', (variant) => {
    const input = (VARIANTS[variant] as (t: string) => string)(base);
    const loaderText = input.replace(/^\uFEFF/, '');
    const output = fix(file, input, fixture.config).text;
    expect(output).not.toBe(loaderText);
    expect(expectUnchangedOutsideEdits(loaderText, output)).toBeGreaterThan(3);
    // The edits are written in the file's style.
    if (input.includes('\r\n')) expect(output.replace(/\r\n/g, '')).not.toMatch(/\n/);
    if (!input.includes('\n')) expect(output).not.toMatch(/\n/);
    if (variant.includes('1.0')) {
      for (const s of ['"x-ratio": 1.0', '"x-big": 12345678901234567890', '"x-name": "caf\\u00e9 \\u00e9t\\u00e9"']) expect(output).toContain(s);
    }
    // The fixed text is the same dashboard however the input was spelled.
    const plain = fix(file, base, fixture.config).text;
    expect(JSON.parse(output)).toMatchObject(JSON.parse(plain));
    // And the rule is satisfied.
    expect(lintInMemory({ [file]: output }, fixture.config).findings.filter((f) => f.ruleId === fixture.rule)).toEqual([]);
  });

  it('a manifest: the fix edits the body under /spec the same way', () => {
    const manifest = `{"apiVersion": "dashboard.grafana.app/v1beta1", "kind": "Dashboard", "metadata": {"name": "fixture"}, "spec": ${base}}`;
    const output = fix(file, manifest, fixture.config).text;
    expect(expectUnchangedOutsideEdits(manifest, output)).toBeGreaterThan(3);
    expect((JSON.parse(output) as { spec: unknown }).spec).toEqual(JSON.parse(fix(file, base, fixture.config).text));
    expect(output.startsWith('{"apiVersion": "dashboard.grafana.app/v1beta1", "kind": "Dashboard", "metadata": {"name": "fixture"}, "spec": {')).toBe(true);
  });

  it('CRLF: the fix of the CRLF file is the fix of the LF file with CRLF line endings', () => {
    expect(fix(file, base.replace(/\n/g, '\r\n'), fixture.config).text).toBe(fix(file, base, fixture.config).text.replace(/\n/g, '\r\n'));
  });
});

describe('--fix on disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lint-fix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(fixtures.map((f) => [f.rule, f] as const))('%s: a symbolic link stays a link; its target is fixed, BOM and CRLF kept', async (rule, fixture) => {
    const [file, base] = classicBad(fixture);
    const input = BOM + base.replace(/\n/g, '\r\n');
    const caseDir = path.join(dir, rule);
    mkdirSync(path.join(caseDir, 'real'), { recursive: true });
    mkdirSync(path.join(caseDir, 'linked'));
    writeFileSync(path.join(caseDir, 'real', file), input);
    symlinkSync(path.join('..', 'real', file), path.join(caseDir, 'linked', file));
    const result = await lintDashboards([path.join('linked', file)], { cwd: caseDir, config: parseLintConfig(fixture.config), fix: true });
    expect(result.fixed.map((f) => f.file)).toEqual([path.join('linked', file)]);
    const link = path.join(caseDir, 'linked', file);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('..', 'real', file));
    const written = readFileSync(path.join(caseDir, 'real', file), 'utf8');
    expect(written).toBe(BOM + fix(file, input, fixture.config).text);
    expect(result.findings.filter((f) => f.ruleId === rule)).toEqual([]);
  });
});
