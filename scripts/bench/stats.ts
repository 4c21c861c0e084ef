/** Small helpers and the module contract shared by the benchmark modules (run by scripts/bench.ts). */

/** What each benchmark module returns: a name, human-readable lines and numbers for machines. */
export interface BenchResult {
  readonly name: string;
  readonly summary: string;
  readonly metrics: Record<string, number>;
}

/**
 * What scripts/bench.ts hands each module's default export: how it was asked to run, and where its
 * progress goes, so no module reads the process's arguments or writes to its streams itself.
 */
export interface BenchContext {
  /** The module runs alone (`--only <name>`): it may update its own section of RESULTS.md. */
  readonly only: boolean;
  /** Writing RESULTS.md is allowed (no `--no-write`). */
  readonly write: boolean;
  /** Progress lines (to standard error). */
  readonly log: (line: string) => void;
}

/** A benchmark module's default export. */
export type Benchmark = (context: BenchContext) => Promise<BenchResult>;

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
