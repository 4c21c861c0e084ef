/**
 * `claude-code-dashboards/panels`: panel factories on the Grafana foundation SDK with our defaults, the
 * query-driven variants, the rows of our dashboards, and the grid layout.
 */
export * from './common.js';
export * from './logql.js';
export * from './from-query.js';
export * from './layout.js';
export * from './factories/stat.js';
export * from './factories/timeseries.js';
export * from './factories/bargauge.js';
export * from './factories/piechart.js';
export * from './factories/table.js';
export * from './factories/gauge.js';
export * from './factories/text.js';
export * from './factories/logs.js';
export * from './factories/log-table.js';
export * from './rows/status.js';
export * from './rows/overview.js';
export * from './rows/cost.js';
export * from './rows/tokens.js';
export * from './rows/cache.js';
export * from './rows/models.js';
export * from './rows/trends.js';
export * from './rows/users.js';
export * from './rows/sessions.js';
export * from './rows/productivity.js';
export * from './rows/platform.js';
export * from './rows/activity.js';
export * from './rows/about.js';
export * from './rows/events.js';
export * from './rows/session.js';
export * from './rows/health.js';
