/**
 * What a model file is, by its first bytes rather than its name: a file called *.gguf that
 * does not start with the GGUF magic (a renamed text file, a 20 GB file of zeros) is not
 * linked. Files are opened without blocking and only if regular, so a FIFO or a device with
 * a model's name cannot hang or flood the check.
 */
import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

interface HeaderCheck {
  pattern: RegExp;
  what: string;
  matches(head: Buffer): boolean;
}

/** GGUF: "GGUF" then a little-endian uint32 version (1-3 exist; a larger one is a newer, still-GGUF file). */
const GGUF: HeaderCheck = {
  pattern: /\.gguf$/i,
  what: 'GGUF model',
  matches: (head) => head.length >= 8 && head.toString('latin1', 0, 4) === 'GGUF' && head.readUInt32LE(4) >= 1 && head.readUInt32LE(4) < 1000,
};

const CHECKS: HeaderCheck[] = [GGUF];

/** The first problem with the files in `root` (a folder, or one file) that have a checked kind, or undefined. */
export async function headerProblem(root: string): Promise<string | undefined> {
  const info = await stat(root);
  const files = info.isDirectory() ? (await readdir(root)).map((n) => path.join(root, n)) : [root];
  for (const file of files) {
    const check = CHECKS.find((c) => c.pattern.test(path.basename(file)));
    if (!check) continue;
    const problem = await checkOne(file, check);
    if (problem) return problem;
  }
  return undefined;
}

async function checkOne(file: string, check: HeaderCheck): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return `${file} could not be opened (${(error as NodeJS.ErrnoException).code ?? String(error)}).`;
  }
  try {
    if (!(await handle.stat()).isFile()) return `${file} is not a regular file, so it cannot be a ${check.what}.`;
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (!check.matches(head.subarray(0, bytesRead))) return `${file} is not a ${check.what}: it does not start the way one does, whatever its name says.`;
    return undefined;
  } finally {
    await handle.close();
  }
}
