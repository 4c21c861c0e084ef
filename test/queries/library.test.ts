/** The named queries: every one parses under every naming scheme and filter set, and keeps the counter rules. */
import { describe, expect, it } from 'vitest';
import {
  FALLBACK_VARIABLE,
  METRICS,
  RULES_LOADED_SERIES,
  METRIC_KEYS,
  NAMING_SCHEMES,
  QUERIES,
  attributesOf,
  findSyntaxError,
  incrementsRuleName,
  label,
  metricHasAttribute,
  metricName,
  metricSelector,
  queryById,
  render,
  resolveConfig,
  templateVariable,
  type QueryContext,
} from '../../queries/index.js';
import { EVENT_METRIC_KEYS, eventAttributesOf, eventMetricName, eventRuleName } from '../../queries/events.js';
import { PIPELINE_METRICS } from '../../queries/library/health.js';
import { SESSION_METRIC_KEYS, SESSION_REPORTED_AT_RULE, sessionRuleName, summedAttributes } from '../../queries/session-rules.js';
import type { Node } from '../../queries/promql/ast.js';
import { children } from '../../queries/promql/walk.js';

const FILTERS = {
  identity: templateVariable('user'),
  model: templateVariable('model'),
  terminal: templateVariable('terminal'),
  team: { 'team.id': templateVariable('team_id') },
};

function contexts(): { name: string; ctx: QueryContext }[] {
  return NAMING_SCHEMES.flatMap((naming) => [
    { name: `${naming}, unfiltered`, ctx: { config: resolveConfig({ naming }), filters: {} } },
    { name: `${naming}, all filters`, ctx: { config: resolveConfig({ naming, teamLabels: ['team.id'] }), filters: FILTERS } },
    { name: `${naming}, identity user_id, no fallback`, ctx: { config: resolveConfig({ naming, identity: 'user_id', identityFallback: null }), filters: FILTERS } },
  ]);
}

function nodes(n: Node): Node[] {
  return [n, ...children(n).flatMap(nodes)];
}

describe('query library', () => {
  it('has unique ids and a description that says how each number is computed', () => {
    const ids = QUERIES.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of QUERIES) expect(q.description.length, q.id).toBeGreaterThan(40);
    expect(() => queryById('nope')).toThrow(/Known ids: cost.total/);
  });

  for (const { name, ctx } of contexts()) {
    it(`every query parses with Prometheus' grammar (${name})`, () => {
      for (const q of QUERIES) {
        for (const e of [q.build(ctx), q.naive(ctx)]) {
          const text = render(e);
          expect(findSyntaxError(text), `${q.id}: ${text}`).toBeUndefined();
        }
      }
    });

    it(`filters only on labels the metric carries and never on a fixed window (${name})`, () => {
      for (const q of QUERIES) {
        for (const n of nodes(q.build(ctx).node)) {
          if (n.kind === 'vectorSelector') {
            // The pipeline's own metrics (up, the collector's and Prometheus' counters) on the health dashboard.
            if (n.metric === RULES_LOADED_SERIES || PIPELINE_METRICS.includes(n.metric)) continue;
            // The metrics the collector derives from events carry the catalog's attributes (queries/events.ts).
            const event = EVENT_METRIC_KEYS.find((k) => eventRuleName(k) === n.metric || (['total', 'bucket'] as const).some((s) => eventMetricName(ctx.config.naming, k, s) === n.metric));
            if (event) {
              const kept = [...eventAttributesOf(event), ...ctx.config.teamLabels].map((a) => label(ctx, a));
              for (const m of n.matchers) expect([...kept, FALLBACK_VARIABLE], `${q.id}: ${n.metric} has no label ${m.label}`).toContain(m.label);
              continue;
            }
            // The per-session rules keep the metric's labels but those they sum over (queries/session-rules.ts).
            const perSession = n.metric === SESSION_REPORTED_AT_RULE ? 'cost' : SESSION_METRIC_KEYS.find((m) => sessionRuleName(m) === n.metric);
            if (perSession) {
              const summedAway = new Set([...summedAttributes(perSession), ...(n.metric === SESSION_REPORTED_AT_RULE ? ['model'] : [])]);
              const kept = attributesOf(perSession, ctx.config.teamLabels).filter((a) => !summedAway.has(a)).map((a) => label(ctx, a));
              for (const m of n.matchers) expect(kept, `${q.id}: ${n.metric} has no label ${m.label}`).toContain(m.label);
              continue;
            }
            const metric = METRIC_KEYS.find((m) => metricName(ctx.config.naming, m) === n.metric || incrementsRuleName(m) === n.metric);
            expect(metric, `${q.id} selects unknown metric ${n.metric}`).toBeDefined();
            // Plus the raw fallback's switch, a label no series has (queries/fallback.ts).
            const labels = [...attributesOf(metric!, ctx.config.teamLabels).map((a) => label(ctx, a)), FALLBACK_VARIABLE];
            for (const m of n.matchers) expect(labels, `${q.id}: ${n.metric} has no label ${m.label}`).toContain(m.label);
          }
          if (n.kind === 'matrixSelector' || n.kind === 'subquery') {
            // A Grafana window, the left edge a trend step subtracts (`[1s] offset ${__interval_ms}ms`), or the
            // value before the range or step (`last_over_time(x[1h] offset $__range)`).
            const followsPicker = n.range.text.includes('__range') || n.range.text.includes('__interval');
            const stepEdge = n.offset !== undefined && (n.offset.text.includes('__interval') || n.offset.text.includes('__range'));
            expect(followsPicker || stepEdge, `${q.id} uses the fixed window [${n.range.text}]`).toBe(true);
          }
        }
      }
    });
  }

  it('never reads the session counter with increase() or rate()', () => {
    const ctx = { config: resolveConfig({}), filters: {} };
    for (const q of QUERIES) {
      const text = render(q.build(ctx));
      // Only the pipeline's own long-lived counters (health dashboard) may be read with increase().
      const read = [...text.matchAll(/\b(?:increase|rate|irate)\(([a-zA-Z_:][a-zA-Z0-9_:]*)/g)].map((m) => m[1] as string);
      expect(read.filter((name) => !PIPELINE_METRICS.includes(name)), q.id).toEqual([]);
    }
  });

  it('computes the cache hit rate over prompt tokens only', () => {
    const text = render(queryById('cache.hitRate').build({ config: resolveConfig({}), filters: {} }));
    expect(text).toContain('type="cacheRead"');
    expect(text).toContain('type=~"input|cacheRead|cacheCreation"');
    expect(text).not.toContain('output');
  });
});

describe('catalog and selectors', () => {
  it('lists the 8 metrics with the labels each really carries', () => {
    expect(METRIC_KEYS).toHaveLength(8);
    expect(metricHasAttribute('cost', 'model')).toBe(true);
    expect(metricHasAttribute('tokens', 'model')).toBe(true);
    expect(metricHasAttribute('linesOfCode', 'model')).toBe(true);
    for (const m of ['sessionCount', 'commits', 'pullRequests', 'editDecisions', 'activeTime'] as const) {
      expect(metricHasAttribute(m, 'model'), m).toBe(false);
    }
    expect(METRICS.tokens.enums['type']).toEqual(['input', 'output', 'cacheRead', 'cacheCreation']);
    expect(METRICS.sessionCount.enums['start_type']).toContain('agents_view');
    expect(METRICS.editDecisions.enums['decision']).toEqual(['accept', 'reject']);
  });

  it('drops a model filter on metrics without a model label', () => {
    const ctx = { config: resolveConfig({}), filters: FILTERS };
    expect(render(metricSelector(ctx, 'sessionCount'))).toBe('claude_code_session_count_total{user_email=~"$user", terminal_type=~"$terminal"}');
    expect(render(metricSelector(ctx, 'cost'))).toBe('claude_code_cost_usage_USD_total{user_email=~"$user", model=~"$model", terminal_type=~"$terminal"}');
  });

  it('names metrics per scheme as docs/configuration.md lists them', () => {
    expect(metricName('otel-collector', 'cost')).toBe('claude_code_cost_usage_USD_total');
    expect(metricName('otel-collector', 'activeTime')).toBe('claude_code_active_time_seconds_total');
    expect(metricName('claude-code-prometheus', 'cost')).toBe('claude_code_cost_usage_total');
    expect(metricName('claude-code-prometheus', 'tokens')).toBe('claude_code_token_usage_total');
    expect(metricName('claude-code-prometheus', 'activeTime')).toBe('claude_code_active_time_total');
    expect(metricName('no-suffix', 'sessionCount')).toBe('claude_code_session_count');
    expect(metricName('utf8', 'cost')).toBe('claude_code.cost.usage_USD_total');
    const utf8 = { config: resolveConfig({ naming: 'utf8' }), filters: { identity: templateVariable('user') } };
    expect(render(metricSelector(utf8, 'cost'))).toBe('{"claude_code.cost.usage_USD_total", "user.email"=~"$user"}');
  });
});
