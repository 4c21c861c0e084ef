/**
 * What a session does in one export interval: API requests (tokens by type, cost priced from the price
 * table, so cache savings have a true value), lines of code, edit decisions, commits, PRs and active time.
 * Token mixes are dominated by cache reads, as in real Claude Code use.
 */
import type { MetricKey } from '../../queries/catalog.js';
import { priceKeyFor, type ModelPrice } from '../../queries/prices.js';
import type { Random } from './random.js';
import { ACCEPT_SOURCES, AUXILIARY_MODEL, EDIT_TOOLS, LANGUAGES, REJECT_SOURCES } from './vocabulary.js';

/** Per-session constants that shape its activity. */
export interface SessionStyle {
  readonly mainModel: string;
  /** `effort` attribute on main-model requests, or undefined. */
  readonly effort: string | undefined;
  /** 0..1: how busy the session is. */
  readonly intensity: number;
  readonly language: string;
}

/** One increment of one metric (metric-specific attributes only). */
export interface Increment {
  readonly metric: MetricKey;
  readonly attributes: Readonly<Record<string, string>>;
  readonly amount: number;
}

/** One API request, for the demo's `api_request` events. */
export interface ApiRequest {
  readonly model: string;
  readonly querySource: string;
  readonly tokens: Readonly<Record<'input' | 'output' | 'cacheRead' | 'cacheCreation', number>>;
  readonly costUsd: number;
}

/** The activity of one interval. */
export interface IntervalActivity {
  readonly increments: Increment[];
  readonly requests: ApiRequest[];
}

/** The price of a model from the table, failing loudly: a model without price would make cost untestable. */
export function priceOf(model: string, prices: Readonly<Record<string, ModelPrice>>): ModelPrice {
  const key = priceKeyFor(model, prices);
  const price = key === undefined ? undefined : prices[key];
  if (!price) throw new Error(`synthetic model ${model} has no entry in the price table`);
  return price;
}

/** Cost of a token mix in USD: tokens × price per million (cacheCreation at the cache-write price). */
export function costOf(tokens: ApiRequest['tokens'], price: ModelPrice): number {
  return (
    (tokens.input * price.input +
      tokens.output * price.output +
      tokens.cacheRead * price.cacheRead +
      tokens.cacheCreation * price.cacheWrite) /
    1_000_000
  );
}

function drawRequest(rng: Random, style: SessionStyle, prices: Readonly<Record<string, ModelPrice>>): ApiRequest {
  const querySource = rng.weighted([
    ['main', 70],
    ['subagent', 18],
    ['auxiliary', 12],
  ] as const);
  const model = querySource === 'auxiliary' ? AUXILIARY_MODEL : style.mainModel;
  const tokens =
    querySource === 'auxiliary'
      ? { input: Math.round(rng.logNormal(900, 0.5)), output: Math.round(rng.logNormal(60, 0.5)), cacheRead: 0, cacheCreation: 0 }
      : {
          input: Math.max(1, Math.round(rng.logNormal(40, 1.2))),
          output: Math.max(1, Math.round(rng.logNormal(450, 0.9))),
          cacheRead: Math.round(rng.logNormal(45_000, 0.6)),
          cacheCreation: Math.round(rng.logNormal(2_500, 1.0)),
        };
  return { model, querySource, tokens, costUsd: costOf(tokens, priceOf(model, prices)) };
}

/** The activity of one export interval of an active session. */
export function drawInterval(
  rng: Random,
  style: SessionStyle,
  prices: Readonly<Record<string, ModelPrice>>,
  intervalSeconds: number,
): IntervalActivity {
  const increments: Increment[] = [];
  const requests: ApiRequest[] = [];
  const requestCount = rng.weighted([
    [0, 1.2 - style.intensity],
    [1, 1],
    [2, 0.6 + style.intensity],
    [3, 0.3 + style.intensity],
    [4, 0.2 * style.intensity],
  ] as const);
  // Tokens and cost are summed per label set, as the SDK aggregates them within one export interval.
  const tokenSums = new Map<string, { attributes: Record<string, string>; byType: Record<string, number>; cost: number }>();
  for (let i = 0; i < requestCount; i++) {
    const request = drawRequest(rng, style, prices);
    requests.push(request);
    const attributes: Record<string, string> = { model: request.model, query_source: request.querySource };
    if (style.effort !== undefined && request.querySource !== 'auxiliary') attributes.effort = style.effort;
    const key = JSON.stringify(attributes);
    const sum = tokenSums.get(key) ?? { attributes, byType: {}, cost: 0 };
    for (const [type, n] of Object.entries(request.tokens)) sum.byType[type] = (sum.byType[type] ?? 0) + n;
    sum.cost += request.costUsd;
    tokenSums.set(key, sum);
  }
  for (const { attributes, byType, cost } of tokenSums.values()) {
    increments.push({ metric: 'cost', attributes, amount: cost });
    for (const [type, n] of Object.entries(byType)) {
      increments.push({ metric: 'tokens', attributes: { ...attributes, type }, amount: n });
    }
  }
  if (requestCount > 0) {
    const cli = Math.min(intervalSeconds, requestCount * rng.uniform(3, 14));
    increments.push({ metric: 'activeTime', attributes: { type: 'cli' }, amount: Math.round(cli * 1000) / 1000 });
  }
  if (rng.chance(0.55)) {
    increments.push({ metric: 'activeTime', attributes: { type: 'user' }, amount: Math.round(rng.uniform(1, 25) * 1000) / 1000 });
  }
  if (requestCount > 0 && rng.chance(0.35)) {
    const decisions = rng.int(1, 3);
    for (let i = 0; i < decisions; i++) {
      const accept = rng.chance(0.85);
      const tool = rng.weighted(EDIT_TOOLS);
      const language = rng.chance(0.8) ? style.language : rng.pick(LANGUAGES);
      increments.push({
        metric: 'editDecisions',
        attributes: {
          tool_name: tool,
          decision: accept ? 'accept' : 'reject',
          source: accept ? rng.pick(ACCEPT_SOURCES) : rng.pick(REJECT_SOURCES),
          language,
        },
        amount: 1,
      });
      if (accept) {
        increments.push({ metric: 'linesOfCode', attributes: { type: 'added', model: style.mainModel }, amount: Math.max(1, Math.round(rng.logNormal(18, 0.9))) });
        if (rng.chance(0.6)) {
          increments.push({ metric: 'linesOfCode', attributes: { type: 'removed', model: style.mainModel }, amount: Math.max(1, Math.round(rng.logNormal(6, 0.9))) });
        }
      }
    }
  }
  if (requestCount > 0 && rng.chance(0.025)) {
    increments.push({ metric: 'commits', attributes: {}, amount: rng.chance(0.85) ? 1 : 2 });
    if (rng.chance(0.2)) increments.push({ metric: 'pullRequests', attributes: {}, amount: 1 });
  }
  return { increments, requests };
}
