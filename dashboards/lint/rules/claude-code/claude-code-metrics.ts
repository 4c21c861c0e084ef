/**
 * Claude Code metric and label knowledge for the rules, from the catalog (`queries/catalog.ts`) and the
 * naming schemes (`queries/naming.ts`).
 */
import { attributesOf, METRIC_KEYS, type MetricKey } from '../../../../queries/catalog.js';
import { incrementsRuleName } from '../../../../queries/counters.js';
import { SESSION_METRIC_KEYS, SESSION_REPORTED_AT_RULE, sessionRuleName } from '../../../../queries/session-rules.js';
import { eventMetricNames, identifyEventMetricName } from '../../../../queries/events.js';
import { FALLBACK_VARIABLE } from '../../../../queries/fallback.js';
import { identifyMetricName, labelName, metricName, NAMING_SCHEMES, type NamingScheme } from '../../../../queries/naming.js';
import type { DashboardModel, TargetEntry } from '../../model/dashboard-model.js';
import type { Selector } from '../../promql/analyze.js';
import { PIPELINE_LABELS, type LintSettings } from '../../settings.js';

/**
 * True for names in Claude Code's namespace (`claude_code_*`, or `claude_code.*` in UTF-8 naming), also
 * behind a collector exporter `namespace` (`myns_claude_code_*`).
 */
export function isClaudeCodeName(name: string): boolean {
  return /^(?:[a-zA-Z][a-zA-Z0-9_]*_)?claude_code[._]/.test(name) && !name.includes(':');
}

/** Which catalog metric a name is, and in which schemes it is spelled that way. */
export interface IdentifiedMetric {
  readonly metric: MetricKey;
  readonly schemes: readonly NamingScheme[];
  /** The metric-name prefix (collector exporter `namespace`) the name carries, if any. */
  readonly prefix?: string;
}

const identified = new Map<string, IdentifiedMetric | undefined>();

/** Identifies a Prometheus metric name, or `undefined` when it is not one of the eight metrics in any scheme. */
export function identifyClaudeMetric(name: string): IdentifiedMetric | undefined {
  // Every rule asks about every selector; a dashboard has few distinct names, so remember the answers.
  if (identified.has(name)) return identified.get(name);
  let result: IdentifiedMetric | undefined;
  const recorded = METRIC_KEYS.find((m) => incrementsRuleName(m) === name) ??
    (name === SESSION_REPORTED_AT_RULE ? 'cost' : SESSION_METRIC_KEYS.find((m) => sessionRuleName(m) === name));
  if (recorded) {
    // Our recording rules keep the source series' labels, whatever the naming scheme.
    result = { metric: recorded, schemes: [...NAMING_SCHEMES] };
  } else if (isClaudeCodeName(name)) {
    // An exact name wins over a reading of the same name as prefix + name.
    const all = identifyMetricName(name);
    const exact = all.filter((m) => m.prefix === undefined);
    const matches = exact.length > 0 ? exact : all;
    const first = matches[0];
    if (first) {
      const schemes = matches.filter((m) => m.metric === first.metric && m.prefix === first.prefix).map((m) => m.scheme);
      result = first.prefix === undefined ? { metric: first.metric, schemes } : { metric: first.metric, schemes, prefix: first.prefix };
    }
  }
  if (identified.size > 10_000) identified.clear();
  identified.set(name, result);
  return result;
}

const EVENT_METRIC_NAMES: ReadonlySet<string> = new Set(NAMING_SCHEMES.flatMap((s) => eventMetricNames(s)));

/** True for a metric the collector derives from Claude Code's events (queries/events.ts), in any scheme. */
export function isEventMetricName(name: string): boolean {
  return EVENT_METRIC_NAMES.has(name) || identifyEventMetricName(name) !== undefined;
}

/**
 * The collector `namespace` prefix of a metric derived from Claude Code's events: `''` for an exact
 * event metric name, `myns` for `myns_claude_code_event_*`, `undefined` for any other name.
 */
export function eventMetricPrefix(name: string): string | undefined {
  if (EVENT_METRIC_NAMES.has(name)) return '';
  for (const base of EVENT_METRIC_NAMES) {
    if (name.length > base.length + 1 && name.endsWith(`_${base}`)) return name.slice(0, -base.length - 1);
  }
  return undefined;
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
  return metricName(settings.naming, metric, settings.metricPrefix ?? '');
}

export { NAMING_SCHEMES };

/** A matcher on a Claude Code metric, with the selector and target it sits in. */
export interface ClaudeMatcher {
  readonly target: TargetEntry;
  readonly selector: Selector;
  readonly metric: IdentifiedMetric;
  readonly matcher: Selector['matchers'][number];
}

/**
 * Every distinct label matcher on a Claude Code metric in the dashboard's PromQL targets (the same selector
 * often repeats within one query; each matcher is judged once per target).
 */
export function claudeMatchers(dashboard: DashboardModel): ClaudeMatcher[] {
  const out: ClaudeMatcher[] = [];
  for (const target of dashboard.promqlTargets) {
    const seen = new Set<string>();
    for (const selector of dashboard.promql(target).selectors) {
      const metric = claudeMetricOf(selector);
      if (!metric) continue;
      for (const matcher of selector.matchers) {
        // The raw-counter fallback's switch (queries/fallback.ts) is on a label no series has, on purpose.
        if (matcher.label === FALLBACK_VARIABLE && matcher.value === `$${FALLBACK_VARIABLE}`) continue;
        const key = `${selector.metric}\0${matcher.label}\0${matcher.op}\0${matcher.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ target, selector, metric, matcher });
      }
    }
  }
  return out;
}
