/**
 * Reads the samples of a TSDB directory with `promtool tsdb dump`, so blocks that promtool wrote (the
 * recording-rule backfill) can be replayed into a running Prometheus over remote write instead of being
 * moved into its data directory.
 *
 * Each output line is one sample: `{__name__="m", a="b"} <value> <timestamp ms>`. Label sets are Go's
 * `labels.String()`: values (and, on Prometheus 3, names that are not legacy identifiers, e.g.
 * `"user.email"`) are written with `strconv.Quote`, values with `strconv.FormatFloat(v, 'g', -1, 64)`,
 * the shortest text that reads back as the same float64.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ScrapedSeries } from '../synthetic/exposition.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** Decodes a Go double-quoted string literal starting at `text[start]` (the opening quote). */
function readQuoted(text: string, start: number): { value: string; end: number } {
  if (text[start] !== '"') throw new Error(`expected '"' at column ${start + 1}`);
  let value = '';
  // Raw bytes (`\xNN`, octal) are collected and decoded as UTF-8 together: Go writes invalid UTF-8 that way.
  let bytes: number[] = [];
  const flushBytes = (): void => {
    if (bytes.length === 0) return;
    value += new TextDecoder().decode(Uint8Array.from(bytes));
    bytes = [];
  };
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    const backslash = text.indexOf('\\', i);
    if (quote < 0) throw new Error('unterminated quoted string');
    const stop = backslash < 0 || quote < backslash ? quote : backslash;
    const e = stop === quote ? '' : (text[backslash + 1] ?? '');
    // Pending raw bytes end at anything that is not another raw byte.
    if (stop > i || !(e === 'x' || /[0-7]/.test(e))) flushBytes();
    value += text.slice(i, stop);
    if (stop === quote) return { value, end: quote + 1 };
    if (e in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[e] as string;
      i = backslash + 2;
    } else if (e === 'x') {
      bytes.push(parseInt(text.slice(backslash + 2, backslash + 4), 16));
      i = backslash + 4;
    } else if (/[0-7]/.test(e)) {
      bytes.push(parseInt(text.slice(backslash + 1, backslash + 4), 8));
      i = backslash + 4;
    } else if (e === 'u' || e === 'U') {
      const digits = e === 'u' ? 4 : 8;
      value += String.fromCodePoint(parseInt(text.slice(backslash + 2, backslash + 2 + digits), 16));
      i = backslash + 2 + digits;
    } else {
      throw new Error(`unknown escape "\\${e}" at column ${backslash + 1}`);
    }
  }
}

/** One parsed dump line. */
export interface DumpedSample {
  /** Label pairs sorted by name, `__name__` included. */
  readonly labels: readonly (readonly [string, string])[];
  readonly value: number;
  readonly timestamp: number;
}

/** Parses one line of `promtool tsdb dump` output. Throws with the reason on anything else. */
export function parseDumpLine(line: string): DumpedSample {
  if (!line.startsWith('{')) throw new Error(`not a dump line: ${line.slice(0, 80)}`);
  const labels: [string, string][] = [];
  let i = 1;
  while (line[i] !== '}') {
    let name: string;
    if (line[i] === '"') {
      const quoted = readQuoted(line, i);
      name = quoted.value;
      i = quoted.end;
    } else {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i));
      if (!match) throw new Error(`expected a label name at column ${i + 1}: ${line.slice(0, 80)}`);
      name = match[0];
      i += name.length;
    }
    if (line[i] !== '=') throw new Error(`expected '=' at column ${i + 1}: ${line.slice(0, 80)}`);
    const value = readQuoted(line, i + 1);
    labels.push([name, value.value]);
    i = value.end;
    if (line.startsWith(', ', i)) i += 2;
    else if (line[i] !== '}') throw new Error(`expected ', ' or '}' at column ${i + 1}: ${line.slice(0, 80)}`);
  }
  const rest = line.slice(i + 1).trim().split(' ');
  if (rest.length !== 2) throw new Error(`expected "<value> <timestamp>" after the labels: ${line.slice(0, 80)}`);
  const text = rest[0] as string;
  const value = text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
  const timestamp = Number(rest[1]);
  if (!Number.isInteger(timestamp) || (Number.isNaN(value) && text !== 'NaN')) {
    throw new Error(`bad value or timestamp: ${line.slice(0, 80)}`);
  }
  labels.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { labels, value, timestamp };
}

/**
 * Every sample of the TSDB directory `dir` (blocks only: promtool's dump also replays a WAL, so an empty
 * `wal/` is created when there is none), grouped into series with their samples in time order.
 */
export async function dumpSeries(promtool: string, dir: string): Promise<ScrapedSeries[]> {
  mkdirSync(join(dir, 'wal'), { recursive: true });
  const child = spawn(promtool, ['tsdb', 'dump', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
  const bySeries = new Map<string, { labels: readonly (readonly [string, string])[]; timestamps: number[]; values: number[] }>();
  let lineNumber = 0;
  try {
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
      lineNumber += 1;
      if (line === '') continue;
      const sample = parseDumpLine(line);
      // Remote write would turn a NaN into a staleness marker; recording-rule increments are never NaN.
      if (Number.isNaN(sample.value)) throw new Error(`a NaN sample cannot be replayed: ${line.slice(0, 120)}`);
      const key = JSON.stringify(sample.labels);
      let series = bySeries.get(key);
      if (!series) {
        series = { labels: sample.labels, timestamps: [], values: [] };
        bySeries.set(key, series);
      }
      series.timestamps.push(sample.timestamp);
      series.values.push(sample.value);
    }
  } catch (error) {
    child.kill();
    throw new Error(`promtool tsdb dump ${dir}, line ${lineNumber}: ${(error as Error).message}`);
  }
  const code = await exited;
  if (code !== 0) throw new Error(`promtool tsdb dump ${dir} exited with ${code}:\n${stderr}`);
  const series = [...bySeries.values()];
  for (const s of series) {
    for (let i = 1; i < s.timestamps.length; i++) {
      if ((s.timestamps[i] as number) <= (s.timestamps[i - 1] as number)) {
        throw new Error(`promtool tsdb dump ${dir}: samples of ${s.labels.map(([n, v]) => `${n}="${v}"`).join(', ')} are not in time order`);
      }
    }
  }
  return series;
}
