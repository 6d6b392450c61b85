// "Use a model file I have" checks what the file is, not only its name: a 20 GB file named
// .gguf (or a FIFO, or /dev/zero behind a link) is not a model.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../electron/engine/models/catalogue.js';
import { ModelManager } from '../../../electron/engine/models/model-manager.js';

const STORIES = path.resolve(import.meta.dirname, '../../fixtures/models/stories260K.gguf');
let dataDir: string;
beforeEach(async () => (dataDir = await mkdtemp(path.join(os.tmpdir(), 'interject-link-'))));
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

const ENTRY: ModelEntry = {
  id: 'llm',
  purpose: 'llm',
  title: 'Test LLM',
  sizeBytes: 1000,
  installedBytes: 1000,
  url: 'http://127.0.0.1:1/model.gguf',
  sha256: '0'.repeat(64),
  licence: 'test',
  format: 'file',
  fileName: 'model.gguf',
  requiredFiles: [/\.gguf$/],
};
const manager = () => new ModelManager({ dataDir, catalogue: [ENTRY] });

describe('linking a GGUF model file', () => {
  it('accepts a real GGUF file', async () => {
    expect((await manager().useExisting('llm', STORIES)).state).toBe('linked');
  });

  it('refuses a large file that only has the name (sparse 20 GB of zeros), saying it is not a GGUF model', async () => {
    const fake = path.join(dataDir, 'big.gguf');
    fs.closeSync(fs.openSync(fake, 'w'));
    fs.truncateSync(fake, 20 * 1024 ** 3);
    await expect(manager().useExisting('llm', fake)).rejects.toMatchObject({ code: 'invalid-path', message: expect.stringMatching(/not a GGUF model/) });
    expect((await manager().status('llm')).state).toBe('absent');
  });

  it('refuses a text file renamed to .gguf, and a folder whose .gguf is not one', async () => {
    const fake = path.join(dataDir, 'notes.gguf');
    await writeFile(fake, 'just some notes');
    await expect(manager().useExisting('llm', fake)).rejects.toThrow(/not a GGUF model/);
    await expect(manager().useExisting('llm', dataDir)).rejects.toThrow(/not a GGUF model/);
  });

  it('refuses a FIFO named .gguf without hanging', async () => {
    const fifo = path.join(dataDir, 'pipe.gguf');
    spawnSync('mkfifo', [fifo]);
    await expect(manager().useExisting('llm', fifo)).rejects.toThrow(/not a regular file/);
  }, 10_000);
});
