/**
 * Template variables of the event dashboards (Loki). Loki's label-values API lists only index labels,
 * and every event attribute is structured metadata, so the value lists come from where they are cheap:
 * users, models and sessions from the Prometheus metrics (the same identity values: the collector's
 * user.email mode applies to both), event names from the catalog, tools from a list open to any value.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { Config } from '../queries/config.js';
import { IDENTITY_ATTRIBUTES } from '../queries/config.js';
import { EVENT_NAMES } from '../queries/event-catalog.js';
import { labelName, metricName } from '../queries/naming.js';
import { quoteString, renderLabelName } from '../queries/promql/escape.js';
import { templateVariable } from '../queries/promql/macros.js';
import { prometheusDatasource } from '../panels/common.js';
import { LOKI_DATASOURCE_VARIABLE } from '../panels/logql.js';
import { datasourceVariable, fallbackVariable, filterVariable, type DashboardVariables } from './variables.js';

/** Tools offered in the tool filter; any other name can be typed in (MCP tools are `mcp__<server>__<tool>`). */
export const KNOWN_TOOLS = ['Bash', 'Edit', 'Glob', 'Grep', 'LS', 'MultiEdit', 'NotebookEdit', 'Read', 'Task', 'TodoWrite', 'WebFetch', 'WebSearch', 'Write'] as const;

/** The Loki datasource variable, defaulting to the configured (provisioned) Loki uid. */
export function lokiDatasourceVariable(config: Config): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder(LOKI_DATASOURCE_VARIABLE)
    .label('Loki')
    .type('loki')
    .current({ text: config.events.datasourceUid, value: config.events.datasourceUid, selected: true });
}

/** Session ids from the session counter, limited to the selected users when `byUser`. */
function sessionVariable(config: Config, o: { multi: boolean; byUser: boolean }): dashboard.QueryVariableBuilder {
  const metric = metricName(config.naming, 'sessionCount');
  const user = renderLabelName(labelName(config.naming, IDENTITY_ATTRIBUTES[config.identity]));
  const selector = `{__name__=${quoteString(metric)}${o.byUser ? `, ${user}=~"$user"` : ''}}`;
  const query = `label_values(${selector}, ${renderLabelName(labelName(config.naming, 'session.id'))})`;
  const v = new dashboard.QueryVariableBuilder('session')
    .label('Session')
    .description(o.multi ? 'Session ids (from the session metric; needs OTEL_METRICS_INCLUDE_SESSION_ID, on by default).' : 'The session to show (its id; the events dashboard links here).')
    .datasource(prometheusDatasource())
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalCaseInsensitiveAsc)
    .multi(o.multi)
    .includeAll(o.multi);
  if (o.multi) v.allValue('.*').current({ text: 'All', value: '$__all', selected: true });
  return v;
}

/** A custom multi-value variable with "All" = `.*`. */
function listVariable(name: string, label: string, description: string, values: readonly string[], allowCustom: boolean): dashboard.CustomVariableBuilder {
  return new dashboard.CustomVariableBuilder(name)
    .label(label)
    .description(description)
    .values(values.join(','))
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .allowCustomValue(allowCustom)
    .current({ text: 'All', value: '$__all', selected: true });
}

/** The variables of the events dashboard: datasources, user, session, event name, model, tool. */
export function eventsVariables(config: Config): DashboardVariables {
  const user = filterVariable(config, {
    name: 'user',
    label: 'User',
    description: `Users by ${config.identity} (listed from the metrics). "All" also includes sessions that lack it.`,
    metric: 'sessionCount',
    attribute: IDENTITY_ATTRIBUTES[config.identity],
    includeAll: true,
  });
  // Metrics carry the context-suffixed model id (claude-opus-5[1m]), events the plain one: list the plain ids.
  const model = filterVariable(config, { name: 'model', label: 'Model', description: 'Models (events without a model, such as tool results, are hidden when one is picked).', metric: 'cost', attribute: 'model', includeAll: true }).regex('/^([^\\[]+)/');
  const builders = [
    datasourceVariable(config),
    lokiDatasourceVariable(config),
    user,
    sessionVariable(config, { multi: true, byUser: true }),
    listVariable('event', 'Event', 'Event names (event.name).', EVENT_NAMES, false),
    model,
    listVariable('tool', 'Tool', 'Tool names of tool_result and tool_decision events; type any other name (MCP tools).', KNOWN_TOOLS, true),
  ];
  const filters = {
    identity: templateVariable('user'),
    session: templateVariable('session'),
    eventName: templateVariable('event'),
    model: templateVariable('model'),
    tool: templateVariable('tool'),
  };
  return { builders, filters };
}

/** The variables of the session dashboard: datasources (Prometheus lists the session ids) and one session id. */
export function sessionVariables(config: Config): DashboardVariables {
  return {
    builders: [datasourceVariable(config), lokiDatasourceVariable(config), sessionVariable(config, { multi: false, byUser: false })],
    filters: { session: templateVariable('session') },
  };
}
