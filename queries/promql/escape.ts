/**
 * Escaping for PromQL string literals, regular expressions and names.
 *
 * Matcher values are user data (emails, model ids such as `claude-opus-5[1m]`, team names), so every one
 * of them goes through here: a quote or backslash in a value must never end the literal early, and a
 * literal meant as an exact match must not turn into a regex by accident.
 */

const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Renders `value` as a double-quoted PromQL string literal (Go string syntax). */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Escapes RE2 metacharacters so that `value` matches itself literally inside `=~` / `!~`. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
}

/** True when `name` can be written bare as a label name (otherwise it must be quoted, Prometheus 3 syntax). */
export function isLegacyLabelName(name: string): boolean {
  return LEGACY_LABEL_NAME.test(name);
}

/** True when `name` can be written bare as a metric name. */
export function isLegacyMetricName(name: string): boolean {
  return LEGACY_METRIC_NAME.test(name);
}

/** Renders a label name, quoting it when it is not a classic identifier (e.g. `"session.id"`). */
export function renderLabelName(name: string): string {
  return isLegacyLabelName(name) ? name : quoteString(name);
}
