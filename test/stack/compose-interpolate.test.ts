/** Compose interpolation, as the policy tests rely on it behaving like `docker compose config`. */
import { describe, expect, it } from 'vitest';
import { interpolate, listVariableReferences, MissingVariableError } from '../../scripts/stack/compose-interpolate.js';

describe('interpolate', () => {
  const env = { SET: 'value', EMPTY: '' };

  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET:-${SET}}', 'value'],
    ['a$$b', 'a$b'],
    ['$$SET', '$SET'],
    ['cost $5', 'cost $5'],
    ['${A:-127.0.0.1}:${B:-3000}:3000', '127.0.0.1:3000:3000'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, env)).toBe(expected);
  });

  it('fails like Compose on a required variable, unset or (with :?) empty', () => {
    expect(() => interpolate('${UNSET:?set it}', env)).toThrow(MissingVariableError);
    expect(() => interpolate('${EMPTY:?set it}', env)).toThrow(/EMPTY is missing a value: set it/);
    expect(interpolate('${EMPTY?set it}', env)).toBe('');
    expect(() => interpolate('${UNSET?set it}', env)).toThrow(MissingVariableError);
  });

  it('rejects malformed references', () => {
    expect(() => interpolate('${1BAD}', env)).toThrow(/invalid variable reference/);
    expect(() => interpolate('${OPEN', env)).toThrow(/unterminated/);
  });
});

describe('listVariableReferences', () => {
  it('finds bare, braced and nested references, not escaped ones', () => {
    const refs = listVariableReferences('$A ${B:-x} $${C} ${D:-${E}}');
    expect(refs.map((r) => [r.name, r.operator, r.argument])).toEqual([
      ['A', '', ''],
      ['B', ':-', 'x'],
      ['D', ':-', '${E}'],
      ['E', '', ''],
    ]);
  });
});
