/**
 * Unpacks a downloaded archive into an empty folder with well-kept libraries:
 * tar (gzip built in), unbzip2-stream in front of tar for .tar.bz2, yauzl for .zip.
 * Entry names that would land outside the folder are refused (tar and yauzl both check;
 * we check zip names again because we write those files ourselves).
 */
// The reference (not an ambient include) brings the typings into every tsconfig that reaches this file.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./unbzip2-stream.d.ts" />
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import unbzip2 from 'unbzip2-stream';
import yauzl from 'yauzl';
import type { ArchiveFormat } from './catalogue.js';
import { ModelError } from './errors.js';

export async function extractArchive(archive: string, format: ArchiveFormat, destDir: string, fileName?: string): Promise<void> {
  await mkdir(destDir, { recursive: true });
  try {
    if (format === 'file') await copyFile(archive, path.join(destDir, safeName(fileName ?? path.basename(archive))));
    else if (format === 'tar.gz') await pipeline(createReadStream(archive), tar.x({ cwd: destDir, strict: true, gzip: true, filter: onlyFilesAndFolders }));
    else if (format === 'tar.bz2') await pipeline(createReadStream(archive), unbzip2(), tar.x({ cwd: destDir, strict: true, filter: onlyFilesAndFolders }));
    else await extractZip(archive, destDir);
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ModelError('extract', `Could not unpack the ${format} archive: ${(e as Error).message ?? String(e)}. The download may be damaged.`, {
      cause: e,
    });
  }
}

function extractZip(archive: string, destDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(archive, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error('no zip'));
      const fail = (e: unknown) => {
        zip.close();
        reject(e);
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const target = path.resolve(destDir, entry.fileName);
        if (!target.startsWith(path.resolve(destDir) + path.sep)) {
          return fail(new ModelError('extract', `The zip archive holds an entry outside its folder (${entry.fileName}); refusing to unpack it.`));
        }
        if (entry.fileName.endsWith('/')) {
          mkdir(target, { recursive: true }).then(() => zip.readEntry(), fail);
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error('no stream'));
          mkdir(path.dirname(target), { recursive: true })
            .then(() => pipeline(stream, createWriteStream(target)))
            .then(() => zip.readEntry(), fail);
        });
      });
      zip.readEntry();
    });
  });
}

/** Models are plain files: links and devices in an archive are skipped (a link could point anywhere). */
function onlyFilesAndFolders(_path: string, entry: tar.ReadEntry | import('node:fs').Stats): boolean {
  const type = (entry as { type?: string }).type;
  return type === undefined || type === 'File' || type === 'OldFile' || type === 'ContiguousFile' || type === 'Directory';
}

function safeName(name: string): string {
  const base = path.basename(name);
  if (!base || base === '.' || base === '..') throw new ModelError('extract', `Not a usable file name: ${name}`);
  return base;
}
