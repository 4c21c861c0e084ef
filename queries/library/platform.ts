/**
 * Platform queries: cost and sessions by operating system (`os.type`), architecture (`host.arch`) and
 * Claude Code version (`service.version`). These are resource attributes: Claude Code sets them on its
 * OTLP resource, not on the data points, so they are labels only where the pipeline copies the resource
 * onto every series (the stack's collector does, provisioning/otel-collector/config.yaml; docs/platform.md
 * lists the pipelines). Where it does not, the series lack the label and these panels are empty rather
 * than showing one blank group. The provider (Anthropic API, Bedrock, Vertex, Foundry) is not among the
 * attributes Claude Code sets; docs/platform.md says what can stand in for it.
 */
import { label, type AttributeMatcher, type QueryContext } from '../context.js';
import { by, count, greaterThan, num, sum } from '../promql/builders.js';
import type { InstantVector } from '../promql/types.js';
import { sumTotals, totals } from './common.js';
import { defineQuery, type Counters, type QueryDefinition } from './definition.js';

/** A platform dimension: its resource attribute and how panels name it. */
export interface PlatformDimension {
  readonly attribute: 'os.type' | 'host.arch' | 'service.version';
  readonly name: string;
  readonly values: string;
}

/** The dimensions, in display order. */
export const PLATFORM_DIMENSIONS: readonly PlatformDimension[] = [
  { attribute: 'os.type', name: 'operating system', values: 'os.type, e.g. darwin, linux, windows' },
  { attribute: 'host.arch', name: 'architecture', values: 'host.arch, e.g. arm64, amd64' },
  { attribute: 'service.version', name: 'Claude Code version', values: 'service.version, e.g. 2.1.248' },
];

const WHERE_KEPT = 'A resource attribute: shown where the pipeline copies it onto the series (see docs/platform.md); series without it are left out.';

/** Only the series that carry the dimension's label (a selector matcher, so the others are not read). */
function labelled(d: PlatformDimension): AttributeMatcher[] {
  return [{ attribute: d.attribute, op: '!=', value: '' }];
}

/** Distinct sessions per value of the dimension whose session counter first reported within the range. */
function sessionsBy(ctx: QueryContext, c: Counters, d: PlatformDimension): InstantVector {
  const dim = label(ctx, d.attribute);
  return count(greaterThan(sum(totals(ctx, c, 'sessionCount', labelled(d)), by(label(ctx, 'session.id'), dim)), num(0)), by(dim));
}

function costQuery<const Id extends string>(id: Id, d: PlatformDimension): QueryDefinition<Id> {
  return defineQuery({
    id,
    title: `Cost by ${d.name}`,
    measure: 'usd',
    description: `Cost within the range by ${d.values}, counted exactly per series. ${WHERE_KEPT}`,
    groupBy: (ctx) => [label(ctx, d.attribute)],
    query: (ctx, c) => sumTotals(ctx, c, 'cost', { by: [d.attribute], extra: labelled(d) }),
  });
}

function sessionsQuery<const Id extends string>(id: Id, d: PlatformDimension): QueryDefinition<Id> {
  return defineQuery({
    id,
    title: `Sessions by ${d.name}`,
    measure: 'count',
    description: `Sessions started within the range by ${d.values}: distinct session ids whose session counter first reported within the range (a session resumed under another value counts under both). ${WHERE_KEPT}`,
    groupBy: (ctx) => [label(ctx, d.attribute)],
    query: (ctx, c) => sessionsBy(ctx, c, d),
  });
}

const [OS, ARCH, VERSION] = PLATFORM_DIMENSIONS as readonly [PlatformDimension, PlatformDimension, PlatformDimension];

export const costByOs = costQuery('platform.costByOs', OS);
export const costByArch = costQuery('platform.costByArch', ARCH);
export const costByVersion = costQuery('platform.costByVersion', VERSION);
export const sessionsByOs = sessionsQuery('platform.sessionsByOs', OS);
export const sessionsByArch = sessionsQuery('platform.sessionsByArch', ARCH);
export const sessionsByVersion = sessionsQuery('platform.sessionsByVersion', VERSION);

/** All platform queries, in display order: per dimension, cost then sessions. */
export const PLATFORM_QUERIES = [costByOs, sessionsByOs, costByArch, sessionsByArch, costByVersion, sessionsByVersion];
