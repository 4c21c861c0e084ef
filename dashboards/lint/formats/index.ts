/** The output formats of the linter. */
import type { LintResult } from '../engine.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';

/** The formats `--format` accepts. */
export const OUTPUT_FORMATS = ['pretty', 'json', 'github', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Options of `formatFindings`. */
export interface FormatOptions {
  /** ANSI colours (pretty only). */
  readonly color?: boolean;
  /** The version reported by SARIF. */
  readonly toolVersion?: string;
  /** SARIF: the directory artifact URIs are relative to (default: the working directory). */
  readonly base?: string;
  /** SARIF: the directory relative file names in findings are resolved against (default: the working directory). */
  readonly cwd?: string;
  /** SARIF: absolute URI of the linter's documentation, for each rule's `helpUri`. */
  readonly docsUri?: string;
}

/** Renders a lint result in one of the output formats. */
export function formatFindings(result: LintResult, format: OutputFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'github':
      return formatGithub(result);
    case 'sarif':
      return formatSarif(result, {
        toolVersion: options.toolVersion ?? '0.0.0',
        base: options.base ?? options.cwd ?? process.cwd(),
        cwd: options.cwd ?? process.cwd(),
        docsUri: options.docsUri,
      });
    default:
      return formatPretty(result, options.color ?? false);
  }
}
