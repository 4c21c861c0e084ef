/**
 * Naming schemes: how each ingestion path names Claude Code's metrics and labels in Prometheus
 * (the table in docs/configuration.md). A dashboard built for the wrong scheme shows nothing,
 * so the scheme is part of the configuration and the linter checks names against it.
 */
import type { MetricKey } from './catalog.js';

/** The naming schemes this package can build for. */
export const NAMING_SCHEMES = ['otel-collector', 'claude-code-prometheus', 'no-suffix', 'utf8'] as const;
export type NamingScheme = (typeof NAMING_SCHEMES)[number];

/** What each scheme is, for help texts and errors. */
export const NAMING_SCHEME_DESCRIPTIONS: Readonly<Record<NamingScheme, string>> = {
  'otel-collector':
    "OpenTelemetry Collector `prometheus`/`prometheusremotewrite` exporter or Prometheus' OTLP receiver with default settings (claude_code_cost_usage_USD_total)",
  'claude-code-prometheus':
    "Claude Code's own Prometheus endpoint on :9464, OTEL_METRICS_EXPORTER=prometheus (claude_code_cost_usage_total)",
  'no-suffix':
    'Collector or Prometheus with metric suffixes turned off (add_metric_suffixes: false / UnderscoreEscapingWithoutSuffixes) (claude_code_cost_usage)',
  utf8: "Prometheus 3 OTLP receiver with NoUTF8EscapingWithSuffixes: dots kept, quoted selectors ({\"claude_code.cost.usage_USD_total\"})",
};

/** Metric names per scheme, as each ingestion path produces them (docs/configuration.md, Naming schemes). */
const METRIC_NAMES: Readonly<Record<NamingScheme, Readonly<Record<MetricKey, string>>>> = {
  'otel-collector': {
    sessionCount: 'claude_code_session_count_total',
    linesOfCode: 'claude_code_lines_of_code_count_total',
    pullRequests: 'claude_code_pull_request_count_total',
    commits: 'claude_code_commit_count_total',
    cost: 'claude_code_cost_usage_USD_total',
    tokens: 'claude_code_token_usage_tokens_total',
    editDecisions: 'claude_code_code_edit_tool_decision_total',
    activeTime: 'claude_code_active_time_seconds_total',
  },
  'claude-code-prometheus': {
    sessionCount: 'claude_code_session_count_total',
    linesOfCode: 'claude_code_lines_of_code_count_total',
    pullRequests: 'claude_code_pull_request_count_total',
    commits: 'claude_code_commit_count_total',
    cost: 'claude_code_cost_usage_total',
    tokens: 'claude_code_token_usage_total',
    editDecisions: 'claude_code_code_edit_tool_decision_total',
    activeTime: 'claude_code_active_time_total',
  },
  'no-suffix': {
    sessionCount: 'claude_code_session_count',
    linesOfCode: 'claude_code_lines_of_code_count',
    pullRequests: 'claude_code_pull_request_count',
    commits: 'claude_code_commit_count',
    cost: 'claude_code_cost_usage',
    tokens: 'claude_code_token_usage',
    editDecisions: 'claude_code_code_edit_tool_decision',
    activeTime: 'claude_code_active_time_total',
  },
  utf8: {
    sessionCount: 'claude_code.session.count_total',
    linesOfCode: 'claude_code.lines_of_code.count_total',
    pullRequests: 'claude_code.pull_request.count_total',
    commits: 'claude_code.commit.count_total',
    cost: 'claude_code.cost.usage_USD_total',
    tokens: 'claude_code.token.usage_tokens_total',
    editDecisions: 'claude_code.code_edit_tool.decision_total',
    activeTime: 'claude_code.active_time_seconds_total',
  },
};

/**
 * A metric-name prefix: the collector exporter's `namespace` (prometheus / prometheusremotewrite), which
 * it joins to every name with `_` (`namespace: myprefix` gives `myprefix_claude_code_cost_usage_USD_total`).
 */
export const METRIC_PREFIX = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/**
 * The Prometheus metric name of `metric` under `scheme`.
 * @param prefix - the configuration's `metricPrefix` (the collector's `namespace`), joined with `_`; none when empty
 */
export function metricName(scheme: NamingScheme, metric: MetricKey, prefix = ''): string {
  const name = METRIC_NAMES[scheme][metric];
  return prefix ? `${prefix}_${name}` : name;
}

/**
 * The Prometheus label name of an OpenTelemetry attribute under `scheme`: dots become underscores,
 * except in the UTF-8 scheme, which keeps them (and PromQL then quotes the name).
 */
export function labelName(scheme: NamingScheme, attribute: string): string {
  return scheme === 'utf8' ? attribute : attribute.replace(/[^a-zA-Z0-9_]/g, '_');
}

/**
 * Which scheme a metric name belongs to and which metric it is (empty for unknown names); a name with a
 * metric prefix (`myprefix_claude_code_...`) is recognised too, and the prefix returned.
 */
export function identifyMetricName(name: string): { scheme: NamingScheme; metric: MetricKey; prefix?: string }[] {
  const found: { scheme: NamingScheme; metric: MetricKey; prefix?: string }[] = [];
  for (const scheme of NAMING_SCHEMES) {
    for (const [metric, n] of Object.entries(METRIC_NAMES[scheme]) as [MetricKey, string][]) {
      if (n === name) found.push({ scheme, metric });
      else if (name.endsWith(`_${n}`) && METRIC_PREFIX.test(name.slice(0, -n.length - 1))) found.push({ scheme, metric, prefix: name.slice(0, -n.length - 1) });
    }
  }
  return found;
}
