/** SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers. */
import type { LintResult } from '../engine.js';
import { RULES } from '../rules/index.js';
import type { Severity } from '../types.js';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** Renders findings as a SARIF 2.1.0 log. */
export function formatSarif(result: LintResult, toolVersion: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'claude-code-dashboards-lint',
            version: toolVersion,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} ${r.why}` },
              help: { text: r.advice },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { category: r.category, fixable: r.fixable },
            })),
          },
        },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: `${f.message} Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                ...(f.line !== undefined ? { region: { startLine: f.line, startColumn: f.column ?? 1 } } : {}),
              },
              logicalLocations: [{ fullyQualifiedName: f.pointer || '/', kind: 'element' }],
            },
          ],
          properties: {
            pointer: f.pointer,
            dashboardUid: f.dashboardUid,
            panelId: f.panelId,
            panelTitle: f.panelTitle,
            refId: f.refId,
            category: f.category,
          },
        })),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
