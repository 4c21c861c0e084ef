/**
 * Turns the bytes of one input file into a classic dashboard body, or into one clear problem for that
 * file. Accepts bare dashboard JSON, Kubernetes-style manifests (`apiVersion`/`kind`/`spec`) and the HTTP
 * API's `{ "dashboard": {...} }` wrapper, and Grafana v2 dashboards (adapted into a classic view, see
 * `v2-adapter.ts`); a v2 manifest without elements and layout is reported as not checked. Never throws: garbage
 * (binary, empty, invalid JSON, wrong types, huge or deeply nested) becomes a finding and the run goes on.
 */
import { parse as parseYaml } from 'yaml';
import { asString, isObject } from '../model/json.js';
import type { JsonObject } from '../types.js';
import { adaptV2, isV2Spec, manifestUid, type V2View } from './v2-adapter.js';

/** Files above this size are not parsed (a dashboard is rarely above 1 MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A size for messages: `1536 MB`, `20 MB`, `0.5 MB`, or KB below 0.1 MB. */
export function formatSize(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 0.1 ? `${+mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Deeper nesting than this is not a dashboard and would make recursive tools overflow. */
export const MAX_NESTING = 128;

/** A dashboard ready to lint. */
/** The message of a JSON object that is no dashboard (skipped when a directory walk or glob found it). */
export const NOT_A_DASHBOARD = 'The JSON object has none of the fields of a Grafana dashboard ("title", "panels", "schemaVersion", "templating", "uid").';

export interface LoadedDashboard {
  readonly ok: true;
  readonly file: string;
  /** The file text (for line numbers and for rewriting with `--fix`). */
  readonly text: string;
  /** The whole parsed file. */
  readonly root: JsonObject;
  /** The classic dashboard body. */
  readonly body: JsonObject;
  /** Where the body is in the file: `''`, `/spec` or `/dashboard`. */
  readonly bodyPointer: string;
  /** The uid: the body's, or for a manifest without one, `metadata.name`. */
  readonly uid: string | undefined;
  /** `metadata.name` of a manifest. */
  readonly manifestName: string | undefined;
  readonly format: 'json' | 'yaml';
  /** Set for a Grafana v2 dashboard: `body` is its classic view, and this maps the view's pointers into the file. */
  readonly v2?: V2View;
}

/** A file that cannot be linted, and why. */
export interface InputProblem {
  readonly ok: false;
  readonly file: string;
  readonly ruleId: 'input-readable' | 'input-v2-unsupported';
  readonly pointer: string;
  readonly message: string;
  readonly fix: string;
}

export type LoadResult = LoadedDashboard | InputProblem;

function problem(file: string, message: string, fix: string, pointer = '', ruleId: InputProblem['ruleId'] = 'input-readable'): InputProblem {
  return { ok: false, file, ruleId, pointer, message, fix };
}

/** The deepest bracket nesting of a JSON text (outside strings), stopping once above `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return max;
}

/** Line and column of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function parseText(file: string, text: string, format: 'json' | 'yaml'): { ok: true; value: unknown } | InputProblem {
  if (format === 'yaml') {
    try {
      return { ok: true, value: parseYaml(text, { maxAliasCount: 100 }) as unknown };
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return problem(file, `The file is not valid YAML: ${reason}`, 'Fix the YAML syntax, or export the dashboard as JSON.');
    }
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    const where = position ? ` at ${lineColumn(text, Number(position[1]))}` : '';
    return problem(
      file,
      `The file is not valid JSON${where}: ${reason.replace(/^.*?:\s*/, '')}`,
      'Fix the JSON syntax (a trailing comma or an unquoted key is the usual cause), or export the dashboard again from Grafana.',
    );
  }
}

/**
 * Loads one input.
 * @param file - the name used in findings
 * @param bytes - the file contents
 * @param maxBytes - the size limit (default {@link MAX_FILE_BYTES})
 */
export function loadDashboard(file: string, bytes: Uint8Array, maxBytes: number = MAX_FILE_BYTES): LoadResult {
  if (bytes.byteLength > maxBytes) {
    return problem(
      file,
      `The file is ${formatSize(bytes.byteLength)}, above the ${formatSize(maxBytes)} limit for a dashboard; it was not parsed.`,
      'Check that this is a dashboard and not a data export (split it if it really is one huge dashboard), or raise the limit with --max-file-mb.',
    );
  }
  if (bytes.includes(0)) {
    return problem(file, 'The file is binary (it contains NUL bytes), not a dashboard.', 'Lint only dashboard JSON files.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return problem(file, 'The file is not valid UTF-8 text, so it cannot be dashboard JSON.', 'Save the dashboard as UTF-8 JSON.');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return problem(file, 'The file is empty.', 'Write the dashboard JSON into the file, or delete it.');
  const format = /\.ya?ml$/i.test(file) ? 'yaml' : 'json';
  if (nestingDepth(text, MAX_NESTING) > MAX_NESTING) {
    return problem(
      file,
      `The JSON is nested more than ${MAX_NESTING} levels deep; no dashboard is, so it was not linted.`,
      'Check that the file is a Grafana dashboard.',
    );
  }
  const result = parseText(file, text, format);
  if (!result.ok) return result;
  const parsed = result.value;
  if (!isObject(parsed)) {
    return problem(
      file,
      `The file holds ${describeType(parsed)}, not a dashboard object.`,
      'A dashboard file holds one JSON object with "title", "panels", "schemaVersion", ...',
    );
  }
  return unwrap(file, text, parsed, format);
}

/** Finds the classic dashboard body in a parsed file. */
function unwrap(file: string, text: string, root: JsonObject, format: 'json' | 'yaml'): LoadResult {
  const base = { ok: true as const, file, text, root, format };
  if ('apiVersion' in root || 'kind' in root || ('spec' in root && 'metadata' in root)) {
    const apiVersion = asString(root.apiVersion) ?? '';
    const kind = asString(root.kind);
    if (kind !== 'Dashboard') {
      return problem(
        file,
        `This is a Kubernetes-style manifest of kind ${JSON.stringify(root.kind ?? null)}, not a Dashboard.`,
        'Lint only dashboard manifests (kind: Dashboard) or bare dashboard JSON.',
        '/kind',
      );
    }
    if (!isObject(root.spec)) {
      return problem(file, `The manifest's "spec" is ${describeType(root.spec)}, not a dashboard object.`, 'Put the dashboard JSON under "spec".', '/spec');
    }
    if (isV2Spec(root.spec)) return v2Loaded(base, root.spec, '/spec', manifestUid(root));
    if (/\/v2/.test(apiVersion)) return unsupportedV2(file, `apiVersion ${apiVersion}`, '/apiVersion');
    const metadata = isObject(root.metadata) ? root.metadata : {};
    const manifestName = asString(metadata.name);
    return { ...base, body: root.spec, bodyPointer: '/spec', uid: asString(root.spec.uid) ?? manifestName, manifestName };
  }
  if (isObject(root.dashboard) && !('panels' in root)) {
    // The HTTP API's import payload: { "dashboard": {...}, "folderUid": "...", "overwrite": true }.
    if (isV2Spec(root.dashboard)) return v2Loaded(base, root.dashboard, '/dashboard', undefined);
    return { ...base, body: root.dashboard, bodyPointer: '/dashboard', uid: asString(root.dashboard.uid), manifestName: undefined };
  }
  if (isV2Spec(root)) return v2Loaded(base, root, '', undefined);
  const looksLikeDashboard = ['panels', 'rows', 'title', 'schemaVersion', 'templating', 'uid'].some((k) => k in root);
  if (!looksLikeDashboard) {
    return problem(
      file,
      NOT_A_DASHBOARD,
      'Check that the file is a Grafana dashboard; remove other JSON files from the linted paths.',
    );
  }
  return { ...base, body: root, bodyPointer: '', uid: asString(root.uid), manifestName: undefined };
}

type LoadBase = Pick<LoadedDashboard, 'ok' | 'file' | 'text' | 'root' | 'format'>;

function v2Loaded(base: LoadBase, spec: JsonObject, specPointer: string, uid: { value: string; pointer: string } | undefined): LoadedDashboard {
  const v2 = adaptV2(spec, specPointer, uid);
  return { ...base, body: v2.body, bodyPointer: specPointer, uid: uid?.value, manifestName: uid?.value, v2 };
}

function unsupportedV2(file: string, what: string, pointer: string): InputProblem {
  return problem(
    file,
    `This is a Grafana v2 dashboard (${what}) without "elements" and "layout" in its spec, so nothing in it was checked.`,
    'Export the dashboard again from Grafana (a v2 spec has "elements" and "layout"), or export it as classic JSON.',
    pointer,
    'input-v2-unsupported',
  );
}
