import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { extractArchive } from '../../../electron/engine/models/extract.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'interject-extract-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('skips links inside an archive: a model is plain files, and a link could point anywhere', async () => {
  const src = path.join(dir, 'src', 'model');
  await mkdir(src, { recursive: true });
  await writeFile(path.join(src, 'tokens.txt'), 'a 0\n');
  await symlink('/etc/passwd', path.join(src, 'sneaky'));
  const archive = path.join(dir, 'model.tar.gz');
  await tar.c({ gzip: true, cwd: path.join(dir, 'src'), file: archive }, ['model']);

  const out = path.join(dir, 'out');
  await extractArchive(archive, 'tar.gz', out);
  expect(await readdir(path.join(out, 'model'))).toEqual(['tokens.txt']);
});

it('names a file that is not an archive of the stated format', async () => {
  const bogus = path.join(dir, 'x.zip');
  await writeFile(bogus, 'not a zip at all');
  await expect(extractArchive(bogus, 'zip', path.join(dir, 'out'))).rejects.toMatchObject({
    code: 'extract',
    message: expect.stringContaining('Could not unpack the zip archive'),
  });
});
