/**
 * Finds, for rectangles taken in order of their top edge, the first earlier one each overlaps, in
 * O(n log n): a sweep down the grid with a segment tree over the distinct x edges that keeps, per span
 * of columns, the lowest bottom edge placed so far (and whose it is). A rectangle overlaps an earlier one
 * exactly when some column it spans reaches below its top. Thousands of stacked panels stay cheap.
 */
import type { GridRect } from './grid-position.js';

/** Running maximum over column spans: "raise every column in [l, r] to at least v", "highest in [l, r]". */
class MaxTree {
  private readonly best: Float64Array;
  private readonly bestOf: Int32Array;
  private readonly tag: Float64Array;
  private readonly tagOf: Int32Array;

  constructor(private readonly size: number) {
    const nodes = 4 * Math.max(1, size);
    this.best = new Float64Array(nodes).fill(-Infinity);
    this.tag = new Float64Array(nodes).fill(-Infinity);
    this.bestOf = new Int32Array(nodes).fill(-1);
    this.tagOf = new Int32Array(nodes).fill(-1);
  }

  raise(l: number, r: number, value: number, owner: number, node = 1, lo = 0, hi = this.size - 1): void {
    if (r < lo || hi < l) return;
    if (value > (this.best[node] as number)) {
      this.best[node] = value;
      this.bestOf[node] = owner;
    }
    if (l <= lo && hi <= r) {
      if (value > (this.tag[node] as number)) {
        this.tag[node] = value;
        this.tagOf[node] = owner;
      }
      return;
    }
    const mid = (lo + hi) >> 1;
    this.raise(l, r, value, owner, 2 * node, lo, mid);
    this.raise(l, r, value, owner, 2 * node + 1, mid + 1, hi);
  }

  /** The highest value in [l, r] and its owner (-1 when nothing was raised there). */
  highest(l: number, r: number, node = 1, lo = 0, hi = this.size - 1): { value: number; owner: number } {
    if (r < lo || hi < l) return { value: -Infinity, owner: -1 };
    if (l <= lo && hi <= r) return { value: this.best[node] as number, owner: this.bestOf[node] as number };
    const mid = (lo + hi) >> 1;
    const left = this.highest(l, r, 2 * node, lo, mid);
    const right = this.highest(l, r, 2 * node + 1, mid + 1, hi);
    let out = left.value >= right.value ? left : right;
    if ((this.tag[node] as number) > out.value) out = { value: this.tag[node] as number, owner: this.tagOf[node] as number };
    return out;
  }
}

/**
 * For each rectangle (w and h above 0), the index of an earlier-placed rectangle it overlaps, or -1.
 * "Earlier" is the order of a stable sort by y: of two overlapping rectangles, the lower (or, at the same
 * y, the later in the list) is the one reported.
 * @returns one entry per rectangle, in the input's order
 */
export function firstOverlaps(rects: readonly GridRect[]): number[] {
  const edges = [...new Set(rects.flatMap((r) => [r.x, r.x + r.w]))].sort((a, b) => a - b);
  const column = new Map(edges.map((x, i) => [x, i]));
  const tree = new MaxTree(Math.max(1, edges.length - 1));
  const order = rects.map((_, i) => i).sort((a, b) => (rects[a] as GridRect).y - (rects[b] as GridRect).y || a - b);
  const out = new Array<number>(rects.length).fill(-1);
  for (const i of order) {
    const r = rects[i] as GridRect;
    const l = column.get(r.x) as number;
    const right = (column.get(r.x + r.w) as number) - 1;
    const below = tree.highest(l, right);
    if (below.owner >= 0 && below.value > r.y) out[i] = below.owner;
    tree.raise(l, right, r.y + r.h, i);
  }
  return out;
}
