/** Q08: every LogQL (Loki) query parses with Grafana's LogQL grammar, after Grafana macros are substituted. */
import { findLogQLSyntaxError } from '../../../../queries/logql/parse.js';
import type { Rule } from '../../types.js';

export const logqlSyntax: Rule = {
  id: 'logql-syntax',
  category: 'promql',
  severity: 'error',
  description: "Every LogQL query of a Loki target parses with Grafana's own LogQL grammar (@grafana/lezer-logql) after Grafana macros are substituted; the PromQL rules skip Loki targets.",
  why: 'A Loki query that does not parse shows an error instead of events; PromQL checks cannot read LogQL, so without this rule Loki targets go unchecked.',
  advice: 'Correct the LogQL syntax near the position shown.',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.logqlTargets) {
      const error = findLogQLSyntaxError(target.expr ?? '');
      if (!error) continue;
      const near = error.text.slice(Math.max(0, error.offset - 15), error.offset + 15).replace(/\s+/g, ' ');
      ctx.report({ pointer: `${target.pointer}/expr`, message: `The LogQL query does not parse: error near character ${error.offset + 1} (after macro substitution), near ${JSON.stringify(near)}.` });
    }
  },
};
