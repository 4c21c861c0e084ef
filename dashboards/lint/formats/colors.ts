/** ANSI colours for the pretty format; identity functions when colour is off. */

/** A palette of text styles. */
export interface Palette {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly green: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const style = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

/** The palette for `enabled` colour output. */
export function palette(enabled: boolean): Palette {
  if (!enabled) {
    const plain = (s: string) => s;
    return { red: plain, yellow: plain, blue: plain, green: plain, dim: plain, bold: plain };
  }
  return { red: style(31, 39), yellow: style(33, 39), blue: style(34, 39), green: style(32, 39), dim: style(2, 22), bold: style(1, 22) };
}
