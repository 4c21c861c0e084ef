/**
 * B12: `| json` or `| logfmt` on Claude Code events that reached Loki over OTLP. Loki's OTLP ingestion
 * keeps the log body (the event name, e.g. "claude_code.api_request") as the line and stores every
 * attribute as structured metadata, so a parser finds nothing to parse: `| json` marks every line with
 * __error__, and a following `__error__=""` drops them all (CM "API Error Rate" is always empty).
 */
import type { Rule } from '../../types.js';
import { analyzeLogQL, readsClaudeCodeEvents } from '../../promql/logql-analyze.js';

const BODY_PARSERS = new Set(['json', 'logfmt']);

export const logqlOtlpParser: Rule = {
  id: 'logql-otlp-parser',
  category: 'promql',
  severity: 'error',
  description: 'LogQL on Claude Code\'s OTLP events does not parse the line with `| json` or `| logfmt`; it filters the structured metadata directly.',
  why: "With Loki's OTLP ingestion the line is the event name and the attributes are structured metadata: `| json` parses nothing and flags every line as an error, so a panel that then drops errors is always empty.",
  advice: 'Drop the parser and filter the attributes as labels: {service_name="claude-code"} | event_name="api_error" | model=~"$model".',
  fixable: false,
  check(ctx) {
    for (const target of ctx.dashboard.logqlTargets) {
      const analysis = analyzeLogQL(target.expr ?? '');
      const parser = analysis.parsers.find((p) => BODY_PARSERS.has(p));
      if (parser === undefined || !readsClaudeCodeEvents(analysis)) continue;
      ctx.report({
        pointer: `${target.pointer}/expr`,
        message: `| ${parser} parses the log line, but Claude Code events ingested over OTLP keep their attributes as structured metadata and the line is just the event name: the parser extracts nothing and marks every line with __error__.`,
      });
    }
  },
};
