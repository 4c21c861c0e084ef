/**
 * Loads scraped series into a running Prometheus through its remote-write receiver
 * (`--web.enable-remote-write-receiver`, Prometheus 2.33+ and 3.x).
 *
 * Why this route: a series that disappears from a scrape gets a staleness marker, and our recording rules
 * read `x offset <scrape interval>`, an instant lookup that a marker cuts short (that is how a series that
 * expired and came back from zero is told apart from growth). Blocks built from OpenMetrics
 * text (`promtool tsdb create-blocks-from openmetrics`) cannot carry markers (the text parser turns `NaN`
 * into an ordinary NaN), so they would keep a vanished series visible for 5 more minutes, which Prometheus
 * never does for scraped data. Remote write stores the marker's exact bit pattern, the way the scrape loop
 * appends it. Samples go out in time order, a slice at a time, so every append lands in the head block's
 * in-order window and compaction happens as it would with live scrapes.
 *
 * The encoding is written here (protobuf `prometheus.WriteRequest`, snappy block format with literal
 * elements only) to avoid dependencies; Prometheus rejects a malformed body, so the suite proves it.
 */
import { STALE_NAN_BITS, type ScrapedSeries } from '../synthetic/exposition.js';

/** A growable byte buffer with the few protobuf primitives the WriteRequest needs. */
class ProtoWriter {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialSize = 256) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  varint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  double(value: number): void {
    this.ensure(8);
    if (Number.isNaN(value)) this.view.setBigUint64(this.length, STALE_NAN_BITS, true);
    else this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const encoder = new TextEncoder();

function varintLength(value: number): number {
  let n = 1;
  let v = value;
  while (v >= 0x80) {
    v = Math.floor(v / 0x80);
    n += 1;
  }
  return n;
}

function encodeLabel(name: string, value: string): Uint8Array {
  const w = new ProtoWriter();
  const n = encoder.encode(name);
  const v = encoder.encode(value);
  w.byte(0x0a);
  w.varint(n.length);
  w.bytes(n);
  w.byte(0x12);
  w.varint(v.length);
  w.bytes(v);
  return w.finish().slice();
}

/** One series' slice of samples, `[from, to)` indexes into its arrays. */
interface SeriesSlice {
  readonly series: ScrapedSeries;
  readonly encodedLabels: readonly Uint8Array[];
  readonly from: number;
  readonly to: number;
}

/** Encodes a `prometheus.WriteRequest` (remote-write 1.0). A `NaN` sample value becomes the staleness marker. */
function encodeWriteRequest(slices: readonly SeriesSlice[]): Uint8Array {
  const out = new ProtoWriter(1 << 20);
  for (const slice of slices) {
    const ts = new ProtoWriter();
    for (const label of slice.encodedLabels) {
      ts.byte(0x0a);
      ts.varint(label.length);
      ts.bytes(label);
    }
    for (let i = slice.from; i < slice.to; i++) {
      // Sample { double value = 1; int64 timestamp = 2; }
      const timestamp = slice.series.timestamps[i] as number;
      ts.byte(0x12);
      ts.varint(1 + 8 + 1 + varintLength(timestamp));
      ts.byte(0x09);
      ts.double(slice.series.values[i] as number);
      ts.byte(0x10);
      ts.varint(timestamp);
    }
    const body = ts.finish();
    out.byte(0x0a);
    out.varint(body.length);
    out.bytes(body);
  }
  return out.finish();
}

/** Snappy block format using literal elements only: valid input for any snappy decoder, no compression. */
export function snappyLiteralBlock(data: Uint8Array): Uint8Array {
  const out = new ProtoWriter(data.length + Math.ceil(data.length / 65_536) * 3 + 10);
  out.varint(data.length);
  const chunk = 65_536;
  for (let offset = 0; offset < data.length; offset += chunk) {
    const part = data.subarray(offset, Math.min(data.length, offset + chunk));
    const n = part.length - 1;
    if (n < 60) {
      out.byte(n << 2);
    } else if (n < 0x100) {
      out.byte(60 << 2);
      out.byte(n);
    } else {
      out.byte(61 << 2);
      out.byte(n & 0xff);
      out.byte(n >> 8);
    }
    out.bytes(part);
  }
  return out.finish();
}

/** How to slice the upload. */
export interface PushOptions {
  /** Time span per request (ms). Must stay under half the TSDB block range (1 h) to stay appendable. */
  readonly sliceMs?: number;
}

/**
 * Pushes all samples to `${baseUrl}/api/v1/write` in time order. Resolves when Prometheus has committed
 * everything; rejects with Prometheus' error text otherwise.
 */
export async function pushSeries(baseUrl: string, series: readonly ScrapedSeries[], options: PushOptions = {}): Promise<{ requests: number; samples: number }> {
  const sliceMs = options.sliceMs ?? 30 * 60_000;
  const encodedLabels = series.map((s) => s.labels.map(([n, v]) => encodeLabel(n, v)));
  const cursor = new Array<number>(series.length).fill(0);
  let minTime = Number.POSITIVE_INFINITY;
  let maxTime = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    if (s.timestamps.length === 0) continue;
    minTime = Math.min(minTime, s.timestamps[0] as number);
    maxTime = Math.max(maxTime, s.timestamps[s.timestamps.length - 1] as number);
  }
  let requests = 0;
  let samples = 0;
  for (let from = minTime; from <= maxTime; from += sliceMs) {
    const until = from + sliceMs;
    const slices: SeriesSlice[] = [];
    series.forEach((s, i) => {
      const start = cursor[i] as number;
      let end = start;
      while (end < s.timestamps.length && (s.timestamps[end] as number) < until) end += 1;
      if (end > start) slices.push({ series: s, encodedLabels: encodedLabels[i] as Uint8Array[], from: start, to: end });
      cursor[i] = end;
    });
    if (slices.length === 0) continue;
    const body = snappyLiteralBlock(encodeWriteRequest(slices));
    const response = await fetch(`${baseUrl}/api/v1/write`, {
      method: 'POST',
      headers: {
        'Content-Encoding': 'snappy',
        'Content-Type': 'application/x-protobuf',
        'X-Prometheus-Remote-Write-Version': '0.1.0',
      },
      body,
    });
    if (!response.ok) {
      throw new Error(`remote write to ${baseUrl} failed (${response.status}): ${(await response.text()).slice(0, 500)}`);
    }
    requests += 1;
    samples += slices.reduce((n, s) => n + s.to - s.from, 0);
  }
  return { requests, samples };
}
