/**
 * The package root, `import { ... } from 'claude-code-dashboards'`: the main entry points, plus each
 * area as a namespace. Subpath imports (`claude-code-dashboards/queries`, `/panels`, `/dashboards`)
 * give the same things without the namespaces.
 */
export * as queries from '../queries/index.js';
export * as panels from '../panels/index.js';
export * as dashboards from './index.js';
export { buildDashboards, dashboardSpecs, type BuiltDashboard } from './index.js';
export { resolveConfig, defaultConfig, ConfigError, type Config, type ConfigInput } from '../queries/config.js';
