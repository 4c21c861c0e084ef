/**
 * The contract of a user's own dashboard module: a function from the validated configuration to a
 * dashboard spec. The build imports each module registered under `dashboards` in the configuration and
 * checks what it exports against this contract before building anything, so a wrong export is a
 * configuration error with the fix, not a crash halfway through writing.
 */
import type { Config } from '../queries/config.js';
import type { DashboardSpec } from './assemble.js';

/** Builds one dashboard spec from the configuration (config enters once and flows down as `ctx`). */
export type DashboardFactory = (config: Config) => DashboardSpec;

/**
 * Declares a dashboard factory; identity at run time, it only types the function, so that
 * `export default defineDashboard((config) => ({ ... }))` is checked against `DashboardSpec`.
 */
export function defineDashboard(factory: DashboardFactory): DashboardFactory {
  return factory;
}

/** What is wrong with a factory's result, or `undefined` when it is a dashboard spec. */
export function specProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return `returned ${value === null ? 'null' : typeof value}, not a dashboard spec`;
  const v = value as Record<string, unknown>;
  for (const field of ['uid', 'title', 'description'] as const) {
    if (typeof v[field] !== 'string') return `returned an object without a string "${field}"`;
  }
  if (!Array.isArray(v['rows'])) return 'returned an object without "rows" (an array of { title, panels })';
  const variables = v['variables'] as { builders?: unknown } | undefined;
  if (!variables || !Array.isArray(variables.builders)) return 'returned an object without "variables" (use overviewVariables(config) or userVariables(config))';
  return undefined;
}
