/**
 * Grafana template variable references in text: `$name`, `${name}`, `${name:format}`, `${name.path}`
 * and the legacy `[[name]]` / `[[name:format]]`.
 */

/** One reference found in a string. */
export interface VariableReference {
  readonly name: string;
  /** Offsets of the whole reference in the string. */
  readonly from: number;
  readonly to: number;
  readonly syntax: 'dollar' | 'braces' | 'brackets';
}

/**
 * Grafana's own reference syntax (its `variableRegex`): names are word characters, so the `${{.x}}` of a
 * LogQL `line_format` template or a Go template is not a reference.
 */
const REFERENCE = /\$\{(\w+)(?:[.:][^}]*)?\}|\$(\w+)|\[\[(\w+)(?::[^\]]*)?\]\]/g;

/**
 * Grafana's own variables that are always defined. Everything starting with `__` is reserved for
 * Grafana (`__interval`, `__range_s`, `__from`, `__user`, data-link `__field`, `__value`, ...).
 */
export function isBuiltinVariable(name: string): boolean {
  return name.startsWith('__') || name === 'timeFilter';
}

/** Every variable reference in `text`. All-digit names (`$1` in a regex replacement) are not variables. */
export function findVariableReferences(text: string): VariableReference[] {
  if (!text.includes('$') && !text.includes('[[')) return [];
  const found: VariableReference[] = [];
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(text); m !== null; m = REFERENCE.exec(text)) {
    const name = m[1] ?? m[2] ?? m[3] ?? '';
    if (/^\d+$/.test(name)) continue;
    const syntax = m[1] !== undefined ? 'braces' : m[2] !== undefined ? 'dollar' : 'brackets';
    found.push({ name, from: m.index, to: m.index + m[0].length, syntax });
  }
  return found;
}

/** The variable a whole string refers to when it is exactly one reference (`${datasource}`), else `undefined`. */
export function soleVariable(text: string): string | undefined {
  const refs = findVariableReferences(text);
  const ref = refs[0];
  return refs.length === 1 && ref && ref.from === 0 && ref.to === text.length ? ref.name : undefined;
}
