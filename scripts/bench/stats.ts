/** Small helpers and the result shape shared by the benchmark modules. */

/** What each benchmark module returns: a name, human-readable lines and numbers for machines. */
export interface BenchResult {
  readonly name: string;
  readonly summary: string;
  readonly metrics: Record<string, number>;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
