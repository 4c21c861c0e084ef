/**
 * How close a shown number must be to the truth, per kind of number (issue 3): cost, tokens and other
 * totals within 0.5 %; counts exact; the cache hit rate within 0.1 percentage points; ratios of exact
 * counts exact up to float rounding.
 */

/** A tolerance and how an error is measured against it. */
export type Tolerance =
  | { readonly kind: 'relative'; readonly max: number }
  | { readonly kind: 'absolute'; readonly max: number; /** Unit of `max` for reports (e.g. `ms`); fractions (pp) when absent. */ readonly unit?: string }
  | { readonly kind: 'exact' };

export const TOTAL: Tolerance = { kind: 'relative', max: 0.005 };
export const COUNT: Tolerance = { kind: 'exact' };
export const HIT_RATE: Tolerance = { kind: 'absolute', max: 0.001 };
/** Ratio of two exact counts: only float rounding is allowed. */
export const EXACT_RATIO: Tolerance = { kind: 'absolute', max: 1e-9 };

/** Float noise allowed on sums of many floats that are exact in principle. */
const FLOAT_NOISE = 1e-9;

/** The error of `shown` against `truth` in the tolerance's own measure (relative, absolute). */
export function measureError(tolerance: Tolerance, truth: number, shown: number): number {
  if (Number.isNaN(shown)) return Number.POSITIVE_INFINITY;
  switch (tolerance.kind) {
    case 'relative':
      return truth === 0 ? Math.abs(shown) : Math.abs(shown - truth) / Math.abs(truth);
    case 'absolute':
    case 'exact':
      return Math.abs(shown - truth);
  }
}

/** True when the error is within the tolerance. */
export function withinTolerance(tolerance: Tolerance, truth: number, shown: number): boolean {
  const error = measureError(tolerance, truth, shown);
  switch (tolerance.kind) {
    case 'relative':
      return truth === 0 ? error <= FLOAT_NOISE : error <= tolerance.max;
    case 'absolute':
      return error <= tolerance.max;
    case 'exact':
      return error <= FLOAT_NOISE * Math.max(1, Math.abs(truth));
  }
}

/** Human text of a tolerance, e.g. "±0.5 %", "exact", "±0.1 pp". */
export function describeTolerance(tolerance: Tolerance): string {
  switch (tolerance.kind) {
    case 'relative':
      return `±${(tolerance.max * 100).toFixed(1)} %`;
    case 'absolute':
      if (tolerance.unit) return `±${tolerance.max} ${tolerance.unit}`;
      return tolerance.max >= 1e-6 ? `±${(tolerance.max * 100).toFixed(1)} pp` : 'exact ratio';
    case 'exact':
      return 'exact';
  }
}

/** Human text of an error under a tolerance. */
export function describeError(tolerance: Tolerance, truth: number, shown: number): string {
  const error = measureError(tolerance, truth, shown);
  if (!Number.isFinite(error)) return 'no value';
  switch (tolerance.kind) {
    case 'relative':
      return truth === 0 ? (shown === 0 ? '0' : `+${shown}`) : `${shown >= truth ? '+' : '−'}${(error * 100).toFixed(3)} %`;
    case 'absolute':
      if (tolerance.unit) return `${shown - truth} ${tolerance.unit}`;
      return tolerance.max >= 1e-6 ? `${shown >= truth ? '+' : '−'}${(error * 100).toFixed(3)} pp` : `${shown - truth}`;
    case 'exact':
      return `${shown >= truth ? '+' : ''}${Number((shown - truth).toPrecision(6))}`;
  }
}
