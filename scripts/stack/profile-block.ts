/**
 * A marked block in a shell profile that `claude:env --write-profile` owns: written once, replaced
 * in place on later runs, never duplicated, and nothing outside the markers is touched.
 */

/** First line of the block; also how later runs find it. */
export const BLOCK_START = '# >>> claude-code-dashboards: Claude Code telemetry >>>';
/** Last line of the block. */
export const BLOCK_END = '# <<< claude-code-dashboards: Claude Code telemetry <<<';

/** Thrown when a profile holds a damaged block (markers missing, repeated or out of order). */
export class DamagedBlockError extends Error {}

/**
 * Returns `text` with our marked block set to `lines`: replaces the existing block, or appends one.
 *
 * @param text - current profile contents ('' for a new file)
 * @param lines - block body, without the markers
 * @throws DamagedBlockError when the markers are not exactly one start followed by one end
 */
export function upsertBlock(text: string, lines: readonly string[]): string {
  const block = [BLOCK_START, ...lines, BLOCK_END].join('\n');
  const source = text.split('\n');
  const starts = source.flatMap((line, i) => (line.trim() === BLOCK_START ? [i] : []));
  const ends = source.flatMap((line, i) => (line.trim() === BLOCK_END ? [i] : []));
  if (starts.length === 0 && ends.length === 0) {
    if (text === '') return `${block}\n`;
    const separator = text.endsWith('\n') ? '\n' : '\n\n';
    return `${text}${separator}${block}\n`;
  }
  const [start] = starts;
  const [end] = ends;
  if (starts.length !== 1 || ends.length !== 1 || start === undefined || end === undefined || end < start) {
    throw new DamagedBlockError(
      `found ${starts.length} start and ${ends.length} end markers; fix or remove the block by hand`,
    );
  }
  return [...source.slice(0, start), block, ...source.slice(end + 1)].join('\n');
}
