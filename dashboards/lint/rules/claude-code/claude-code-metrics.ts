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

const identified = new Map<string, IdentifiedMetric | undefined>();

/** Identifies a Prometheus metric name, or `undefined` when it is not one of the eight metrics in any scheme. */
export function identifyClaudeMetric(name: string): IdentifiedMetric | undefined {
  // Every rule asks about every selector; a dashboard has few distinct names, so remember the answers.
  if (identified.has(name)) return identified.get(name);
  let result: IdentifiedMetric | undefined;
  if (isClaudeCodeName(name)) {
    const matches = identifyMetricName(name);
    const first = matches[0];
    if (first) result = { metric: first.metric, schemes: matches.filter((m) => m.metric === first.metric).map((m) => m.scheme) };
  }
  if (identified.size > 10_000) identified.clear();
  identified.set(name, result);
  return result;
}

/** The Claude Code metric a selector reads, if it reads one. */
export function claudeMetricOf(selector: Selector): IdentifiedMetric | undefined {
  return selector.metric === undefined ? undefined : identifyClaudeMetric(selector.metric);
}

/** Every metric name of the configured scheme (for "did you mean" suggestions). */
export function schemeMetricNames(scheme: NamingScheme): string[] {
  return METRIC_KEYS.map((key) => metricName(scheme, key));
}

interface LabelIndex {
  readonly byMetric: Map<MetricKey, ReadonlySet<string>>;
  readonly carriers: Map<string, MetricKey[]>;
}

/** Per settings object (one per run): labels per metric, and metrics per label. */
const labelIndexes = new WeakMap<LintSettings, LabelIndex>();

function labelIndex(settings: LintSettings): LabelIndex {
  let index = labelIndexes.get(settings);
  if (!index) {
    index = { byMetric: new Map(), carriers: new Map() };
    for (const metric of METRIC_KEYS) {
      index.byMetric.set(metric, new Set([...attributesOf(metric).map((a) => labelName(settings.naming, a)), ...PIPELINE_LABELS, ...settings.extraLabels]));
    }
    labelIndexes.set(settings, index);
  }
  return index;
}

/** Labels a series of `metric` can carry under the settings' scheme: catalog attributes, pipeline and extra labels. */
export function labelsOf(metric: MetricKey, settings: LintSettings): ReadonlySet<string> {
  return labelIndex(settings).byMetric.get(metric) as ReadonlySet<string>;
}

/** The metrics (by key) that carry `label` under the settings' scheme. */
export function metricsWithLabel(label: string, settings: LintSettings): MetricKey[] {
  const index = labelIndex(settings);
  let carriers = index.carriers.get(label);
  if (!carriers) {
    carriers = METRIC_KEYS.filter((m) => index.byMetric.get(m)?.has(label));
    index.carriers.set(label, carriers);
  }
  return carriers;
}

/** The name of `metric` in the configured scheme. */
export function nameInScheme(metric: MetricKey, settings: LintSettings): string {
  return metricName(settings.naming, metric);
}

export { NAMING_SCHEMES };
