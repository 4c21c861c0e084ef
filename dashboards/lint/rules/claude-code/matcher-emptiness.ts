/** Whether a label matcher can select series that lack the label (an absent label reads as ""). */
import { findVariableReferences } from '../../model/variable-refs.js';
import type { LabelMatcher } from '../../promql/analyze.js';

/** `true` / `false` when known; `undefined` when the value depends on a variable. */
export function matchesEmpty(matcher: LabelMatcher): boolean | undefined {
  const { op, value } = matcher;
  if (findVariableReferences(value).length > 0) return undefined;
  if (op === '=') return value === '';
  if (op === '!=') return value !== '';
  try {
    const empty = new RegExp(`^(?:${value})$`).test('');
    return op === '=~' ? empty : !empty;
  } catch {
    return undefined;
  }
}
