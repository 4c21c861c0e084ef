/**
 * Where each part of an adapted dashboard came from. The v2 adapter builds a classic (v1) view of a v2
 * dashboard so the rules walk one model; every object and renamed field of that view is recorded here
 * with the JSON Pointer of its original in the file, so findings, line numbers and SARIF regions point
 * into the v2 file, not into the view.
 */
import { join } from '../model/json.js';

/** Maps JSON Pointers of the classic view to JSON Pointers of the file. */
export class PointerMap {
  private readonly map = new Map<string, string>();

  /** Records that the view's `viewPointer` (and, unless mapped more precisely, everything below it) is at `filePointer`. */
  set(viewPointer: string, filePointer: string): void {
    this.map.set(viewPointer, filePointer);
  }

  /** Records each key of `keys` below `viewBase` as the same key below `fileBase`. */
  setKeys(viewBase: string, fileBase: string, keys: Iterable<string>): void {
    for (const key of keys) this.set(join(viewBase, key), join(fileBase, key));
  }

  /**
   * The file pointer of a view pointer: the longest recorded ancestor, with the rest of the pointer
   * appended unchanged (fields the adapter copied verbatim keep their names).
   */
  toFile(viewPointer: string): string {
    for (let p = viewPointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const mapped = this.map.get(p);
      if (mapped !== undefined) return mapped + viewPointer.slice(p.length);
      if (p === '') return viewPointer;
    }
  }
}

