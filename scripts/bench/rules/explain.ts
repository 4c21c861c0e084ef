/**
 * Where a current-rule evaluation spends its time, for the metric with the most series (tokens): the
 * rule's two lookups timed on their own with `stats=all`, the whole rule, the previous rule, and the same
 * comparison written with `prev` three times (as the rules were before they read the 1 h look-back once)
 * and with `cur` three times (the engine evaluates every occurrence of a subexpression anew: PromQL has
 * no common-subexpression elimination). The `prev` 3× form is checked to record the same non-zero
 * increments as the rule.
 */
import { resolveConfig } from '../../../queries/config.js';
import { incrementsRuleName, incrementsTiming } from '../../../queries/counters.js';
import { metricName } from '../../../queries/naming.js';
import { lastOverTime, offset, range, selector } from '../../../queries/promql/builders.js';
import { assertParses } from '../../../queries/promql/parse.js';
import { render } from '../../../queries/promql/render.js';
import { recordingRules } from '../../../queries/rules.js';
import { previousExpr } from './groups.js';
import { scalarQuery, timeQuery, type Timed } from './measure.js';

/** The expressions to time, labelled. */
export function explainQueries(): { label: string; query: string }[] {
  const config = resolveConfig({});
  const x = metricName('otel-collector', 'tokens');
  const timing = incrementsTiming(config);
  const cur = render(lastOverTime(offset(range(selector(x), timing.interval), timing.delay)));
  const prev = render(lastOverTime(offset(range(selector(x), timing.lookback), timing.previousEnd)));
  const rule = recordingRules(config).groups[0]?.rules.find((r) => r.record === incrementsRuleName('tokens'));
  if (!rule) throw new Error('no tokens rule in the current rules');
  const threeLookups = `(${cur} - ${prev} > 0 or ${cur} unless ${prev} or ${cur} < ${prev}) + 0`;
  assertParses(threeLookups, 'the three-look-back form');
  const curThrice = `${cur} - (${prev} <= ${cur} or ${cur} * 0) > 0`;
  assertParses(curThrice, 'the three-cur form');
  return [
    { label: '`cur` alone (last 15 s)', query: cur },
    { label: `\`prev\` alone (${timing.lookback.text} look-back)`, query: prev },
    { label: 'current rule (`cur` 2×, `prev` once)', query: rule.expr },
    { label: 'previous rule (instant lookups)', query: previousExpr(x) },
    { label: 'same comparison with `prev` 3× (before)', query: threeLookups },
    { label: 'same comparison with `cur` 3× (`prev <= cur or cur * 0`)', query: curThrice },
  ];
}

/** The timings, and whether the three-look-back form's increments add up to the rule's (non-zero series and sum). */
export interface Explained {
  readonly timed: readonly Timed[];
  readonly check: { readonly rule: readonly [number, number]; readonly threeLookups: readonly [number, number] };
}

/** Times every explain query on a server whose rule groups are unloaded (so nothing competes). */
export async function explain(baseUrl: string): Promise<Explained> {
  const queries = explainQueries();
  const timed: Timed[] = [];
  for (const { label, query } of queries) timed.push(await timeQuery(baseUrl, label, query));
  const at = Date.now();
  const totals = async (query: string): Promise<readonly [number, number]> => {
    const [count, sum] = await Promise.all([scalarQuery(baseUrl, `count((${query}) > 0)`, at), scalarQuery(baseUrl, `sum(${query})`, at)]);
    return [count, sum];
  };
  const rule = queries[2]?.query ?? '';
  const threeLookups = queries[4]?.query ?? '';
  return { timed, check: { rule: await totals(rule), threeLookups: await totals(threeLookups) } };
}

/** The explain results as markdown lines. */
export function explainMarkdown(engine: string, { timed, check }: Explained): string[] {
  const same = check.rule[0] === check.threeLookups[0] && Math.abs(check.rule[1] - check.threeLookups[1]) <= 1e-9 * Math.max(1, Math.abs(check.rule[1]));
  return [
    `Where the time goes (Prometheus ${engine}, largest size, \`${metricName('otel-collector', 'tokens')}\` only, \`stats=all\`, median of 3, rules unloaded):`,
    '',
    '| expression | eval time | samples read | result series |',
    '|---|---:|---:|---:|',
    ...timed.map((t) => `| ${t.label} | ${(t.seconds * 1000).toFixed(0)} ms | ${t.samples.toLocaleString('en-US')} | ${t.series.toLocaleString('en-US')} |`),
    '',
    `Check at that instant: ${check.rule[0]} non-zero increments summing to ${check.rule[1]} from the rule, ${check.threeLookups[0]} summing to ${check.threeLookups[1]} from the form with \`prev\` 3× (${same ? 'the same' : 'DIFFERENT'}).`,
  ];
}
