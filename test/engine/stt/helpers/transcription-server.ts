/**
 * A real HTTP server on 127.0.0.1 (port 0) standing in for an OpenAI-compatible
 * /v1/audio/transcriptions endpoint. It parses the multipart upload and answers from a script.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedUpload {
  fields: Record<string, string>;
  file?: { name: string; type: string; bytes: Uint8Array };
  authorization?: string;
}

export type TranscriptionReply = (res: http.ServerResponse, upload: ReceivedUpload) => void;

export interface TranscriptionServer {
  baseUrl: string;
  uploads: ReceivedUpload[];
  script(...replies: TranscriptionReply[]): void;
  close(): Promise<void>;
}

export async function startTranscriptionServer(): Promise<TranscriptionServer> {
  const replies: TranscriptionReply[] = [];
  const uploads: ReceivedUpload[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        // Let the platform's own multipart parser read what the client sent.
        const form = await new Request('http://x/', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: Buffer.concat(chunks),
        }).formData();
        const upload: ReceivedUpload = { fields: {}, authorization: req.headers.authorization };
        for (const [key, value] of form.entries()) {
          if (typeof value === 'string') upload.fields[key] = value;
          else upload.file = { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
        }
        uploads.push(upload);
        const reply = replies.shift();
        if (reply) reply(res, upload);
        else res.writeHead(500).end('no scripted reply');
      })().catch(() => res.writeHead(400).end('bad multipart'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    uploads,
    script: (...r) => replies.push(...r),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, body: unknown, delayMs = 0): TranscriptionReply {
  return (res) => {
    setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)), delayMs);
  };
}
