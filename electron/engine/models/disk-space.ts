import { mkdir, statfs } from 'node:fs/promises';
import { ModelError } from './errors.js';

/** Free bytes available to this user on the file system that holds `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/** Throws a `disk-space` ModelError when `dir` has less than `neededBytes` free. */
export async function ensureFreeSpace(dir: string, neededBytes: number, what: string, free = freeBytes): Promise<void> {
  const available = await free(dir);
  if (available < neededBytes) {
    throw new ModelError(
      'disk-space',
      `Not enough disk space for ${what}: it needs ${formatBytes(neededBytes)} and ${dir} has ${formatBytes(available)} free.`,
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(0)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}
