/**
 * Claude Code metric and label knowledge for the rules, from the catalog (`queries/catalog.ts`) and the
 * naming schemes (`queries/naming.ts`).
 */
import { attributesOf, METRIC_KEYS, type MetricKey } from '../../../../queries/catalog.js';
import { identifyMetricName, labelName, metricName, NAMING_SCHEMES, type NamingScheme } from '../../../../queries/naming.js';
import type { Selector } from '../../promql/analyze.js';
import { PIPELINE_LABELS, type LintSettings } from '../../settings.js';

/** True for names in Claude Code's namespace (`claude_code_*`, or `claude_code.*` in UTF-8 naming). */
export function isClaudeCodeName(name: string): boolean {
  return /^claude_code[._]/.test(name);
}

/** Which catalog metric a name is, and in which schemes it is spelled that way. */
export interface IdentifiedMetric {
  readonly metric: MetricKey;
  readonly schemes: readonly NamingScheme[];
}

/** Identifies a Prometheus metric name, or `undefined` when it is not one of the eight metrics in any scheme. */
export function identifyClaudeMetric(name: string): IdentifiedMetric | undefined {
  const matches = identifyMetricName(name);
  const first = matches[0];
  if (!first) return undefined;
  return { metric: first.metric, schemes: matches.filter((m) => m.metric === first.metric).map((m) => m.scheme) };
}

/** The Claude Code metric a selector reads, if it reads one. */
export function claudeMetricOf(selector: Selector): IdentifiedMetric | undefined {
  return selector.metric === undefined ? undefined : identifyClaudeMetric(selector.metric);
}

/** Every metric name of the configured scheme (for "did you mean" suggestions). */
export function schemeMetricNames(scheme: NamingScheme): string[] {
  return METRIC_KEYS.map((key) => metricName(scheme, key));
}

const labelCache = new Map<string, ReadonlySet<string>>();

/** Labels a series of `metric` can carry under the settings' scheme: catalog attributes, pipeline and extra labels. */
export function labelsOf(metric: MetricKey, settings: LintSettings): ReadonlySet<string> {
  const key = `${settings.naming}\0${metric}\0${[...settings.extraLabels].join(',')}`;
  let labels = labelCache.get(key);
  if (!labels) {
    labels = new Set([...attributesOf(metric).map((a) => labelName(settings.naming, a)), ...PIPELINE_LABELS, ...settings.extraLabels]);
    labelCache.set(key, labels);
  }
  return labels;
}

/** The metrics (by key) that carry `label` under the settings' scheme. */
export function metricsWithLabel(label: string, settings: LintSettings): MetricKey[] {
  return METRIC_KEYS.filter((m) => labelsOf(m, settings).has(label));
}

/** The name of `metric` in the configured scheme. */
export function nameInScheme(metric: MetricKey, settings: LintSettings): string {
  return metricName(settings.naming, metric);
}

export { NAMING_SCHEMES };
