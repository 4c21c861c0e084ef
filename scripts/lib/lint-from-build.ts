/**
 * The linter reads the same configuration file as the build (house rule: config enters once): the naming
 * scheme, the team labels (labels every Claude Code series may carry) and where the build writes (what
 * to lint when no path is given). A lint config file still decides everything it sets itself. Without
 * this, `teamLabels: [team.id]` gave 52 false `claude-code-unknown-label` errors on our own output, and a
 * custom `output.dashboards` left a bare `lint:dashboards` linting a folder that did not exist.
 */
import type { LintConfig } from '../../dashboards/lint/config.js';
import type { Config } from '../../queries/config.js';
import { labelName } from '../../queries/naming.js';
import { configMatchers } from '../../queries/context.js';

/** The lint config with the build configuration's facts filled in where the lint config is silent. */
export function withBuildConfig(lint: LintConfig, build: Config): LintConfig {
  const naming = lint.naming ?? build.naming;
  const teamLabels = build.teamLabels.map((attribute) => labelName(naming, attribute));
  // The labels of `extraMatchers` (cluster, job, ...) are on every series the dashboards read.
  const matched = configMatchers(build).map((m) => m.label);
  return {
    ...lint,
    naming,
    metricPrefix: lint.metricPrefix ?? build.metricPrefix,
    extraMatchers: lint.extraMatchers.length > 0 ? lint.extraMatchers : build.extraMatchers,
    extraLabels: [...new Set([...lint.extraLabels, ...teamLabels, ...matched])],
  };
}

/** What a bare `lint` lints: the folder the build writes its provisioned dashboards to. */
export function defaultLintInputs(build: Config): string[] {
  return [build.output.dashboards];
}
