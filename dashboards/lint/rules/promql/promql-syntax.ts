/** Q01: every PromQL query parses (after Grafana macro substitution), on every panel type. */
import type { Rule } from '../../types.js';

export const promqlSyntax: Rule = {
  id: 'promql-syntax',
  category: 'promql',
  severity: 'error',
  description: "Every PromQL query parses with Prometheus' grammar after Grafana macros are substituted, whatever the panel type and whether or not a datasource variable is used.",
  why: 'A query that does not parse shows an error instead of a number; other linters skip panel types and dashboards without a datasource variable.',
  advice: 'Correct the syntax near the position shown.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.promqlTargets) {
      const { parsed } = ctx.dashboard.promql(target);
      if (!parsed.error) continue;
      const at = parsed.toOriginal(parsed.error.position);
      const near = parsed.original.slice(Math.max(0, at - 15), at + 15).replace(/\s+/g, ' ');
      ctx.report({ pointer: `${target.pointer}/expr`, message: `The query does not parse: error at character ${at + 1}, near ${JSON.stringify(near)}.` });
    }
  },
};
