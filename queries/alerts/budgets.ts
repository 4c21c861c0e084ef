/**
 * Budgets that page: for the organisation, each user and each value of each team label (`teamLabels`),
 * per calendar day and per calendar month in `alerts.timeZone`, each at a warning and a critical level
 * (`alerts.budgetLevels`, fractions of the budget). The spend is the day-to-date or month-to-date sum of
 * the calendar rollup (rollup.ts; calendar.ts says why it is exact). The warning holds between the two
 * levels and the critical above, so one budget pages once, with the worse of the two.
 */
import type { Config } from '../config.js';
import { identityLabel, label, unfiltered } from '../context.js';
import { sumByIdentity } from '../library/common.js';
import { by, greaterThan, lessOrEqual, neq, num, sum } from '../promql/builders.js';
import type { InstantVector } from '../promql/types.js';
import type { LocalCalendar } from './calendar.js';
import { calendarSpend, type Period } from './rollup.js';
import { labelText, usd, VALUE, type AlertSpec } from './spec.js';

interface Scope {
  /** `User`, `Team` or nothing (the organisation), in the alert name. */
  readonly name: '' | 'User' | 'Team';
  readonly spend: (period: Period) => InstantVector;
  readonly budget: (period: Period) => number;
  /** Who spent, in the texts. */
  readonly who: string;
  readonly labels?: Readonly<Record<string, string>>;
}

function scopes(config: Config, calendar: LocalCalendar): Scope[] {
  const ctx = unfiltered(config);
  const { thresholds: t, alerts: a } = config;
  const org: Scope = { name: '', spend: (p) => sum(calendarSpend(calendar, p)), budget: (p) => (p === 'daily' ? t.dailyBudgetUsd : a.monthlyBudgetUsd), who: 'The organisation' };
  const user: Scope = {
    name: 'User',
    spend: (p) => sumByIdentity(ctx, calendarSpend(calendar, p)),
    budget: (p) => (p === 'daily' ? t.userDailyBudgetUsd : a.userMonthlyBudgetUsd),
    who: labelText(identityLabel(ctx)),
  };
  const teams = config.teamLabels.map((attribute): Scope => {
    const l = label(ctx, attribute);
    return {
      name: 'Team',
      spend: (p) => sum(calendarSpend(calendar, p, [neq(l, '')]), by(l)),
      budget: (p) => (p === 'daily' ? a.teamDailyBudgetUsd : a.teamMonthlyBudgetUsd),
      who: `${attribute} ${labelText(l)}`,
      labels: { team_label: attribute },
    };
  });
  return [org, user, ...teams];
}

function levelAlerts(config: Config, scope: Scope, period: Period): AlertSpec[] {
  const { warning, critical } = config.alerts.budgetLevels;
  const budget = scope.budget(period);
  const zone = config.alerts.timeZone;
  const since = period === 'daily' ? `since local midnight (${zone})` : `since the 1st of the month (${zone})`;
  const Period = period === 'daily' ? 'Daily' : 'Monthly';
  const field = `${period} budget of ${usd(budget)}`;
  const spend = scope.spend(period);
  const common = {
    for: '5m',
    runbook: `Open the ${scope.name === 'User' ? 'user' : 'overview'} dashboard for this ${period === 'daily' ? 'day' : 'month'}: cost by user, model and session shows who and what; raise the budget in the configuration if the spend is expected.`,
    ...(scope.name === 'User' ? { dashboard: 'user' as const } : {}),
    ...(scope.labels ? { labels: scope.labels } : {}),
  };
  return [
    {
      ...common,
      alert: `ClaudeCode${scope.name}${Period}SpendHigh`,
      expr: lessOrEqual(greaterThan(spend, num(warning * budget)), num(critical * budget)),
      severity: 'warning',
      summary: `Claude Code ${scope.name ? `${scope.name.toLowerCase()} ` : ''}spend ${since} passed ${Math.round(warning * 100)} % of the ${period} budget`,
      description: `${scope.who} spent ${VALUE} USD ${since}: over ${Math.round(warning * 100)} % of the ${field}.`,
    },
    {
      ...common,
      alert: `ClaudeCode${scope.name}${Period}BudgetExceeded`,
      expr: greaterThan(spend, num(critical * budget)),
      severity: 'critical',
      summary: `Claude Code ${scope.name ? `${scope.name.toLowerCase()} ` : ''}spend ${since} is over ${Math.round(critical * 100)} % of the ${period} budget`,
      description: `${scope.who} spent ${VALUE} USD ${since}: over ${Math.round(critical * 100)} % of the ${field}.`,
    },
  ];
}

/** Every budget alert: organisation, user, then each team label; daily then monthly; warning then critical. */
export function budgetAlerts(config: Config, calendar: LocalCalendar): AlertSpec[] {
  return scopes(config, calendar).flatMap((scope) => [...levelAlerts(config, scope, 'daily'), ...levelAlerts(config, scope, 'monthly')]);
}
