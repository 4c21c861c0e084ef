/**
 * What every generated alert is made of (queries/alerts.ts turns specs into Prometheus rules): the
 * expression, how long it must hold, its severity, the texts, and the dashboard a responder opens. The
 * runbook is a section of docs/alerts.md whose anchor is the alert name in lower case.
 */
import type { InstantVector, RangeVector } from '../promql/types.js';
import { expr } from '../promql/types.js';

/** The two severities the Alertmanager configuration routes (provisioning/alertmanager/alertmanager.yml). */
export type Severity = 'warning' | 'critical';

/** Which of our dashboards an alert links to; `user` links with the alert's identity as the user filter. */
export type AlertDashboard = 'overview' | 'user' | 'activity';

/** One alert before rendering. */
export interface AlertSpec {
  readonly alert: string;
  readonly expr: InstantVector;
  readonly for: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly description: string;
  /** What to do, for the `runbook` annotation; docs/alerts.md has the long form. */
  readonly runbook: string;
  /** The overview when unset. */
  readonly dashboard?: AlertDashboard;
  /** Extra static labels (e.g. which team label a team budget is for). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** `absent_over_time(m)`: one series when the range holds no sample. */
export function absentOverTime(m: RangeVector): InstantVector {
  return expr('vector', { kind: 'call', func: 'absent_over_time', args: [m.node] });
}

/** Text of an amount of USD. */
export const usd = (n: number): string => `${Math.round(n * 100) / 100} USD`;

/** `{{ $value | printf "%.2f" }}`: the alert's value with two decimals. */
export const VALUE = '{{ $value | printf "%.2f" }}';

/** A label of the alert in a template: `{{ index $labels "user_email" }}`. */
export const labelText = (label: string): string => `{{ index $labels "${label}" }}`;
