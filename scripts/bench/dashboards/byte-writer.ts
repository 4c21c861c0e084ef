/**
 * A growable byte buffer with the integer encodings of Prometheus' TSDB files (tsdb/encoding: big-endian
 * fixed widths, Go's uvarint and zig-zag varint, padding), for the benchmark's block writer.
 */
import { crc32c } from './xor-chunk.js';

const encoder = new TextEncoder();

export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  be32(v: number): void {
    this.room(4);
    this.buf[this.length++] = (v >>> 24) & 0xff;
    this.buf[this.length++] = (v >>> 16) & 0xff;
    this.buf[this.length++] = (v >>> 8) & 0xff;
    this.buf[this.length++] = v & 0xff;
  }

  be64(v: number): void {
    this.be32(Math.floor(v / 2 ** 32));
    this.be32(v >>> 0);
  }

  /** Overwrites 4 bytes at `at` (a length written after its section). */
  be32At(at: number, v: number): void {
    this.buf[at] = (v >>> 24) & 0xff;
    this.buf[at + 1] = (v >>> 16) & 0xff;
    this.buf[at + 2] = (v >>> 8) & 0xff;
    this.buf[at + 3] = v & 0xff;
  }

  uvarint(value: number): void {
    let v = value;
    this.room(10);
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }

  varint(value: number): void {
    this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** A uvarint length and the UTF-8 bytes of `s`. */
  string(s: string): void {
    const b = encoder.encode(s);
    this.uvarint(b.length);
    this.bytes(b);
  }

  /** Zero bytes up to the next multiple of `n`. */
  pad(n: number): void {
    const rest = this.length % n;
    if (rest === 0) return;
    this.room(n - rest);
    this.buf.fill(0, this.length, this.length + n - rest);
    this.length += n - rest;
  }

  /** Appends the big-endian CRC-32C of the bytes from `start` to here. */
  crcFrom(start: number): void {
    this.be32(crc32c(this.buf, start, this.length));
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
