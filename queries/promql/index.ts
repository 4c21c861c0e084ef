/** The typed PromQL builder: value types, constructors, macros, rendering and the syntax check. */
export * from './types.js';
export * from './builders.js';
export * from './macros.js';
export * from './escape.js';
export { render, renderNode } from './render.js';
export { children, metricNames } from './walk.js';
export { rawPromQL } from './raw.js';
export { findSyntaxError, assertParses, substituteMacros, type MacroValues, type PromQLSyntaxError } from './parse.js';
export type * from './ast.js';
