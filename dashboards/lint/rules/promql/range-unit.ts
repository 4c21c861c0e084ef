/**
 * A range or subquery window without a unit, such as `[$__range_s:1m]` or `[$__interval_ms]`.
 * Prometheus 2 rejects a number where a duration belongs ("missing unit character in duration");
 * Prometheus 3 reads it as seconds, so a millisecond macro makes the window 1000 times too long.
 */
import type { RangeWindow } from '../../promql/analyze.js';
import type { Rule } from '../../types.js';

/** Grafana's number-valued macros, and what to write instead. */
const NUMBER_MACROS: Readonly<Record<string, string>> = {
  __range_s: '$__range',
  __range_ms: '$__range',
  __interval_ms: '$__interval (or ${__interval_ms}ms)',
};

function problem(window: RangeWindow): { message: string; fix: string } | undefined {
  const v = window.variable;
  if (v !== undefined && v in NUMBER_MACROS) {
    const scaled = v.endsWith('_ms') ? ' and Prometheus 3 reads it as seconds, 1000 times too long' : '';
    return { message: `[${window.text}] is a number without a unit: Prometheus 2 rejects the query ("missing unit character in duration")${scaled}.`, fix: `Write ${NUMBER_MACROS[v]}.` };
  }
  if (v === undefined && /^\d+(\.\d+)?$/.test(window.text.trim())) {
    return { message: `[${window.text}] has no unit: Prometheus 2 rejects the query ("missing unit character in duration").`, fix: `Write ${window.text.trim()}s.` };
  }
  return undefined;
}

export const rangeUnit: Rule = {
  id: 'range-unit',
  category: 'promql',
  severity: 'error',
  description: 'Range and subquery windows have a unit (`[$__range]`, `[5m]`), not a number or a number-valued macro (`[$__range_s]`, `[$__interval_ms]`).',
  why: 'Prometheus 2 rejects a window without a unit, so the panel shows an error there; Prometheus 3 takes the number as seconds, which makes a millisecond macro 1000 times too long.',
  advice: 'Use the duration macros ($__range, $__interval, $__rate_interval) or a number with a unit.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const seen = new Set<string>();
      for (const s of ctx.dashboard.promql(target).selectors) {
        const windows = [s.range, ...s.frames.flatMap((f) => (f.kind === 'subquery' && f.range ? [f.range] : []))];
        for (const w of windows) {
          if (!w || seen.has(`${w.from}:${w.to}`)) continue;
          seen.add(`${w.from}:${w.to}`);
          const p = problem(w);
          if (p) ctx.report({ pointer: `${target.pointer}/expr`, ...p });
        }
      }
    }
  },
};
