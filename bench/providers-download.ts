/** Model download throughput (HTTP, write, sha256, install) from a local server. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ModelManager } from '../electron/engine/models/model-manager.js';
import type { Figure } from './providers-stats.js';

const SIZE = 64 * 1024 * 1024;

export async function benchDownload(): Promise<Figure[]> {
  const body = randomBytes(SIZE);
  const sha256 = createHash('sha256').update(body).digest('hex');
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-length': body.length }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'interject-bench-'));
  const manager = new ModelManager({
    dataDir,
    catalogue: [
      {
        id: 'bench',
        purpose: 'llm',
        title: 'bench file',
        sizeBytes: SIZE,
        installedBytes: SIZE,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench.gguf`,
        sha256,
        licence: 'none',
        format: 'file',
        fileName: 'model.gguf',
        requiredFiles: [/\.gguf$/],
      },
    ],
  });
  const start = performance.now();
  await manager.install('bench');
  const ms = performance.now() - start;
  server.close();
  await rm(dataDir, { recursive: true, force: true });
  return [
    {
      name: 'model download + sha256 + install (64 MB, local)',
      value: SIZE / 1e6 / (ms / 1000),
      unit: 'MB/s',
      runs: 1,
      note: 'the network is the limit in real use',
    },
  ];
}
