/**
 * Remote write for the recording-rule benchmark: the same `prometheus.WriteRequest` as the project's client
 * (scripts/accuracy/remote-write.ts, whose snappy framing and staleness-marker bits it reuses), but with
 * each series' labels encoded once for its whole life and every request written into one exactly sized
 * buffer: the benchmark pushes some 20 million samples of 100,000+ series per size, and re-encoding the
 * labels of every series for every request would take longer than Prometheus needs to ingest them.
 */
import { snappyLiteralBlock } from '../../accuracy/remote-write.js';
import { STALE_NAN_BITS } from '../../synthetic/exposition.js';

const encoder = new TextEncoder();

/** Pending samples of one series, its sorted labels, and (cached here) those labels encoded. */
export interface PendingSeries {
  encoded: Uint8Array | undefined;
  readonly labels: () => readonly (readonly [string, string])[];
  readonly timestamps: number[];
  readonly values: number[];
}

/** Encoded `Label` fields by name and value: most pairs (job, model, user, session) recur in many series. */
const pairCache = new Map<string, Uint8Array>();
const PAIR_CACHE_LIMIT = 500_000;

/** `TimeSeries.labels` of `series`, encoded once per series. */
function labelBytes(series: PendingSeries): Uint8Array {
  if (series.encoded) return series.encoded;
  if (pairCache.size > PAIR_CACHE_LIMIT) pairCache.clear();
  const parts = series.labels().map(([n, v]) => {
    const key = `${n}\xff${v}`;
    let bytes = pairCache.get(key);
    if (!bytes) pairCache.set(key, (bytes = encodeLabels([[n, v]])));
    return bytes;
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  series.encoded = out;
  return out;
}

function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) n += 1;
  return n;
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  let i = at;
  let v = value;
  while (v >= 0x80) {
    out[i++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[i++] = v;
  return i;
}

/** `TimeSeries.labels` (field 1, repeated `Label{name = 1, value = 2}`) for sorted label pairs. */
export function encodeLabels(labels: readonly (readonly [string, string])[]): Uint8Array {
  const parts = labels.map(([n, v]) => [encoder.encode(n), encoder.encode(v)] as const);
  const labelLength = (n: Uint8Array, v: Uint8Array): number => 2 + varintLength(n.length) + n.length + varintLength(v.length) + v.length;
  const total = parts.reduce((sum, [n, v]) => sum + 1 + varintLength(labelLength(n, v)) + labelLength(n, v), 0);
  const out = new Uint8Array(total);
  let i = 0;
  for (const [n, v] of parts) {
    out[i++] = 0x0a;
    i = writeVarint(out, i, labelLength(n, v));
    out[i++] = 0x0a;
    i = writeVarint(out, i, n.length);
    out.set(n, i);
    i += n.length;
    out[i++] = 0x12;
    i = writeVarint(out, i, v.length);
    out.set(v, i);
    i += v.length;
  }
  return out;
}

/** Bytes of one `Sample{double value = 1; int64 timestamp = 2}` field, tag and length included. */
function sampleFieldLength(timestamp: number): number {
  const body = 1 + 8 + 1 + varintLength(timestamp);
  return 1 + varintLength(body) + body;
}

/** Bytes of the `TimeSeries` body of `labels` and `timestamps`. */
function seriesBodyLength(labels: Uint8Array, timestamps: readonly number[]): number {
  let n = labels.length;
  for (const t of timestamps) n += sampleFieldLength(t);
  return n;
}

/** The WriteRequest of every pending sample; `NaN` values become Prometheus' staleness marker. */
export function encodePending(series: readonly PendingSeries[]): Uint8Array {
  const labels = series.map(labelBytes);
  const bodies = series.map((s, k) => seriesBodyLength(labels[k] as Uint8Array, s.timestamps));
  let total = 0;
  for (const b of bodies) total += 1 + varintLength(b) + b;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let i = 0;
  for (let k = 0; k < series.length; k++) {
    const { timestamps, values } = series[k] as PendingSeries;
    const label = labels[k] as Uint8Array;
    out[i++] = 0x0a;
    i = writeVarint(out, i, bodies[k] as number);
    out.set(label, i);
    i += label.length;
    for (let j = 0; j < timestamps.length; j++) {
      const t = timestamps[j] as number;
      const value = values[j] as number;
      out[i++] = 0x12;
      out[i++] = 1 + 8 + 1 + varintLength(t);
      out[i++] = 0x09;
      if (Number.isNaN(value)) view.setBigUint64(i, STALE_NAN_BITS, true);
      else view.setFloat64(i, value, true);
      i += 8;
      out[i++] = 0x10;
      i = writeVarint(out, i, t);
    }
  }
  return out;
}

/** Encoded bytes per request at most: Prometheus 3 refuses bodies that decode to more than 32 MiB. */
const MAX_REQUEST_BYTES = 16 * 2 ** 20;

/** Splits `series` into runs whose requests stay under MAX_REQUEST_BYTES (estimated; a series is never split). */
function requestGroups(series: readonly PendingSeries[]): PendingSeries[][] {
  const groups: PendingSeries[][] = [];
  let group: PendingSeries[] = [];
  let bytes = 0;
  for (const s of series) {
    const size = 600 + 20 * s.timestamps.length;
    if (group.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(s);
    bytes += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

async function post(baseUrl: string, body: Uint8Array): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/write`, {
    method: 'POST',
    headers: { 'Content-Encoding': 'snappy', 'Content-Type': 'application/x-protobuf', 'X-Prometheus-Remote-Write-Version': '0.1.0' },
    body,
  });
  if (!response.ok) throw new Error(`remote write to ${baseUrl} failed (${response.status}): ${(await response.text()).slice(0, 500)}`);
}

/**
 * Encodes the pending samples of `series` and forgets them at once (so the caller may append the next
 * ones while this is in flight), then writes them to every server in `baseUrls`; resolves to the
 * number of samples once all servers have committed them.
 */
export async function pushPending(baseUrls: readonly string[], series: readonly PendingSeries[]): Promise<number> {
  const samples = series.reduce((n, s) => n + s.timestamps.length, 0);
  const bodies = requestGroups(series).map((group) => snappyLiteralBlock(encodePending(group)));
  for (const s of series) {
    s.timestamps.length = 0;
    s.values.length = 0;
  }
  for (const body of bodies) await Promise.all(baseUrls.map((url) => post(url, body)));
  return samples;
}
