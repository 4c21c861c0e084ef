/** How a selector reads its series: through a range function, or as a bare instant value. */
import type { Selector } from './analyze.js';

/** Functions that read an instant vector without caring whether it is a counter's raw value. */
const SERIES_EXISTENCE = new Set(['absent', 'timestamp', 'present_over_time', 'absent_over_time']);
/** Aggregations that count series rather than add up values. */
const SERIES_COUNTING = new Set(['count', 'group', 'count_values']);

/**
 * True when the selector's raw value is used as a number: not a range (`x[5m]`), not inside a subquery,
 * not shifted with `offset` (a manual delta against the same counter), not only counted (`count(x)`)
 * and not only tested for existence (`absent(x)`).
 */
export function isBareValueUse(selector: Selector): boolean {
  if (selector.range !== undefined) return false;
  for (const frame of selector.frames) {
    if (frame.kind === 'subquery' || frame.kind === 'offset') return false;
    if (frame.kind === 'call' && SERIES_EXISTENCE.has(frame.name)) return false;
    if (frame.kind === 'aggregation' && SERIES_COUNTING.has(frame.op)) return false;
  }
  return true;
}

/**
 * The function that consumes a selector's range (`increase` in `increase(x[1h])`), or for a selector inside
 * a subquery, the function that consumes the subquery. Offsets in between are looked through.
 */
export function rangeFunctionOf(selector: Selector): string | undefined {
  const { frames } = selector;
  let i = frames.length - 1;
  if (selector.range === undefined) {
    while (i >= 0 && frames[i]?.kind !== 'subquery') i -= 1;
    if (i < 0) return undefined;
    i -= 1;
  }
  while (i >= 0 && (frames[i]?.kind === 'offset' || frames[i]?.kind === 'at')) i -= 1;
  const frame = frames[i];
  return frame?.kind === 'call' ? frame.name : undefined;
}
