/** Read-only traversal of the PromQL syntax tree. */
import type { Node } from './ast.js';

/** The direct children of a node. */
export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case 'matrixSelector':
      return [node.selector];
    case 'subquery':
      return [node.expr];
    case 'call':
      return node.args;
    case 'aggregation':
      return node.param ? [node.param, node.expr] : [node.expr];
    case 'binary':
      return [node.lhs, node.rhs];
    case 'unary':
      return [node.expr];
    default:
      return [];
  }
}

/** Every metric name selected anywhere in the tree, in order of appearance (with repeats). */
export function metricNames(node: Node): string[] {
  const own = node.kind === 'vectorSelector' ? [node.metric] : [];
  return [...own, ...children(node).flatMap(metricNames)];
}
