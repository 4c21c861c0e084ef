/**
 * Renders LogQL syntax trees to text. Pure and deterministic: the same tree always gives the same
 * string, which the golden tests pin and Grafana's grammar (`parse.ts`) checks.
 */
import { quoteString } from '../promql/escape.js';
import type { Grouping, LabelMatcher, LogNode, LogQLNode, MetricNode, Stage } from './ast.js';
import type { LogQLQuery, UnwrappedQuery } from './builders.js';

function renderMatcher(m: LabelMatcher): string {
  return `${m.label}${m.op}${quoteString(m.value)}`;
}

/** A Go template as a LogQL backtick string when it can be one (no escaping, readable), else quoted. */
function renderTemplate(template: string): string {
  return template.includes('`') ? quoteString(template) : `\`${template}\``;
}

function renderStage(s: Stage): string {
  switch (s.kind) {
    case 'lineFilter':
      return `${s.op} ${quoteString(s.value)}`;
    case 'labelFilter':
      return `| ${s.any.map(renderMatcher).join(' or ')}`;
    case 'numericFilter':
      return `| ${s.label} ${s.op} ${String(s.value)}`;
    case 'keep':
      return `| keep ${s.labels.join(', ')}`;
    case 'drop':
      return `| drop ${s.labels.join(', ')}`;
    case 'lineFormat':
      return `| line_format ${renderTemplate(s.template)}`;
    case 'labelFormat':
      return `| label_format ${s.label}=${renderTemplate(s.template)}`;
    case 'unwrap':
      return `| unwrap ${s.label}`;
    case 'noErrors':
      return '| __error__=""';
  }
}

function renderLog(n: LogNode): string {
  const selector = `{${n.selector.map(renderMatcher).join(', ')}}`;
  return [selector, ...n.stages.map(renderStage)].join(' ');
}

function renderGrouping(g: Grouping | undefined): string {
  return g ? ` ${g.mode} (${g.labels.join(', ')})` : '';
}

function renderMetric(n: MetricNode): string {
  switch (n.kind) {
    case 'rangeAgg': {
      const inner = `${renderLog(n.query)} [${n.range.text}]`;
      const param = n.param !== undefined ? `${String(n.param)}, ` : '';
      return `${n.func}(${param}${inner})${renderGrouping(n.grouping)}`;
    }
    case 'vectorAgg': {
      const param = n.param !== undefined ? `${String(n.param)}, ` : '';
      return `${n.op}${renderGrouping(n.grouping)}${n.grouping ? ' ' : ''}(${param}${renderMetric(n.expr)})`;
    }
    case 'binary':
      return `(${renderMetric(n.lhs)}) ${n.op} (${renderMetric(n.rhs)})`;
    case 'or':
      return `${renderMetric(n.lhs)} or ${renderMetric(n.rhs)}`;
    case 'vector':
      return `vector(${String(n.value)})`;
  }
}

/** The LogQL text of a node. */
export function renderLogQLNode(n: LogQLNode): string {
  return n.kind === 'log' ? renderLog(n) : renderMetric(n);
}

/** The LogQL text of a query. */
export function renderLogQL(q: LogQLQuery | UnwrappedQuery): string {
  return renderLogQLNode(q.node);
}
