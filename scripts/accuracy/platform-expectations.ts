/**
 * The truth of the platform queries (queries/library/platform.ts), from the synthetic reports alone: cost
 * and distinct sessions per operating system, architecture and Claude Code version. These are resource
 * attributes; under a naming scheme whose pipeline keeps them only on `target_info` (Claude Code's own
 * :9464 endpoint, scripts/synthetic/exposition.ts) no series carries them, and the panels must be empty.
 */
import { PLATFORM_DIMENSIONS, type PlatformDimension } from '../../queries/library/platform.js';
import { keepsResourceAttributes } from '../synthetic/exposition.js';
import type { Report } from '../synthetic/types.js';
import { COUNT, TOTAL } from './tolerance.js';
import type { Expectation, TruthInput } from './expectations.js';

/** The reports of `metric` within the window that the selection keeps and that carry the dimension. */
function reports(input: TruthInput, metric: Report['series']['metric'], d: PlatformDimension): Report[] {
  if (!keepsResourceAttributes(input.config.naming)) return [];
  return input.truth.reportsIn(input.window).filter((r) => r.series.metric === metric && input.filter(r.series) && (r.series.attributes[d.attribute] ?? '') !== '');
}

function costBy(input: TruthInput, d: PlatformDimension): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of reports(input, 'cost', d)) {
    const value = r.series.attributes[d.attribute] as string;
    out.set(value, (out.get(value) ?? 0) + r.amount);
  }
  return out;
}

function sessionsBy(input: TruthInput, d: PlatformDimension): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  for (const r of reports(input, 'sessionCount', d)) {
    const value = r.series.attributes[d.attribute] as string;
    const set = seen.get(value) ?? new Set<string>();
    set.add(r.series.attributes['session.id'] ?? '');
    seen.set(value, set);
  }
  return new Map([...seen].map(([k, v]) => [k, v.size]));
}

const ID_SUFFIX: Readonly<Record<PlatformDimension['attribute'], string>> = { 'os.type': 'Os', 'host.arch': 'Arch', 'service.version': 'Version' };

/** The truth of every platform query id. */
export const PLATFORM_TRUTH: Readonly<Record<string, (input: TruthInput) => Expectation>> = Object.fromEntries(
  PLATFORM_DIMENSIONS.flatMap((d) => [
    [`platform.costBy${ID_SUFFIX[d.attribute]}`, (input: TruthInput): Expectation => ({ tolerance: TOTAL, groupBy: [d.attribute], values: costBy(input, d) })],
    [`platform.sessionsBy${ID_SUFFIX[d.attribute]}`, (input: TruthInput): Expectation => ({ tolerance: COUNT, groupBy: [d.attribute], values: sessionsBy(input, d) })],
  ]),
);
