/**
 * The typed LogQL builder: rendering, escaping, the checks it makes when a query is built, and
 * Grafana's LogQL grammar (`@grafana/lezer-logql`) accepting what it renders and rejecting broken text.
 */
import { describe, expect, it } from 'vitest';
import {
  anyLabel,
  binary,
  by,
  countOverTime,
  drop,
  keep,
  labelFilter,
  labelFormat,
  lineFilter,
  lineFormat,
  logRange,
  matcher,
  numericFilter,
  orZero,
  overTime,
  pipe,
  quantileOverTime,
  ranges,
  rate,
  stream,
  sum,
  topk,
  unwrap,
} from '../../queries/logql/builders.js';
import { assertLogQLParses, findLogQLSyntaxError } from '../../queries/logql/parse.js';
import { renderLogQL } from '../../queries/logql/render.js';
import { labelUse } from '../../queries/logql/walk.js';

const base = stream([matcher('service_name', '=', 'claude-code')]);

describe('rendering', () => {
  it('writes selectors, filters, keep/drop, formats and unwrap in Loki syntax', () => {
    const q = pipe(
      base,
      lineFilter('|=', 'api'),
      labelFilter('event_name', '=', 'api_request'),
      anyLabel(matcher('status_code', '=', '429'), matcher('status_code', '=', '529')),
      numericFilter('duration_ms', '>', 1000),
      keep('model', 'duration_ms'),
      drop('prompt'),
      labelFormat('who', '{{ .user_email }}'),
      lineFormat('{{ .event_name }} "quoted"'),
    );
    expect(renderLogQL(q)).toBe(
      '{service_name="claude-code"} |= "api" | event_name="api_request" | status_code="429" or status_code="529" | duration_ms > 1000 | keep model, duration_ms | drop prompt | label_format who=`{{ .user_email }}` | line_format `{{ .event_name }} "quoted"`',
    );
    assertLogQLParses(renderLogQL(q));
  });

  it('renders metric queries: range aggregations, unwrap with the error guard, grouping, topk, or vector(0), arithmetic', () => {
    const requests = pipe(base, labelFilter('event_name', '=', 'api_request'));
    const cost = overTime('sum_over_time', unwrap(requests, 'cost_usd'), ranges.range);
    expect(renderLogQL(sum(cost, by('model')))).toBe('sum by (model) (sum_over_time({service_name="claude-code"} | event_name="api_request" | unwrap cost_usd | __error__="" [$__range]))');
    expect(renderLogQL(quantileOverTime(0.5, unwrap(requests, 'duration_ms'), ranges.auto, ['model']))).toBe(
      'quantile_over_time(0.5, {service_name="claude-code"} | event_name="api_request" | unwrap duration_ms | __error__="" [$__auto]) by (model)',
    );
    expect(renderLogQL(topk(5, sum(countOverTime(requests, logRange('5m')), by('model'))))).toBe('topk(5, sum by (model) (count_over_time({service_name="claude-code"} | event_name="api_request" [5m])))');
    const ratio = binary('/', sum(rate(requests, ranges.auto)), sum(rate(base, ranges.auto)));
    for (const q of [cost, orZero(sum(cost)), ratio]) assertLogQLParses(renderLogQL(q));
    expect(renderLogQL(orZero(sum(cost)))).toMatch(/\) or vector\(0\)$/);
  });

  it('escapes values: a quote or backslash never ends the string, Grafana variables stay as they are', () => {
    const q = pipe(base, labelFilter('error', '=', 'say "hi" \\ bye'), labelFilter('model', '=~', '$model'));
    expect(renderLogQL(q)).toBe('{service_name="claude-code"} | error="say \\"hi\\" \\\\ bye" | model=~"$model"');
    assertLogQLParses(renderLogQL(q));
  });
});

describe('checks at build time', () => {
  it('rejects label names Loki never produces (dots are underscores after OTLP ingestion)', () => {
    expect(() => labelFilter('session.id', '=', 'x')).toThrow(/Loki turns "a.b" into "a_b"/);
    expect(() => keep()).toThrow(/at least one/);
  });

  it('rejects a stream selector that could match every stream', () => {
    expect(() => stream([matcher('service_name', '=~', '.*')])).toThrow(/does not match the empty string/);
    expect(() => stream([matcher('service_name', '!=', 'x')])).toThrow();
    expect(() => stream([matcher('service_name', '=~', 'claude-code|claude-code-desktop')])).not.toThrow();
  });

  it('rejects bad ranges, quantiles and k', () => {
    expect(() => logRange('5 minutes')).toThrow(/Invalid LogQL range/);
    expect(() => quantileOverTime(1.5, unwrap(base, 'x'), ranges.auto)).toThrow(/between 0 and 1/);
    expect(() => topk(0, countOverTime(base, ranges.auto))).toThrow(/positive integer/);
  });

  it('types keep raw lines and unwrapped values apart (checked by tsc; never run)', () => {
    const typeChecks = () => {
      // @ts-expect-error count_over_time counts lines; an unwrapped query has values
      countOverTime(unwrap(base, 'duration_ms'), ranges.auto);
      // @ts-expect-error sum_over_time needs unwrapped values
      overTime('sum_over_time', base, ranges.auto);
      // @ts-expect-error a metric query has no pipeline
      pipe(countOverTime(base, ranges.auto), keep('a'));
    };
    expect(typeof typeChecks).toBe('function');
  });
});

describe("Grafana's LogQL grammar", () => {
  it('rejects broken LogQL (so the check is not vacuous)', () => {
    for (const text of ['{service_name="claude-code" | x', 'sum by (model) (count_over_time({a="b"} [5m]', '{a="b"} | unwrap', '']) {
      expect(findLogQLSyntaxError(text), text).toBeDefined();
    }
    expect(() => assertLogQLParses('{a="b"} |', 'q')).toThrow(/q does not parse as LogQL/);
  });

  it('accepts Grafana macros in range position', () => {
    expect(findLogQLSyntaxError('sum(count_over_time({a="b"} [$__auto]))')).toBeUndefined();
  });
});

describe('label walk', () => {
  it('separates stream labels, read fields and labels the query makes', () => {
    const q = pipe(base, labelFormat('who', '{{ if .user_email }}{{ .user_email }}{{ else }}{{ .user_id }}{{ end }}'), labelFilter('who', '=~', '$user'), keep('who', 'model'), lineFormat('{{ .model }}'));
    expect(labelUse(sum(countOverTime(q, ranges.auto), by('model', 'who')).node)).toEqual({ stream: ['service_name'], fields: ['model', 'user_email', 'user_id'], created: ['who'] });
    expect(labelUse(unwrap(base, 'duration_ms').node).fields).toEqual(['duration_ms']);
  });
});
