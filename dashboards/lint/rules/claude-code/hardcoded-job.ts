/**
 * B12: a literal `job="..."` matcher on Claude Code metrics. The job name is whatever the scrape config
 * (or the remote-write sender) calls it, so a dashboard pinned to one job shows nothing on any other stack.
 */
import { findVariableReferences } from '../../model/variable-refs.js';
import { matcherKey } from '../../settings.js';
import type { Rule } from '../../types.js';
import { claudeMatchers } from './claude-code-metrics.js';

/** Scrape labels whose values belong to one deployment. */
const DEPLOYMENT_LABELS = new Set(['job', 'instance', 'exported_job']);

export const hardcodedJob: Rule = {
  id: 'claude-code-hardcoded-job',
  category: 'claude-code',
  severity: 'warning',
  description: 'Claude Code metrics are not filtered by a literal `job`/`instance` value.',
  why: 'The job name comes from one scrape config (job="otel-collector"); on any other pipeline the series carry another job, so every panel matches nothing.',
  advice: 'Drop the matcher, or make it a template variable (job=~"$job"); a matcher your pipeline really needs goes in the build config\'s extraMatchers (the linter accepts those).',
  fixable: false,
  check(ctx) {
    const seen = new Set<string>();
    for (const { target, matcher } of claudeMatchers(ctx.dashboard)) {
      if (!DEPLOYMENT_LABELS.has(matcher.label) || findVariableReferences(matcher.value).length > 0) continue;
      // `job=~".+"` or `job!=""` select nothing in particular; only a pinned value breaks elsewhere.
      if (matcher.op.startsWith('!') || /^\.[*+]$/.test(matcher.value)) continue;
      if (ctx.settings.extraMatchers.has(matcherKey(matcher.label, matcher.op, matcher.value))) continue;
      const key = `${target.pointer}\0${matcher.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        pointer: `${target.pointer}/expr`,
        message: `${matcher.label}${matcher.op}"${matcher.value}" pins the query to one scrape config: with any other ${matcher.label} name every series is filtered out.`,
        fix: `Replace it with a variable (${matcher.label}=~"$${matcher.label}") or remove it; if your pipeline needs it, list it under extraMatchers in the build (or lint) config.`,
      });
    }
  },
};
