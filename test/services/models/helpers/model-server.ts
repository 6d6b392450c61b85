/**
 * A download server on 127.0.0.1 for the models:* tests, serving archives generated per test
 * run: honours Range (resume), can go slowly (so a cancel lands mid-way), drop the connection
 * half-way, or answer 404. Records each request's Range header.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as tar from 'tar';
import type { ModelEntry } from '../../../../electron/engine/models/catalogue';
import { DEFAULT_LLM_MODEL_ID, DEFAULT_STT_MODEL_ID } from '../../../../electron/engine/models/catalogue';

export interface ModelServer {
  url: string;
  /** `Range` header of every request, in order ('' for none). */
  ranges: string[];
  close(): Promise<void>;
}

export interface ServedFile {
  body: Buffer;
  /** 'slow': 32 kB every 20 ms; 'drop': half the body, then the socket is destroyed. */
  mode?: 'normal' | 'slow' | 'drop';
}

export async function startModelServer(files: Record<string, ServedFile>): Promise<ModelServer> {
  const ranges: string[] = [];
  const server = http.createServer((req, res) => {
    const file = files[(req.url ?? '').slice(1)];
    ranges.push(req.headers.range ?? '');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const total = file.body.length;
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = match ? Number(match[1]) : 0;
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/octet-stream', 'content-length': total - start, 'accept-ranges': 'bytes' };
    if (match) headers['content-range'] = `bytes ${start}-${total - 1}/${total}`;
    res.writeHead(match ? 206 : 200, headers);
    const body = file.body.subarray(start);
    if (file.mode === 'drop') {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.destroy(), 20));
      return;
    }
    if (file.mode !== 'slow') {
      res.end(body);
      return;
    }
    let offset = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      const chunk = body.subarray(offset, offset + 32_768);
      offset += chunk.length;
      if (offset >= body.length) {
        clearInterval(timer);
        res.end(chunk);
      } else res.write(chunk);
    }, 20);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ranges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A tar.gz of a streaming-transducer folder (fake weights with the file names a real one has). */
export async function makeSttArchive(workDir: string): Promise<Buffer> {
  const folder = path.join(workDir, 'tiny-zipformer');
  fs.mkdirSync(folder, { recursive: true });
  for (const name of ['encoder-epoch-99.int8.onnx', 'decoder-epoch-99.onnx', 'joiner-epoch-99.int8.onnx'])
    fs.writeFileSync(path.join(folder, name), Buffer.alloc(20_000, name));
  fs.writeFileSync(path.join(folder, 'tokens.txt'), '<blk> 0\n<sos/eos> 1\n');
  const archive = path.join(workDir, 'stt.tar.gz');
  await tar.create({ gzip: true, file: archive, cwd: workDir }, ['tiny-zipformer']);
  return fs.readFileSync(archive);
}

/** A fake single-file GGUF (a GGUF v3 header, then filler; never loaded). */
export function makeGgufFile(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 7);
  body.write('GGUF', 0, 'ascii');
  body.writeUInt32LE(3, 4);
  return body;
}

/** The two first-run models under their real ids, downloaded from the test server. */
export function testCatalogue(baseUrl: string, sizes: { stt: number; llm: number }, routes = { stt: 'stt.tar.gz', llm: 'model.gguf' }): ModelEntry[] {
  return [
    {
      id: DEFAULT_STT_MODEL_ID,
      purpose: 'stt',
      title: 'Test speech recognition model',
      sizeBytes: sizes.stt,
      installedBytes: sizes.stt * 4,
      url: `${baseUrl}/${routes.stt}`,
      licence: 'test',
      format: 'tar.gz',
      requiredFiles: [/^encoder.*\.onnx$/, /^decoder.*\.onnx$/, /^joiner.*\.onnx$/, /^tokens\.txt$/],
    },
    {
      id: DEFAULT_LLM_MODEL_ID,
      purpose: 'llm',
      title: 'Test language model',
      sizeBytes: sizes.llm,
      installedBytes: sizes.llm,
      url: `${baseUrl}/${routes.llm}`,
      licence: 'test',
      format: 'file',
      fileName: 'model.gguf',
      requiredFiles: [/\.gguf$/],
    },
  ];
}
