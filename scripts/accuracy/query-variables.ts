/**
 * Hidden query variables that a dashboard sets from Prometheus itself (the raw-counter fallback switch,
 * `ccd_fallback`, queries/fallback.ts), resolved the way Grafana resolves them: the `query_result(expr)`
 * query is run as an instant query at the dashboard's "now" with the range macros of the window filled
 * in, each result is written as Grafana lists it (`{label="value", ...} value timestamp`), and the
 * variable's regex keeps its first capture. So an accuracy run sees the value a real Grafana would.
 */
import { interpolateExpression, type GrafanaIntervals, type VariableSelection } from './grafana-macros.js';
import { queryInstant } from './prometheus-api.js';

interface HiddenVariable {
  readonly name: string;
  readonly expr: string;
  readonly regex: RegExp | undefined;
}

function hiddenQueryVariables(json: Record<string, unknown>): HiddenVariable[] {
  const list = ((json['templating'] as { list?: Record<string, unknown>[] } | undefined)?.list ?? []);
  const out: HiddenVariable[] = [];
  for (const v of list) {
    const query = typeof v['query'] === 'string' ? v['query'] : '';
    const m = /^query_result\((.*)\)$/s.exec(query);
    if (v['type'] !== 'query' || v['hide'] !== 2 || !m) continue;
    const regexText = typeof v['regex'] === 'string' ? v['regex'] : '';
    const r = /^\/(.*)\/([a-z]*)$/s.exec(regexText);
    out.push({ name: String(v['name']), expr: m[1] as string, regex: r ? new RegExp(r[1] as string, r[2]) : undefined });
  }
  return out;
}

/** The current value of every hidden `query_result` variable of the dashboard, for one window. */
export async function resolveHiddenVariables(
  json: Record<string, unknown>,
  baseUrl: string,
  intervals: GrafanaIntervals,
  nowMs: number,
): Promise<Record<string, VariableSelection>> {
  const out: Record<string, VariableSelection> = {};
  for (const v of hiddenQueryVariables(json)) {
    const results = await queryInstant(baseUrl, interpolateExpression(v.expr, intervals, {}), nowMs);
    const lines = results.map((r) => {
      const labels = Object.entries(r.labels).map(([k, val]) => `${k}="${val}"`).join(', ');
      return `{${labels}} ${r.points[0]?.[1] ?? ''} ${nowMs}`;
    });
    const values = lines.map((l) => (v.regex ? v.regex.exec(l)?.[1] : l)).filter((x): x is string => x !== undefined);
    // Grafana takes the first option when the current value is not among them; no option means "".
    out[v.name] = { single: values[0] ?? '' };
  }
  return out;
}
