/**
 * Duration strings as Prometheus and the collector write them: Go durations (`14m`, `1h30m`, `500ms`) in
 * the collector, Prometheus durations (`15s`, `100d`, `2w`, `1y`) in Prometheus, Loki and our configuration.
 * In the lowest layer because the configuration, the recording rules and the stack tools all read durations.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  // Prometheus defines a year as 365 days.
  y: 365 * 86_400_000,
};

const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)/y;

/**
 * Parses a Go or Prometheus duration into milliseconds.
 * Accepts `0` without a unit, as both Go and Prometheus do.
 *
 * @throws Error when the text is not a duration
 */
export function parseDuration(text: string): number {
  const input = text.trim();
  if (input === '0') return 0;
  let total = 0;
  let index = 0;
  PART.lastIndex = 0;
  while (index < input.length) {
    PART.lastIndex = index;
    const match = PART.exec(input);
    if (match === null) throw new Error(`not a duration: "${text}"`);
    const [, amount, unit] = match;
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? Number.NaN);
    index = PART.lastIndex;
  }
  if (input.length === 0 || !Number.isFinite(total)) throw new Error(`not a duration: "${text}"`);
  return total;
}
