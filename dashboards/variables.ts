/**
 * Template variables of our dashboards, as functions of the configuration (kubernetes-mixin style:
 * variables apart from panels). Filter variables are multi-value with "All" = `.*`, so they match series
 * that lack the label (a user without an email still counts under "All"), and every query uses `=~`.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { Config } from '../queries/config.js';
import { IDENTITY_ATTRIBUTES, teamVariableName } from '../queries/config.js';
import type { Filters } from '../queries/context.js';
import { labelName, metricName } from '../queries/naming.js';
import { isLegacyLabelName, isLegacyMetricName, quoteString } from '../queries/promql/escape.js';
import { templateVariable } from '../queries/promql/macros.js';
import { render } from '../queries/promql/render.js';
import { FALLBACK_VARIABLE, fallbackSwitchExpr } from '../queries/fallback.js';
import { unfiltered } from '../queries/context.js';
import { reportedCounters } from '../queries/library/definition.js';
import { activeIdentities } from '../queries/library/users.js';
import { DATASOURCE_VARIABLE, prometheusDatasource } from '../panels/common.js';
import type { MetricKey } from '../queries/catalog.js';

/** The Prometheus datasource variable, defaulting to the configured (provisioned) datasource uid. */
export function datasourceVariable(config: Config): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label('Prometheus')
    .type('prometheus')
    .current({ text: config.datasource.uid, value: config.datasource.uid, selected: true });
}

/** `label_values(<metric>, <label>)`, quoting UTF-8 names as Grafana 12 accepts them. */
function labelValues(config: Config, metric: MetricKey, attribute: string): string {
  const m = metricName(config.naming, metric, config.metricPrefix);
  const l = labelName(config.naming, attribute);
  const metricText = isLegacyMetricName(m) ? m : `{${quoteString(m)}}`;
  const labelText = isLegacyLabelName(l) ? l : quoteString(l);
  return `label_values(${metricText}, ${labelText})`;
}

/** Options of a filter variable. */
export interface FilterVariableOptions {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly metric: MetricKey;
  readonly attribute: string;
  /** Offer "All" (overview) or not (per-user dashboard). */
  readonly includeAll: boolean;
}

/** A multi-value query variable over the values of one label, refreshed when the time range changes. */
export function filterVariable(config: Config, o: FilterVariableOptions): dashboard.QueryVariableBuilder {
  const query = labelValues(config, o.metric, o.attribute);
  const v = new dashboard.QueryVariableBuilder(o.name)
    .label(o.label)
    .description(o.description)
    .datasource(prometheusDatasource())
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalCaseInsensitiveAsc)
    .multi(true)
    .includeAll(o.includeAll);
  if (o.includeAll) v.allValue('.*').current({ text: 'All', value: '$__all', selected: true });
  return v;
}

/**
 * The hidden switch of the raw-counter fallback (queries/fallback.ts): `none` when the recording rules ran
 * in the dashboard range, `.*` when they did not, refreshed with the time range. Grafana's query_result()
 * lists the result as `{ccd_fallback="none"} 1 <ts>`; the regex keeps the label's value.
 */
export function fallbackVariable(): dashboard.QueryVariableBuilder {
  const query = `query_result(${render(fallbackSwitchExpr())})`;
  return new dashboard.QueryVariableBuilder(FALLBACK_VARIABLE)
    .label('Counting fallback')
    .description('Set by the dashboard: switches the raw-counter approximation on only when the recording rules are not loaded.')
    .datasource(prometheusDatasource())
    .query(query)
    .definition(query)
    .regex(`/${FALLBACK_VARIABLE}="([^"]*)"/`)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .hide(dashboard.VariableHide.HideVariable);
}

/** A dashboard's variables and the query filters they drive. */
export interface DashboardVariables {
  readonly builders: readonly { build(): dashboard.VariableModel }[];
  readonly filters: Filters;
}

/** The variables of the overview dashboard and the filters they drive. */
export function overviewVariables(config: Config): DashboardVariables {
  const identity = IDENTITY_ATTRIBUTES[config.identity];
  const builders: { build(): dashboard.VariableModel }[] = [
    datasourceVariable(config),
    filterVariable(config, {
      name: 'user',
      label: 'User',
      description: `Users by ${config.identity}. "All" also includes sessions that lack it.`,
      metric: 'sessionCount',
      attribute: identity,
      includeAll: true,
    }),
    filterVariable(config, {
      name: 'model',
      label: 'Model',
      description: 'Models. Only cost, tokens and lines of code carry a model label; other panels ignore this filter.',
      metric: 'cost',
      attribute: 'model',
      includeAll: true,
    }),
    filterVariable(config, {
      name: 'terminal',
      label: 'Terminal',
      description: 'Terminal type (vscode, iTerm.app, tmux, ...).',
      metric: 'sessionCount',
      attribute: 'terminal.type',
      includeAll: true,
    }),
  ];
  const team: Record<string, ReturnType<typeof templateVariable>> = {};
  for (const attribute of config.teamLabels) {
    const name = teamVariableName(attribute);
    team[attribute] = templateVariable(name);
    builders.push(
      filterVariable(config, {
        name,
        label: attribute,
        description: `Resource attribute "${attribute}" from OTEL_RESOURCE_ATTRIBUTES.`,
        metric: 'sessionCount',
        attribute,
        includeAll: true,
      }),
    );
  }
  builders.push(fallbackVariable());
  const filters: Filters = {
    identity: templateVariable('user'),
    model: templateVariable('model'),
    terminal: templateVariable('terminal'),
    ...(config.teamLabels.length ? { team } : {}),
  };
  return { builders, filters };
}

/** A JavaScript regex source matching `text` literally (for a Grafana variable regex). */
function literalRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The per-user dashboard's user variable where an identity fallback is configured: every identity the
 * overview shows (its users table and "Active users"), `user_id:<install id>` fallbacks included, listed
 * by `query_result()` of the same query (`activeIdentities`). Grafana lists each result as
 * `{user_email="..."} <value> <ts>`; the regex keeps the identity. Queries filter it as the shown identity
 * (`Filters.shownIdentity` in queries/context.ts).
 */
function shownIdentityVariable(config: Config): dashboard.QueryVariableBuilder {
  const query = `query_result(${render(activeIdentities(unfiltered(config), reportedCounters(config)))})`;
  const id = labelName(config.naming, IDENTITY_ATTRIBUTES[config.identity]);
  return new dashboard.QueryVariableBuilder('user')
    .label('User')
    .description(
      `The user to show: ${config.identity}, or ${config.identityFallback}:<value> for sessions without it (API-key, Bedrock and Vertex users), as the overview lists them. Multi-value so Grafana regex-escapes the value (emails can contain "+").`,
    )
    .datasource(prometheusDatasource())
    .query(query)
    .definition(query)
    .regex(`/${literalRegex(id)}="([^"]*)"/`)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalCaseInsensitiveAsc)
    .multi(true)
    .includeAll(false);
}

/**
 * The variables of the per-user dashboard: datasource and one (or a few) users, no "All". With an identity
 * fallback (the default) the users are the identities the overview shows, fallbacks included.
 */
export function userVariables(config: Config): DashboardVariables {
  const variable = templateVariable('user');
  if (config.identityFallback === null) {
    const builders = [
      datasourceVariable(config),
      filterVariable(config, {
        name: 'user',
        label: 'User',
        description: `The user (${config.identity}) to show. Multi-value so Grafana regex-escapes the value (emails can contain "+").`,
        metric: 'sessionCount',
        attribute: IDENTITY_ATTRIBUTES[config.identity],
        includeAll: false,
      }),
      fallbackVariable(),
    ];
    return { builders, filters: { identity: variable } };
  }
  // The fallback switch first: the user variable's query reads it.
  return { builders: [datasourceVariable(config), fallbackVariable(), shownIdentityVariable(config)], filters: { shownIdentity: variable } };
}
