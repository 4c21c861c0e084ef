/**
 * Which labels a LogQL query reads: stream labels in its selectors (these must be Loki index labels)
 * and every other label its pipelines and groupings use (structured metadata, or labels the query makes
 * itself with `label_format`). The test that checks queries against the collector and Loki configuration
 * is built on this walk.
 */
import type { LogNode, LogQLNode, MetricNode } from './ast.js';

/** The labels one query uses, by where they must come from. */
export interface LabelUse {
  /** Labels in stream selectors `{...}`: they must be index labels. */
  readonly stream: readonly string[];
  /** Labels read by pipeline stages, templates and groupings (not ones the query made itself). */
  readonly fields: readonly string[];
  /** Labels the query makes with `label_format`. */
  readonly created: readonly string[];
}

const TEMPLATE_FIELD = /\.([a-zA-Z_][a-zA-Z0-9_]*)/g;
/** Labels Loki itself sets on results (the error label of a failed conversion). */
const LOKI_INTERNAL = new Set(['__error__', '__error_details__']);

function templateFields(template: string): string[] {
  return [...template.matchAll(TEMPLATE_FIELD)].map((m) => m[1] as string);
}

function logLabels(n: LogNode, out: { stream: Set<string>; fields: Set<string>; created: Set<string> }): void {
  for (const m of n.selector) out.stream.add(m.label);
  const read = (label: string) => {
    if (!out.created.has(label) && !LOKI_INTERNAL.has(label)) out.fields.add(label);
  };
  for (const s of n.stages) {
    if (s.kind === 'labelFilter') s.any.forEach((m) => read(m.label));
    else if (s.kind === 'numericFilter' || s.kind === 'unwrap') read(s.label);
    else if (s.kind === 'keep' || s.kind === 'drop') s.labels.forEach(read);
    else if (s.kind === 'lineFormat') templateFields(s.template).forEach(read);
    else if (s.kind === 'labelFormat') {
      templateFields(s.template).forEach(read);
      out.created.add(s.label);
    }
  }
}

function metricLabels(n: MetricNode, out: { stream: Set<string>; fields: Set<string>; created: Set<string> }): void {
  const group = (labels: readonly string[] | undefined) => labels?.forEach((l) => out.created.has(l) || out.fields.add(l));
  switch (n.kind) {
    case 'rangeAgg':
      logLabels(n.query, out);
      group(n.grouping?.labels);
      return;
    case 'vectorAgg':
      metricLabels(n.expr, out);
      group(n.grouping?.labels);
      return;
    case 'binary':
    case 'or':
      metricLabels(n.lhs, out);
      metricLabels(n.rhs, out);
      return;
    case 'vector':
      return;
  }
}

/** The labels a query uses (sorted, each once). */
export function labelUse(n: LogQLNode): LabelUse {
  const out = { stream: new Set<string>(), fields: new Set<string>(), created: new Set<string>() };
  if (n.kind === 'log') logLabels(n, out);
  else metricLabels(n, out);
  const sorted = (s: Set<string>) => [...s].sort();
  return { stream: sorted(out.stream), fields: sorted(out.fields), created: sorted(out.created) };
}
