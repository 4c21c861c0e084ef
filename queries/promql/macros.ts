/**
 * Grafana macros and template variables as typed PromQL values.
 *
 * Grafana substitutes these before the query reaches Prometheus; typing them means a duration macro can
 * only go where PromQL takes a duration, and a `_s`/`_ms` macro only where it takes a number.
 */
import type { DurationNode } from './ast.js';
import { expr, type Scalar } from './types.js';

const DURATION_LITERAL = /^(\d+(ms|s|m|h|d|w|y))+$/;
const VARIABLE_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A duration literal such as `5m` or `1h30m`; throws on anything Prometheus would not parse. */
export function duration(text: string): DurationNode {
  if (!DURATION_LITERAL.test(text)) {
    throw new Error(`Invalid PromQL duration ${JSON.stringify(text)}: use digits and units ms, s, m, h, d, w, y (e.g. "5m").`);
  }
  return { kind: 'duration', text };
}

/** Grafana's duration macros: each renders as the macro and Grafana fills it in per panel. */
export const grafana = {
  /** `$__range`: the dashboard time range, e.g. `3600s`. The window of every "over the selected range" total. */
  range: { kind: 'duration', text: '$__range' } as DurationNode,
  /** `$__rate_interval`: Grafana's safe window for `rate()`: max(interval + scrape, 4 × scrape). */
  rateInterval: { kind: 'duration', text: '$__rate_interval' } as DurationNode,
  /** `$__interval`: the panel's step (time range / max data points, rounded). */
  interval: { kind: 'duration', text: '$__interval' } as DurationNode,
  /** `$__range_s`: the dashboard time range in seconds, as a number. */
  rangeSeconds: expr('scalar', { kind: 'scalarMacro', text: '$__range_s' }) as Scalar,
  /** `$__interval_ms`: the panel's step in milliseconds, as a number. */
  intervalMs: expr('scalar', { kind: 'scalarMacro', text: '$__interval_ms' }) as Scalar,
} as const;

/** A reference to a dashboard template variable, for use as a matcher value (`model=~"$model"`). */
export interface TemplateVariable {
  readonly name: string;
  /** The text Grafana interpolates: `$name`. */
  readonly ref: string;
}

/** Declares a template variable reference; the name must be a plain identifier. */
export function templateVariable(name: string): TemplateVariable {
  if (!VARIABLE_NAME.test(name) || name.startsWith('__')) {
    throw new Error(`Invalid template variable name ${JSON.stringify(name)}: use letters, digits and _, not starting with __.`);
  }
  return { name, ref: `$${name}` };
}

/** A template variable used as a number, e.g. the `k` of `topk($limit, ...)`. */
export function scalarVariable(variable: TemplateVariable): Scalar {
  return expr('scalar', { kind: 'scalarMacro', text: variable.ref });
}
