/** Locations of the stack's files, resolved from this module so the CLIs work from any directory. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root (the directory holding docker-compose.yml). */
export const repoRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute paths of the files that make up the stack. */
export const stackPaths = {
  compose: path.join(repoRoot, 'docker-compose.yml'),
  /** Opt-in override: bearer-token authentication on the collector's receivers. */
  composeAuth: path.join(repoRoot, 'docker-compose.auth.yml'),
  collectorAuthConfig: path.join(repoRoot, 'provisioning', 'otel-collector', 'auth.yaml'),
  envExample: path.join(repoRoot, '.env.example'),
  env: path.join(repoRoot, '.env'),
  collectorConfig: path.join(repoRoot, 'provisioning', 'otel-collector', 'config.yaml'),
  lokiConfig: path.join(repoRoot, 'provisioning', 'loki', 'config.yaml'),
  prometheusConfig: path.join(repoRoot, 'provisioning', 'prometheus', 'prometheus.yml'),
  prometheusRules: path.join(repoRoot, 'provisioning', 'prometheus', 'rules'),
  grafanaDatasources: path.join(repoRoot, 'provisioning', 'grafana', 'datasources'),
  grafanaProviders: path.join(repoRoot, 'provisioning', 'grafana', 'dashboard-providers'),
  /** Written by `npm run build:dashboards`, not by the stack. */
  grafanaDashboards: path.join(repoRoot, 'provisioning', 'grafana', 'dashboards'),
  claudeManagedSettings: path.join(repoRoot, 'provisioning', 'claude-code', 'managed-settings.json'),
} as const;
