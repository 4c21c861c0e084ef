/**
 * Prometheus' float chunk encoding (tsdb/chunkenc/xor.go: Gorilla-style delta-of-delta timestamps and
 * XOR'd values, bit for bit) and the CRC-32C (Castagnoli) checksum its files carry, for the dashboard
 * benchmark's TSDB block writer (tsdb-block.ts).
 *
 * Why in TypeScript: a month of a 1,000-user organisation is some 430 million samples. Remote write
 * takes them at a few hundred thousand a second on this 2-core machine (scripts/bench/rules.ts: 20 to
 * 30 minutes for that month alone), and the OpenMetrics text `promtool tsdb create-blocks-from
 * openmetrics` reads would be some 200 GB. Writing the blocks the way Prometheus' compactor leaves them
 * is bounded by the simulation itself, and the engine then reads exactly what it would have written.
 */

const CASTAGNOLI = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  CASTAGNOLI[n] = c >>> 0;
}

/** CRC-32C of `bytes[start, end)`, as Go's `crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))`. */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = (CASTAGNOLI[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Prometheus' staleness marker, as the two 32-bit halves of its float64 bits (0x7ff0000000000002). */
const STALE_HI = 0x7ff00000;
const STALE_LO = 0x00000002;
const TWO_32 = 2 ** 32;
const floatBits = new Float64Array(1);
const floatWords = new Uint32Array(floatBits.buffer);
/** Index of the high word in `floatWords` (1 on little-endian machines). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

const clz64 = (hi: number, lo: number): number => (hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo));
const ctz32 = (x: number): number => 31 - Math.clz32(x & -x);
const ctz64 = (hi: number, lo: number): number => (lo !== 0 ? ctz32(lo) : 32 + ctz32(hi));

/** One XOR chunk being appended to; `bytes()` is its data (2-byte sample count, then the bit stream). */
export class XorChunk {
  private buf = new Uint8Array(128);
  /** Bits written, the 16 header bits included. */
  private pos = 16;
  samples = 0;
  minTime = 0;
  maxTime = 0;
  private tDelta = 0;
  private hi = 0;
  private lo = 0;
  private leading = 0xff;
  private trailing = 0;

  /** Writes the low `n` (≤ 32) bits of `v`, most significant first. */
  private bits(v: number, n: number): void {
    if (this.pos + n > this.buf.length * 8) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    let left = n;
    while (left > 0) {
      const free = 8 - (this.pos & 7);
      const take = free < left ? free : left;
      const chunk = (v >>> (left - take)) & ((1 << take) - 1);
      this.buf[this.pos >>> 3] = (this.buf[this.pos >>> 3] as number) | (chunk << (free - take));
      this.pos += take;
      left -= take;
    }
  }

  /** The `n` (≤ 64) low bits of the 64-bit value `hi:lo` shifted right by `shift`. */
  private bits64(hi: number, lo: number, shift: number, n: number): void {
    let h = hi;
    let l = lo;
    if (shift >= 32) {
      l = hi >>> (shift - 32);
      h = 0;
    } else if (shift > 0) {
      l = ((lo >>> shift) | (hi << (32 - shift))) >>> 0;
      h = hi >>> shift;
    }
    if (n > 32) {
      this.bits(h, n - 32);
      this.bits(l, 32);
    } else this.bits(l, n);
  }

  private uvarint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.bits((v % 0x80) | 0x80, 8);
      v = Math.floor(v / 0x80);
    }
    this.bits(v, 8);
  }

  /** xor.go `xorWrite`: the value as its XOR with the previous one. */
  private value(hi: number, lo: number): void {
    const dh = (hi ^ this.hi) >>> 0;
    const dl = (lo ^ this.lo) >>> 0;
    this.hi = hi;
    this.lo = lo;
    if (dh === 0 && dl === 0) return this.bits(0, 1);
    this.bits(1, 1);
    let leading = clz64(dh, dl);
    const trailing = ctz64(dh, dl);
    if (leading >= 32) leading = 31;
    if (this.leading !== 0xff && leading >= this.leading && trailing >= this.trailing) {
      this.bits(0, 1);
      return this.bits64(dh, dl, this.trailing, 64 - this.leading - this.trailing);
    }
    this.leading = leading;
    this.trailing = trailing;
    const significant = 64 - leading - trailing;
    this.bits(1, 1);
    this.bits(leading, 5);
    this.bits(significant & 63, 6);
    this.bits64(dh, dl, trailing, significant);
  }

  /** xor.go `Append`; a `NaN` value is written as the staleness marker. */
  append(t: number, v: number): void {
    let hi = STALE_HI;
    let lo = STALE_LO;
    if (!Number.isNaN(v)) {
      floatBits[0] = v;
      hi = floatWords[HI] as number;
      lo = floatWords[1 - HI] as number;
    }
    if (this.samples === 0) {
      this.uvarint(t * 2); // zig-zag varint of a positive timestamp
      this.bits(hi, 32);
      this.bits(lo, 32);
      this.hi = hi;
      this.lo = lo;
      this.minTime = t;
    } else {
      const delta = t - this.maxTime;
      if (this.samples === 1) this.uvarint(delta);
      else this.dod(delta - this.tDelta);
      this.value(hi, lo);
      this.tDelta = delta;
    }
    this.maxTime = t;
    this.samples++;
  }

  /** The delta of deltas in xor.go's buckets: 14, 17 or 20 bits (bitRange: −(2^(n−1) − 1) ≤ dod ≤ 2^(n−1)), else 64. */
  private dod(dod: number): void {
    if (dod === 0) return this.bits(0, 1);
    if (dod >= -8191 && dod <= 8192) return this.bits((0b10 << 14) | (dod & 0x3fff), 16);
    if (dod >= -65535 && dod <= 65536) return this.bits((0b110 << 17) | (dod & 0x1ffff), 20);
    if (dod >= -524287 && dod <= 524288) return this.bits((0b1110 << 20) | (dod & 0xfffff), 24);
    this.bits(0b1111, 4);
    const high = Math.floor(dod / TWO_32);
    this.bits(high >>> 0, 32);
    this.bits((dod - high * TWO_32) >>> 0, 32);
  }

  /** The chunk's data: the sample count (big-endian uint16) and the bit stream, zero-padded to a byte. */
  bytes(): Uint8Array {
    this.buf[0] = this.samples >>> 8;
    this.buf[1] = this.samples & 0xff;
    return this.buf.subarray(0, Math.ceil(this.pos / 8));
  }
}
