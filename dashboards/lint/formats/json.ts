/** Machine-readable output: one JSON document with a summary and every finding. */
import type { LintResult } from '../engine.js';

/** The JSON report's format version; bumped on incompatible changes. */
export const JSON_REPORT_VERSION = 1;

/** Renders findings as one JSON document. */
export function formatJson(result: LintResult): string {
  const report = {
    version: JSON_REPORT_VERSION,
    summary: {
      files: result.files.length,
      errors: result.errorCount,
      warnings: result.warningCount,
      infos: result.infoCount,
      excluded: result.excludedCount,
      fixable: result.findings.filter((f) => f.fixable).length,
    },
    findings: result.findings,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
