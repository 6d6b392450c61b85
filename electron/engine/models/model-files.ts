/** Checks that a folder (or a single file) holds what a catalogue entry needs. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelEntry } from './catalogue.js';

/** The patterns of `entry.requiredFiles` that nothing in `root` matches (empty when complete). */
export async function missingFiles(entry: ModelEntry, root: string): Promise<RegExp[]> {
  const info = await stat(root);
  const names = info.isDirectory() ? await readdir(root) : [path.basename(root)];
  return entry.requiredFiles.filter((pattern) => !names.some((n) => pattern.test(n)));
}

/** The first file in `root` whose name matches `pattern`, or `root` itself when it is such a file. */
export async function findFile(root: string, pattern: RegExp): Promise<string | undefined> {
  const info = await stat(root);
  if (!info.isDirectory()) return pattern.test(path.basename(root)) ? root : undefined;
  const name = (await readdir(root)).sort().find((n) => pattern.test(n));
  return name === undefined ? undefined : path.join(root, name);
}

/** An extracted archive often wraps everything in one folder; the model root is then that folder. */
export async function unwrapSingleFolder(dir: string): Promise<string> {
  const names = await readdir(dir);
  if (names.length !== 1) return dir;
  const only = path.join(dir, names[0]!);
  return (await stat(only)).isDirectory() ? only : dir;
}

export function describePatterns(patterns: RegExp[]): string {
  return patterns
    .map((p) =>
      p.source
        .replace(/^\^|\$$/g, '')
        .replace(/\\\./g, '.')
        .replace(/\.\*/g, '*'),
    )
    .join(', ');
}
