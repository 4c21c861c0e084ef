/**
 * Fuzzing: real dashboards (the peer corpus, our fixtures and our built dashboards) mutated with a seeded
 * random generator — values of the wrong type, deleted keys, broken PromQL, cut-off text — are linted,
 * fixed and formatted. Nothing may throw and no rule may fail. Deterministic and bounded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixDashboard, formatFindings, lintSources, parseLintConfig, OUTPUT_FORMATS, type LintSource } from '../../dashboards/lint/index.js';
import { FIXTURES, PEER_DASHBOARDS, REPO_ROOT } from './helpers.js';
import { mulberry32 as prng } from '../../scripts/dev/prng.js';


function seeds(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const addDir = (dir: string, filter: (f: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir).sort()) if (filter(f)) out.push({ name: f, text: readFileSync(path.join(dir, f), 'utf8') });
  };
  addDir(PEER_DASHBOARDS, (f) => f.endsWith('.json'));
  addDir(path.join(REPO_ROOT, 'provisioning/grafana/dashboards/claude-code'), (f) => f.endsWith('.json'));
  for (const rule of readdirSync(FIXTURES).sort()) {
    const good = path.join(FIXTURES, rule, 'good.json');
    if (existsSync(good)) out.push({ name: `${rule}/good.json`, text: readFileSync(good, 'utf8') });
  }
  return out;
}

const PROMQL_BITS = ['(', ')', '[', ']', '{', '}', '"', ',', '=~', '!=', ' by ', ' offset ', '$__range', '$__rate_interval', '[5m]', 'rate(', 'sum(', '/', ' or ', '@', ':', '\\', '#', '${', '[[x]]', '\n'];

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 10);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.floor(r() * 2 ** 31) * (r() < 0.5 ? -1 : 1);
    case 2:
      return r() < 0.5;
    case 3:
      return 'x'.repeat(Math.floor(r() * 20));
    case 4:
      return depth < 3 ? [randomValue(r, depth + 1), randomValue(r, depth + 1)] : [];
    case 5:
      return depth < 3 ? { type: 'row', panels: [randomValue(r, depth + 1)], id: 0 } : {};
    case 6:
      return '${DS_PROMETHEUS}';
    case 7:
      return 'claude_code_session_count_total{model=~"$model"}[30d]';
    case 8:
      return 1e308;
    default:
      return {};
  }
}

/** Every container (object or array) in a JSON value, for picking a mutation point. */
function containers(value: unknown, out: (Record<string, unknown> | unknown[])[] = []): (Record<string, unknown> | unknown[])[] {
  if (value !== null && typeof value === 'object') {
    out.push(value as Record<string, unknown> | unknown[]);
    for (const v of Object.values(value)) containers(v, out);
  }
  return out;
}

function mutate(text: string, r: () => number): string {
  const kind = Math.floor(r() * 6);
  if (kind === 0) return text.slice(0, Math.floor(r() * text.length));
  if (kind === 1) {
    const at = Math.floor(r() * text.length);
    return text.slice(0, at) + String.fromCharCode(Math.floor(r() * 256)) + text.slice(at + 1);
  }
  const json = JSON.parse(text) as unknown;
  const nodes = containers(json);
  const steps = 1 + Math.floor(r() * 4);
  for (let s = 0; s < steps; s++) {
    const node = nodes[Math.floor(r() * nodes.length)];
    if (!node) break;
    const keys = Object.keys(node);
    const key = keys[Math.floor(r() * keys.length)];
    if (key === undefined) continue;
    const obj = node as Record<string, unknown>;
    if (kind === 2) delete obj[key];
    else if (kind === 3) obj[key] = randomValue(r);
    else if (kind === 4 && typeof obj[key] === 'string') {
      const v = obj[key] as string;
      const at = Math.floor(r() * (v.length + 1));
      obj[key] = v.slice(0, at) + PROMQL_BITS[Math.floor(r() * PROMQL_BITS.length)] + v.slice(at + Math.floor(r() * 3));
    } else if (Array.isArray(node) && node.length > 0) node.push(structuredClone(node[Math.floor(r() * node.length)]));
  }
  return JSON.stringify(json, null, r() < 0.5 ? 2 : undefined);
}

describe('fuzz', () => {
  it('mutated real dashboards never crash the linter, its fixes or its formats', () => {
    const corpus = seeds();
    expect(corpus.length).toBeGreaterThan(10);
    const r = prng(20_260_522);
    const config = parseLintConfig({ datasources: { uids: ['prometheus'] } });
    const encoder = new TextEncoder();
    const ITERATIONS = 40;
    const BATCH = 10;
    let linted = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const sources: LintSource[] = [];
      for (let b = 0; b < BATCH; b++) {
        const seed = corpus[Math.floor(r() * corpus.length)] as { name: string; text: string };
        sources.push({ file: `${i}-${b}-${seed.name}`, bytes: encoder.encode(mutate(seed.text, r)) });
      }
      const result = lintSources(sources, { config });
      linted += sources.length;
      const crashed = result.findings.filter((f) => f.message.includes('rule failed'));
      expect(crashed, crashed[0]?.message).toEqual([]);
      for (const file of result.files) if (file.loaded) fixDashboard(file.loaded, file.findings, config);
      for (const format of OUTPUT_FORMATS) expect(typeof formatFindings(result, format, { color: true })).toBe('string');
    }
    expect(linted).toBe(ITERATIONS * BATCH);
  });
});
