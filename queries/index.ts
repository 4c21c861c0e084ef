/**
 * `claude-code-dashboards/queries`: the metric catalog, naming schemes, configuration, typed PromQL
 * builders and the library of named Claude Code queries.
 */
export * from './catalog.js';
export * from './naming.js';
export * from './config.js';
export * from './config-extensions.js';
export * from './overrides.js';
export * from './prices.js';
export * from './context.js';
export * from './counters.js';
export * from './fallback.js';
export * from './rules.js';
export * from './alerts.js';
export * from './ruler-namespace.js';
export * from './library/index.js';
export * as promql from './promql/index.js';
export * as logql from './logql/index.js';
export * from './event-catalog.js';
export { render } from './promql/render.js';
export { findSyntaxError, assertParses, substituteMacros } from './promql/parse.js';
export { grafana, templateVariable, duration, scalarVariable, type TemplateVariable } from './promql/macros.js';
export type { InstantVector, RangeVector, Scalar, StringLiteral, VectorSelector, Expr } from './promql/types.js';
