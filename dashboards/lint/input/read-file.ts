/**
 * Reads one input file, boundedly: the file type and size come from stat before anything is opened, so
 * a FIFO, a socket or a device (`/dev/zero`) is reported instead of read (a FIFO would block forever, a
 * device never ends), a file above the size limit is reported without being read, and a file that grows
 * while it is read is cut off at the limit plus one byte and reported too.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { LintSource } from '../engine.js';
import { formatSize as mb, MAX_FILE_BYTES } from './load-dashboard.js';

/** What kind of file a stat describes, in words, when it is not a regular file. */
function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a file';
}


function unreadable(file: string, message: string, fix: string): LintSource {
  return { file, bytes: new Uint8Array(), readProblem: { message, fix } };
}

function notRegular(file: string, kind: string): LintSource {
  return unreadable(
    file,
    `${file} is not a regular file (it is ${kind}); it was not read.`,
    'Lint dashboard files only: name the .json files or their folder, not a pipe, socket or device.',
  );
}

function tooLarge(file: string, size: string, maxBytes: number): LintSource {
  return unreadable(
    file,
    `The file is ${size}, above the ${mb(maxBytes)} limit for a dashboard; it was not read.`,
    'Check that this is a dashboard and not a data export (split it if it really is one huge dashboard), or raise the limit with --max-file-mb.',
  );
}

/** Reads at most `limit` bytes from an open descriptor. */
function readAtMost(fd: number, expected: number, limit: number): Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.min(expected + 1, limit));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}

/** The stats of a path, following one symlink; an error code when it cannot be stat'ed. */
function statOf(full: string): Stats | string {
  try {
    const link = lstatSync(full);
    return link.isSymbolicLink() ? statSync(full) : link;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/**
 * Reads one input file for the linter. Never throws and never blocks on a special file.
 * @param file - the name used in findings
 * @param cwd - the directory a relative name is resolved against
 * @param maxBytes - the size limit (default {@link MAX_FILE_BYTES})
 */
export function readInputFile(file: string, cwd: string, maxBytes: number = MAX_FILE_BYTES): LintSource {
  const full = path.resolve(cwd, file);
  const stats = statOf(full);
  if (typeof stats === 'string') return { file, bytes: new Uint8Array(), readError: stats };
  const kind = kindOf(stats);
  if (kind) return notRegular(file, kind);
  if (stats.size > maxBytes) return tooLarge(file, mb(stats.size), maxBytes);
  let fd: number | undefined;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it must not wait for a writer.
    fd = openSync(full, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = kindOf(fstatSync(fd));
    if (opened) return notRegular(file, opened);
    const bytes = readAtMost(fd, stats.size, maxBytes + 1);
    if (bytes.byteLength > maxBytes) return tooLarge(file, `more than ${mb(maxBytes)} (it grew while it was read)`, maxBytes);
    return { file, bytes };
  } catch (error) {
    return { file, bytes: new Uint8Array(), readError: (error as NodeJS.ErrnoException).code ?? String(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
