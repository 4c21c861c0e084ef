/**
 * Writes one Prometheus TSDB block directory (meta.json, chunks/000001…, index), the format of
 * tsdb/docs/format/{index,chunks}.md that Prometheus 2.x and 3.x both read: index version 2, XOR chunks
 * (xor-chunk.ts). The series go in sorted by their label sets, each series' chunks in time order.
 *
 * Why: see xor-chunk.ts; a month of a large organisation goes into a Prometheus in the time it takes to
 * simulate it, and the engine then opens the blocks as its own (the benchmark checks that it holds every
 * sample that was written). The index holds what the reader uses (symbols, series, postings and the
 * postings offset table); the label indices are written empty, as no reader since index v2 reads them.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ByteWriter } from './byte-writer.js';
import type { XorChunk } from './xor-chunk.js';

/** One series of a block: labels sorted by name (`__name__` included) and its chunks in time order. */
export interface BlockSeries {
  readonly labels: readonly (readonly [string, string])[];
  readonly chunks: readonly XorChunk[];
}

/** What was written. */
export interface WrittenBlock {
  readonly ulid: string;
  readonly minTime: number;
  readonly maxTime: number;
  readonly series: number;
  readonly samples: number;
  readonly chunks: number;
}

const SEGMENT_MAX_BYTES = 512 * 2 ** 20;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (48-bit time, 80 random bits, Crockford base32): the block's directory name. */
export function ulid(timeMs: number): string {
  let value = (BigInt(timeMs) << 80n) | BigInt(`0x${randomBytes(10).toString('hex')}`);
  let out = '';
  for (let i = 0; i < 26; i++, value >>= 5n) out = (CROCKFORD[Number(value & 31n)] as string) + out;
  return out;
}

/** Writes the chunk segments; returns each chunk's reference (segment << 32 | offset), series by series. */
function writeChunks(dir: string, series: readonly BlockSeries[]): number[][] {
  mkdirSync(join(dir, 'chunks'));
  const refs: number[][] = [];
  let segment = -1;
  let fd = -1;
  let offset = 0;
  let out = new ByteWriter(1 << 20);
  const flush = (): void => {
    writeSync(fd, out.view());
    out = new ByteWriter(1 << 20);
  };
  const cut = (): void => {
    if (fd >= 0) {
      flush();
      closeSync(fd);
    }
    segment++;
    fd = openSync(join(dir, 'chunks', String(segment + 1).padStart(6, '0')), 'w');
    out.be32(0x85bd40dd);
    out.byte(1);
    out.bytes(new Uint8Array(3));
    offset = 8;
  };
  cut();
  for (const s of series) {
    const mine: number[] = [];
    for (const chunk of s.chunks) {
      const data = chunk.bytes();
      if (offset + data.length + 10 > SEGMENT_MAX_BYTES) cut();
      mine.push(segment * 2 ** 32 + offset);
      const start = out.length;
      out.uvarint(data.length);
      const encoding = out.length;
      out.byte(1); // EncXOR
      out.bytes(data);
      out.crcFrom(encoding);
      offset += out.length - start;
      if (out.length > 8 * 2 ** 20) flush();
    }
    refs.push(mine);
  }
  flush();
  closeSync(fd);
  return refs;
}

/** A section with a 4-byte length before and a CRC-32C after its body (symbols, postings, tables). */
function section(w: ByteWriter, body: (w: ByteWriter) => void): void {
  const lengthAt = w.length;
  w.be32(0);
  body(w);
  w.be32At(lengthAt, w.length - lengthAt - 4);
  w.crcFrom(lengthAt + 4);
}

/** A series with its labels as symbol references: name, value, name, value, ... */
interface Interned {
  readonly series: BlockSeries;
  readonly ids: Uint32Array;
}

/** labels.Compare on the references (the symbols are sorted, so their order is the strings' order). */
function compareIds(a: Interned, b: Interned): number {
  const n = Math.min(a.ids.length, b.ids.length);
  for (let i = 0; i < n; i++) if (a.ids[i] !== b.ids[i]) return (a.ids[i] as number) - (b.ids[i] as number);
  return a.ids.length - b.ids.length;
}

/** One series entry: labels as symbol references, chunk metas delta-encoded (index.md "Series"). */
function seriesEntry(w: ByteWriter, { series: s, ids }: Interned, refs: readonly number[]): void {
  const body = new ByteWriter(256);
  body.uvarint(ids.length / 2);
  for (const id of ids) body.uvarint(id);
  body.uvarint(s.chunks.length);
  let prevMaxt = 0;
  let prevRef = 0;
  s.chunks.forEach((c, i) => {
    const ref = refs[i] as number;
    if (i === 0) {
      body.varint(c.minTime);
      body.uvarint(c.maxTime - c.minTime);
      body.uvarint(ref);
    } else {
      body.uvarint(c.minTime - prevMaxt);
      body.uvarint(c.maxTime - c.minTime);
      body.varint(ref - prevRef);
    }
    prevMaxt = c.maxTime;
    prevRef = ref;
  });
  w.uvarint(body.length);
  const start = w.length;
  w.bytes(body.view());
  w.crcFrom(start);
}

function writeIndex(path: string, symbols: readonly string[], series: readonly Interned[], refs: readonly number[][]): void {
  const w = new ByteWriter(1 << 20);
  w.be32(0xbaaad700);
  w.byte(2);
  const toc = { symbols: w.length, series: 0, labelIndices: 0, labelTable: 0, postings: 0, postingsTable: 0 };
  section(w, (b) => {
    b.be32(symbols.length);
    for (const s of symbols) b.string(s);
  });
  toc.series = w.length;
  // The series ids of each label pair, keyed by name reference × symbols + value reference.
  const postings = new Map<number, number[]>();
  const all: number[] = [];
  series.forEach((s, i) => {
    w.pad(16);
    const id = w.length / 16;
    all.push(id);
    for (let k = 0; k < s.ids.length; k += 2) {
      const key = (s.ids[k] as number) * symbols.length + (s.ids[k + 1] as number);
      const list = postings.get(key);
      if (list) list.push(id);
      else postings.set(key, [id]);
    }
    seriesEntry(w, s, refs[i] as number[]);
  });
  toc.labelIndices = w.length;
  w.pad(4);
  toc.postings = w.length;
  const offsets: [string, string, number][] = [];
  const posting = (name: string, value: string, ids: readonly number[]): void => {
    w.pad(4);
    offsets.push([name, value, w.length]);
    section(w, (b) => {
      b.be32(ids.length);
      for (const id of ids) b.be32(id);
    });
  };
  posting('', '', all);
  for (const key of [...postings.keys()].sort((x, y) => x - y)) {
    posting(symbols[Math.floor(key / symbols.length)] as string, symbols[key % symbols.length] as string, postings.get(key) as number[]);
  }
  toc.labelTable = w.length;
  section(w, (b) => b.be32(0));
  toc.postingsTable = w.length;
  section(w, (b) => {
    b.be32(offsets.length);
    for (const [name, value, offset] of offsets) {
      b.uvarint(2);
      b.string(name);
      b.string(value);
      b.uvarint(offset);
    }
  });
  const tocStart = w.length;
  for (const ref of [toc.symbols, toc.series, toc.labelIndices, toc.labelTable, toc.postings, toc.postingsTable]) w.be64(ref);
  w.crcFrom(tocStart);
  writeFileSync(path, w.view());
}

/** The sorted symbols of every series and the series with their references, sorted as the index wants them. */
function intern(series: Iterable<BlockSeries>): { symbols: string[]; sorted: Interned[] } {
  const names = new Set<string>();
  for (const s of series) for (const [n, v] of s.labels) names.add(n).add(v);
  const symbols = [...names].sort();
  const symbol = new Map(symbols.map((s, i) => [s, i]));
  const sorted: Interned[] = [];
  for (const s of series) {
    const ids = new Uint32Array(s.labels.length * 2);
    s.labels.forEach(([n, v], i) => {
      ids[2 * i] = symbol.get(n) as number;
      ids[2 * i + 1] = symbol.get(v) as number;
    });
    sorted.push({ series: s, ids });
  }
  return { symbols, sorted: sorted.sort(compareIds) };
}

/** One block to write: where, and its series (in any order; series without chunks are left out). */
export interface BlockVariant {
  readonly parent: string;
  readonly series: readonly BlockSeries[];
}

/**
 * Writes the block [minTime, maxTime) once per variant (e.g. without and with the rules' series). The
 * variants share one symbol table (a variant may carry a few symbols it does not use, which readers
 * allow), so the labels are interned and sorted once.
 */
export function writeBlocks(minTime: number, maxTime: number, level: number, variants: readonly BlockVariant[]): WrittenBlock[] {
  const union = new Set(variants.flatMap((v) => v.series.filter((s) => s.chunks.length > 0)));
  const { symbols, sorted } = intern(union);
  return variants.map(({ parent, series: members }) => {
    const mine = new Set(members);
    const series = sorted.filter((s) => mine.has(s.series));
    const id = ulid(maxTime);
    const dir = join(parent, id);
    mkdirSync(dir);
    const refs = writeChunks(dir, series.map((s) => s.series));
    writeIndex(join(dir, 'index'), symbols, series, refs);
    const samples = series.reduce((n, s) => n + s.series.chunks.reduce((m, c) => m + c.samples, 0), 0);
    const chunks = refs.reduce((n, r) => n + r.length, 0);
    const meta = { ulid: id, minTime, maxTime, stats: { numSamples: samples, numSeries: series.length, numChunks: chunks }, compaction: { level, sources: [id] }, version: 1 };
    writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(meta, null, '\t')}\n`);
    return { ulid: id, minTime, maxTime, series: series.length, samples, chunks };
  });
}
