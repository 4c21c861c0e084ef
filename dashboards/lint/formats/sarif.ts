/**
 * SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers: artifact URIs relative to a base
 * directory (`%SRCROOT%`, declared in `originalUriBaseIds`) so the log is the same on every checkout, a
 * `helpUri` per rule pointing at its row in the linter's documentation, and a region for every finding
 * with a position (JSON and YAML inputs).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintResult } from '../engine.js';
import { RULES } from '../rules/index.js';
import type { Finding, Severity } from '../types.js';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** The uriBaseId relative artifact URIs are resolved against. */
export const SARIF_BASE_ID = '%SRCROOT%';

/** Options of the SARIF format. */
export interface SarifOptions {
  readonly toolVersion: string;
  /** Absolute directory the artifact URIs are relative to (files outside it get absolute file URIs). */
  readonly base: string;
  /** Directory relative file names in findings are resolved against (default: `base`). */
  readonly cwd?: string;
  /** Absolute URI of the linter's documentation (docs/linter.md); each rule links to `#rule-<id>` in it. */
  readonly docsUri?: string;
}

/** The anchor of a rule's row in the generated rules table of docs/linter.md. */
export function ruleAnchor(id: string): string {
  return `rule-${id}`;
}

/** The artifact location of a finding's file: relative to the base when inside it. */
function artifactLocation(file: string, options: SarifOptions): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(options.cwd ?? options.base, file);
  const relative = path.relative(options.base, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SARIF_BASE_ID };
}

function sarifResult(f: Finding, ruleIndex: ReadonlyMap<string, number>, options: SarifOptions) {
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: `${f.message} Fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.file, options),
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
      fixable: f.fixable,
    },
  };
}

/** Renders findings as a SARIF 2.1.0 log. */
export function formatSarif(result: LintResult, options: SarifOptions): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const baseUri = pathToFileURL(options.base).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'claude-code-dashboards-lint',
            version: options.toolVersion,
            ...(options.docsUri ? { informationUri: options.docsUri } : {}),
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} ${r.why}` },
              help: { text: r.advice },
              ...(options.docsUri ? { helpUri: `${options.docsUri}#${ruleAnchor(r.id)}` } : {}),
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { category: r.category, fixable: r.fixable },
            })),
          },
        },
        originalUriBaseIds: { [SARIF_BASE_ID]: { uri: baseUri } },
        results: result.findings.map((f) => sarifResult(f, ruleIndex, options)),
        // Columns count UTF-16 code units (JavaScript string offsets).
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
