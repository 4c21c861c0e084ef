/** The typed LogQL builder: syntax tree, constructors, rendering, the label walk and Grafana's grammar check. */
export type * from './ast.js';
export * from './builders.js';
export { renderLogQL, renderLogQLNode } from './render.js';
export { labelUse, type LabelUse } from './walk.js';
export { findLogQLSyntaxError, assertLogQLParses, type LogQLSyntaxError } from './parse.js';
