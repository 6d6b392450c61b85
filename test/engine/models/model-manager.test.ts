import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveFormat, ModelEntry } from '../../../electron/engine/models/catalogue.js';
import { ModelError } from '../../../electron/engine/models/errors.js';
import { ModelManager, type ModelProgress } from '../../../electron/engine/models/model-manager.js';
import { ARCHIVES_DIR, startArchiveServer, type ArchiveServer } from './helpers/archive-server.js';

const TRANSDUCER_FILES = [/^encoder.*\.onnx$/, /^decoder.*\.onnx$/, /^joiner.*\.onnx$/, /^tokens\.txt$/];

let server: ArchiveServer;
let dataDir: string;

beforeEach(async () => {
  server = await startArchiveServer();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'interject-models-'));
});
afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path.join(ARCHIVES_DIR, file)))
    .digest('hex');
}

async function entry(route: string, format: ArchiveFormat, overrides: Partial<ModelEntry> = {}): Promise<ModelEntry> {
  const file = `tiny-model.${format}`;
  return {
    id: 'tiny',
    purpose: 'stt',
    title: 'Tiny test model',
    sizeBytes: 40_000,
    installedBytes: 40_000,
    url: `${server.url}/${route}/${file}`,
    sha256: await sha256Of(file),
    licence: 'test',
    format,
    requiredFiles: TRANSDUCER_FILES,
    ...overrides,
  };
}

function manager(catalogue: ModelEntry[], freeBytes?: (dir: string) => Promise<number>): ModelManager {
  return new ModelManager({ dataDir, catalogue, freeBytes });
}

async function installError(m: ModelManager, id = 'tiny'): Promise<ModelError> {
  const error = await m.install(id).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

async function leftovers(): Promise<string[]> {
  const modelsDir = path.join(dataDir, 'models');
  const names = await readdir(modelsDir).catch(() => []);
  const staging = await readdir(path.join(modelsDir, '.staging')).catch(() => []);
  return [...names.filter((n) => !n.startsWith('.')), ...staging.map((n) => `.staging/${n}`)];
}

describe('installing a model', () => {
  for (const format of ['tar.gz', 'tar.bz2', 'zip'] as const) {
    it(`downloads, verifies and unpacks a good .${format} archive into models/<id>`, async () => {
      const m = manager([await entry('good', format)]);
      const status = await m.install('tiny');
      expect(status.state).toBe('installed');
      expect(status.path).toBe(path.join(dataDir, 'models', 'tiny'));
      expect((await readdir(status.path!)).sort()).toEqual([
        'decoder-epoch-99-avg-1.onnx',
        'encoder-epoch-99-avg-1.onnx',
        'joiner-epoch-99-avg-1.onnx',
        'tokens.txt',
      ]);
      expect(await readdir(path.join(dataDir, 'models', '.downloads'))).toEqual([]);
    });
  }

  it('follows a redirect to the real file, as GitHub and Hugging Face downloads do', async () => {
    const m = manager([await entry('redirect', 'tar.gz')]);
    expect((await m.install('tiny')).state).toBe('installed');
  });

  it('reports progress with bytes, total, rate and remaining time', async () => {
    const m = manager([await entry('good', 'zip')]);
    const events: ModelProgress[] = [];
    m.on('progress', (p) => events.push(p));
    await m.install('tiny');
    const downloading = events.filter((e) => e.phase === 'downloading');
    const last = downloading.at(-1)!;
    const total = (await stat(path.join(ARCHIVES_DIR, 'tiny-model.zip'))).size;
    expect(last).toMatchObject({ id: 'tiny', receivedBytes: total, totalBytes: total, remainingMs: 0 });
    expect(last.bytesPerSecond).toBeGreaterThan(0);
    expect(events.map((e) => e.phase)).toContain('extracting');
  });

  it('downloads from a server that does not send the length, reporting progress without a total', async () => {
    const m = manager([await entry('chunked', 'tar.bz2')]);
    const events: ModelProgress[] = [];
    m.on('progress', (p) => events.push(p));
    expect((await m.install('tiny')).state).toBe('installed');
    const last = events.filter((e) => e.phase === 'downloading').at(-1)!;
    expect(last.totalBytes).toBeUndefined();
    expect(last.remainingMs).toBeUndefined();
  });

  it('installs a single-file model (format "file") under its file name', async () => {
    const m = manager([
      await entry('good', 'zip', { format: 'file', fileName: 'model.gguf', requiredFiles: [/\.gguf$/], sha256: await sha256Of('tiny-model.zip') }),
    ]);
    const status = await m.install('tiny');
    expect(await readdir(status.path!)).toEqual(['model.gguf']);
    expect(await m.fileOf('tiny', /\.gguf$/)).toBe(path.join(status.path!, 'model.gguf'));
  });

  it('joins a second install request for the same model instead of downloading twice', async () => {
    const m = manager([await entry('good', 'tar.gz')]);
    const [a, b] = await Promise.all([m.install('tiny'), m.install('tiny')]);
    expect(a.state).toBe('installed');
    expect(b.state).toBe('installed');
    expect(server.requests).toHaveLength(1);
  });
});

describe('a download that goes wrong leaves nothing installed', () => {
  it('rejects a file whose sha256 does not match, and deletes it', async () => {
    const m = manager([await entry('good', 'tar.gz', { sha256: 'ab'.repeat(32) })]);
    const error = await installError(m);
    expect(error.code).toBe('checksum');
    expect(error.message).toMatch(/damaged: its sha256 is [0-9a-f]{64}, expected abab/);
    expect(await leftovers()).toEqual([]);
    expect((await m.status('tiny')).state).toBe('absent');
  });

  it('rejects a truncated archive by its checksum', async () => {
    const m = manager([await entry('truncated', 'tar.bz2')]);
    expect((await installError(m)).code).toBe('checksum');
    expect(await leftovers()).toEqual([]);
  });

  for (const format of ['tar.gz', 'tar.bz2', 'zip'] as const) {
    it(`rejects a truncated .${format} archive that has no published checksum when unpacking fails`, async () => {
      const m = manager([await entry('truncated', format, { sha256: undefined })]);
      const error = await installError(m);
      expect(error.code).toBe('extract');
      expect(error.message).toMatch(/Could not unpack|does not contain/);
      expect(await leftovers()).toEqual([]);
      expect((await m.status('tiny')).state).toBe('absent');
    });
  }

  it('reports HTTP 404 with the status and the address', async () => {
    const m = manager([await entry('status', 'zip', { url: `${server.url}/status/404` })]);
    const error = await installError(m);
    expect(error.code).toBe('http');
    expect(error.message).toContain('HTTP 404');
    expect(error.message).toContain('/status/404');
    expect(await leftovers()).toEqual([]);
  });

  it('reports HTTP 500 as an http error', async () => {
    const m = manager([await entry('status', 'zip', { url: `${server.url}/status/500` })]);
    const error = await installError(m);
    expect(error.code).toBe('http');
    expect(error.message).toContain('HTTP 500');
  });

  it('says clearly that there is no network when the host cannot be reached', async () => {
    const closed = await startArchiveServer();
    const deadUrl = `${closed.url}/good/tiny-model.zip`;
    await closed.close();
    const m = manager([await entry('good', 'zip', { url: deadUrl })]);
    const error = await installError(m);
    expect(error.code).toBe('offline');
    expect(error.message).toMatch(/no network connection\. Nothing was installed/);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses to start when the disk is too full, before downloading anything', async () => {
    const m = manager([await entry('good', 'zip')], async () => 1000);
    const error = await installError(m);
    expect(error.code).toBe('disk-space');
    expect(error.message).toMatch(/needs 80 kB and .* has 1 kB free/);
    expect(server.requests).toHaveLength(0);
  });

  it('checks the disk again when the server says the file is bigger than the catalogue thought', async () => {
    const m = manager([await entry('good', 'zip', { sizeBytes: 100, installedBytes: 100 })], async () => 20_000);
    const error = await installError(m);
    expect(error.code).toBe('disk-space');
    expect(server.requests).toHaveLength(1);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses an archive that lacks the files the model needs', async () => {
    const m = manager([await entry('good', 'zip', { requiredFiles: [/^model\.onnx$/] })]);
    const error = await installError(m);
    expect(error.code).toBe('extract');
    expect(error.message).toContain('does not contain model.onnx');
    expect(await leftovers()).toEqual([]);
  });

  it('names an unknown model id', async () => {
    const m = manager([]);
    await expect(m.install('nope')).rejects.toMatchObject({ code: 'unknown-model', message: expect.stringContaining('no model called "nope"') });
  });
});

describe('resuming and cancelling', () => {
  it('keeps what arrived when the connection drops, then resumes with an HTTP Range request', async () => {
    const m = manager([await entry('drop', 'tar.bz2')]);
    const first = await installError(m);
    expect(first.code).toBe('interrupted');
    expect(first.message).toMatch(/resume from there/);
    const partial = await m.status('tiny');
    expect(partial.state).toBe('partial');
    expect(partial.partialBytes).toBeGreaterThan(0);

    const done = await m.install('tiny');
    expect(done.state).toBe('installed');
    expect(server.requests.at(-1)?.range).toBe(`bytes=${partial.partialBytes}-`);
  });

  it('starts over when the partial file is longer than the file on the server (HTTP 416)', async () => {
    const m = manager([await entry('good', 'zip')]);
    await mkdir(path.join(dataDir, 'models', '.downloads'), { recursive: true });
    await writeFile(path.join(dataDir, 'models', '.downloads', 'tiny.partial'), Buffer.alloc(100_000));
    expect((await m.install('tiny')).state).toBe('installed');
    expect(server.requests.map((r) => r.range)).toEqual(['bytes=100000-', undefined]);
  });

  it('cancels a running download at once and keeps the bytes for later', async () => {
    const m = manager([await entry('slow', 'tar.gz')]);
    m.on('progress', (p) => {
      if (p.receivedBytes >= 2048) m.cancel('tiny');
    });
    const started = performance.now();
    const error = await installError(m);
    expect(error.code).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await m.status('tiny')).state).toBe('partial');
    expect(await leftovers()).toEqual([]);
  });

  it('deletes an installed model and its folder', async () => {
    const m = manager([await entry('good', 'tar.gz')]);
    await m.install('tiny');
    expect((await m.delete('tiny')).state).toBe('absent');
    expect(await leftovers()).toEqual([]);
  });
});

describe('using a model the person already has', () => {
  it('links a folder that holds the required files, and deleting forgets only the link', async () => {
    const own = path.join(dataDir, 'my-model');
    await mkdir(own);
    for (const f of ['encoder.onnx', 'decoder.onnx', 'joiner.onnx', 'tokens.txt']) await writeFile(path.join(own, f), 'x');
    const m = manager([await entry('good', 'zip')]);
    const status = await m.useExisting('tiny', own);
    expect(status).toMatchObject({ state: 'linked', path: own });
    expect(await m.pathOf('tiny')).toBe(own);
    await m.delete('tiny');
    expect((await m.status('tiny')).state).toBe('absent');
    expect((await readdir(own)).length).toBe(4);
  });

  it('links a single model file', async () => {
    const own = path.join(dataDir, 'mine.gguf');
    // The GGUF magic and version 3: linking checks the header, not only the name.
    await writeFile(own, Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(16)]));
    const m = manager([await entry('good', 'zip', { format: 'file', requiredFiles: [/\.gguf$/] })]);
    await m.useExisting('tiny', own);
    expect(await m.fileOf('tiny', /\.gguf$/)).toBe(own);
  });

  it('refuses a folder that lacks required files, naming them', async () => {
    const own = path.join(dataDir, 'half');
    await mkdir(own);
    await writeFile(path.join(own, 'tokens.txt'), 'x');
    const m = manager([await entry('good', 'zip')]);
    await expect(m.useExisting('tiny', own)).rejects.toThrow(/lacks encoder\*\.onnx, decoder\*\.onnx, joiner\*\.onnx/);
  });

  it('treats a linked folder that has since been deleted as no model', async () => {
    const own = path.join(dataDir, 'gone');
    await mkdir(own);
    for (const f of ['encoder.onnx', 'decoder.onnx', 'joiner.onnx', 'tokens.txt']) await writeFile(path.join(own, f), 'x');
    const m = manager([await entry('good', 'zip')]);
    await m.useExisting('tiny', own);
    await rm(own, { recursive: true });
    expect((await m.status('tiny')).state).toBe('absent');
    expect(await m.pathOf('tiny')).toBeUndefined();
  });

  it('refuses a path that does not exist', async () => {
    const m = manager([await entry('good', 'zip')]);
    await expect(m.useExisting('tiny', path.join(dataDir, 'nowhere'))).rejects.toMatchObject({ code: 'invalid-path' });
  });
});
