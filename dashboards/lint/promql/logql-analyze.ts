/**
 * One pass over a LogQL expression's lezer tree (@grafana/lezer-logql, after Grafana macros are
 * substituted, as `logql-syntax` parses it) that collects what the LogQL rules ask about: whether the
 * query is a log query or a metric query, the matchers of its stream selectors, its parser stages
 * (`| json`, `| logfmt`, ...) and the matchers of its label filters.
 */
import { parser } from '@grafana/lezer-logql';
import { substituteMacros } from '../../../queries/promql/parse.js';

/** One `label op "value"` matcher, in a stream selector or a label filter. */
export interface LogMatcher {
  readonly label: string;
  readonly op: string;
  readonly value: string;
}

/** What one LogQL expression contains. */
export interface LogQLAnalysis {
  /** `log` for a query that returns log lines, `metric` for one that returns numbers. */
  readonly kind: 'log' | 'metric' | 'unknown';
  /** Matchers of every stream selector `{...}`. */
  readonly stream: readonly LogMatcher[];
  /** Parser stages by keyword (`json`, `logfmt`, `unpack`, `pattern`, `regexp`). */
  readonly parsers: readonly string[];
  /** Matchers of label filter stages (`| event_name="api_request"`). */
  readonly filters: readonly LogMatcher[];
}

const PARSER_NODES = new Set(['LabelParser', 'JsonExpressionParser', 'LogfmtParser', 'LogfmtExpressionParser']);

function unquote(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

const cache = new Map<string, LogQLAnalysis>();

/** Analyses LogQL text (macros and `$variables` allowed); results are cached by text. */
export function analyzeLogQL(expr: string): LogQLAnalysis {
  const cached = cache.get(expr);
  if (cached) return cached;
  const text = substituteMacros(expr);
  const tree = parser.parse(text);
  let kind: LogQLAnalysis['kind'] = 'unknown';
  const stream: LogMatcher[] = [];
  const filters: LogMatcher[] = [];
  const parsers: string[] = [];
  const cursor = tree.cursor();
  do {
    const node = cursor.node;
    if (node.name === 'Expr' && kind === 'unknown') {
      const first = node.firstChild?.name;
      kind = first === 'LogExpr' ? 'log' : first === 'MetricExpr' ? 'metric' : 'unknown';
    } else if (PARSER_NODES.has(node.name)) {
      const keyword = node.firstChild;
      if (keyword) parsers.push(text.slice(keyword.from, keyword.to));
    } else if (node.name === 'Matcher') {
      const [label, op, value] = [node.firstChild, node.firstChild?.nextSibling, node.lastChild];
      if (!label || !op || !value) continue;
      const matcher = { label: text.slice(label.from, label.to), op: text.slice(op.from, op.to), value: unquote(text.slice(value.from, value.to)) };
      (node.parent?.name === 'Matchers' ? stream : filters).push(matcher);
    }
  } while (cursor.next());
  const analysis: LogQLAnalysis = { kind, stream, parsers, filters };
  if (cache.size > 10_000) cache.clear();
  cache.set(expr, analysis);
  return analysis;
}

/**
 * True when the query reads Claude Code's OTLP events: a stream selector on a `claude-code*` service or
 * a filter on an event name (`event_name`, the attribute every Claude Code event carries).
 */
export function readsClaudeCodeEvents(analysis: LogQLAnalysis): boolean {
  return (
    analysis.stream.some((m) => m.label === 'service_name' && /claude/i.test(m.value)) ||
    [...analysis.stream, ...analysis.filters].some((m) => m.label === 'event_name')
  );
}
