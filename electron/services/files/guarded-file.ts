/**
 * Reading and writing our small JSON files (settings, secrets) when the file may not be what
 * it seems: a symbolic link (a write would follow it and overwrite another file), a FIFO (a
 * read would wait forever), a device such as /dev/zero (a read would never end), a huge
 * file, a read-only file the person made read-only on purpose. None of these is followed,
 * opened, grown into memory or changed; each gets a sentence saying what it is.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type GuardedRead = { kind: 'missing' } | { kind: 'ok'; text: string } | { kind: 'refused'; reason: string };

/** Thrown when a file is not written; `message` is for the person. */
export class FileRefusal extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK, O_WRONLY, O_CREAT, O_EXCL } = fs.constants;

/** Reads `filePath` as UTF-8 text (a leading BOM dropped), refusing links, non-regular files and files over `maxBytes`. */
export function readGuardedFile(filePath: string, maxBytes: number): GuardedRead {
  const name = path.basename(filePath);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'refused', reason: `${name} could not be read (${describeFsError(error)}).` };
  }
  const odd = oddFile(name, stat);
  if (odd) return { kind: 'refused', reason: `${odd}, so it was not read.` };
  let fd: number;
  try {
    // O_NOFOLLOW and O_NONBLOCK: if the file was swapped for a link or a FIFO since lstat, open fails or returns at once.
    fd = fs.openSync(filePath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    return { kind: 'refused', reason: `${name} could not be read (${describeFsError(error)}).` };
  }
  try {
    const opened = fs.fstatSync(fd);
    const swapped = oddFile(name, opened);
    if (swapped) return { kind: 'refused', reason: `${swapped}, so it was not read.` };
    if (opened.size > maxBytes)
      return {
        kind: 'refused',
        reason: `${name} is ${formatBytes(opened.size)}, far more than settings ever take (at most ${formatBytes(maxBytes)}), so it was not read.`,
      };
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return { kind: 'refused', reason: `${name} is larger than ${formatBytes(maxBytes)}, so it was not read.` };
    const text = buffer.subarray(0, length).toString('utf8');
    return { kind: 'ok', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { kind: 'refused', reason: `${name} could not be read (${describeFsError(error)}).` };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces `filePath` atomically (temp file, fsync, rename), keeping the mode the file has
 * (`newFileMode` for a new file, or always with keepMode false). Refuses, with a FileRefusal,
 * to replace a link or a non-regular file, or a file its owner made read-only.
 */
export function writeGuardedFile(filePath: string, text: string, newFileMode: number, options: { keepMode?: boolean } = {}): void {
  const name = path.basename(filePath);
  let mode = newFileMode;
  try {
    const stat = fs.lstatSync(filePath);
    const odd = oddFile(name, stat);
    if (odd) throw new FileRefusal(`${odd}, so changes cannot be saved to it.`, 'not-regular');
    const current = stat.mode & 0o777;
    if (options.keepMode !== false) mode = current;
    if ((current & 0o200) === 0)
      throw new FileRefusal(
        `${name} is read-only (mode ${current.toString(8).padStart(4, '0')}), so changes cannot be saved. Make it writable to save them; Interject does not change its permissions.`,
        'read-only',
      );
  } catch (error) {
    if (error instanceof FileRefusal) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asRefusal(error, filePath);
  }
  const temp = `${filePath}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fd = fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
    try {
      fs.writeSync(fd, text);
      // open's mode is filtered by the umask; the person's mode is what we keep.
      fs.fchmodSync(fd, mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw asRefusal(error, filePath);
  }
}

/** Removes `<name>.tmp-*` files a crash left behind mid-write (only regular files and links; never follows a link). */
export function removeTempOrphans(dir: string, baseName: string): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (!entry.startsWith(`${baseName}.tmp-`)) continue;
    const full = path.join(dir, entry);
    try {
      const stat = fs.lstatSync(full);
      if (stat.isFile() || stat.isSymbolicLink()) {
        fs.unlinkSync(full);
        removed.push(entry);
      }
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** The error in a person's words, for a file that could not be written. */
export function asRefusal(error: unknown, filePath: string): FileRefusal {
  if (error instanceof FileRefusal) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  const dir = path.dirname(filePath);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new FileRefusal(`Interject cannot write to ${dir}: the folder or ${path.basename(filePath)} is read-only (${code}).`, code);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return new FileRefusal(`The disk holding ${dir} is full (${code}).`, code);
  return new FileRefusal(`${path.basename(filePath)} could not be written (${describeFsError(error)}).`, code);
}

function oddFile(name: string, stat: fs.Stats): string | undefined {
  if (stat.isSymbolicLink()) return `${name} is a symbolic link (Interject does not follow links for its own files)`;
  if (stat.isFIFO()) return `${name} is a pipe (FIFO), not a file`;
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return `${name} is a device, not a file`;
  if (stat.isDirectory()) return `${name} is a folder, not a file`;
  if (!stat.isFile()) return `${name} is not a regular file`;
  return undefined;
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message ?? String(error);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
