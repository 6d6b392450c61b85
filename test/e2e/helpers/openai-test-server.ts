/**
 * A stand-in OpenAI-compatible server on 127.0.0.1 for the spoken-conversation e2e test:
 * POST /v1/audio/transcriptions answers a fixed text (after checking a WAV arrived), POST
 * /v1/chat/completions streams a fixed reply as SSE, a few words at a time. Records requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenAiTestServer {
  /** Base URL up to the version segment, as the settings take it: http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  /** Bytes of each uploaded transcription request. */
  transcriptions: number[];
  /** The messages of each chat request. */
  chats: Array<{ model: string; messages: Array<{ role: string; content: string }> }>;
  close(): Promise<void>;
}

export interface OpenAiTestServerOptions {
  transcript: string;
  reply: string;
  /** Gap between SSE chunks; a real server streams tokens tens of ms apart. */
  chunkDelayMs?: number;
  /** When set, a request without "Authorization: Bearer <apiKey>" gets 401, as api.openai.com answers a wrong key. */
  apiKey?: string;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startOpenAiTestServer(options: OpenAiTestServerOptions): Promise<OpenAiTestServer> {
  const transcriptions: number[] = [];
  const chats: OpenAiTestServer['chats'] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        const error = { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' };
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/audio/transcriptions') {
        transcriptions.push(body.length);
        if (!body.includes(Buffer.from('RIFF'))) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'no WAV file in the form' } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: options.transcript }));
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/chat/completions') {
        chats.push(JSON.parse(body.toString('utf8')) as OpenAiTestServer['chats'][number]);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const pieces = options.reply.match(/\S+\s*/g) ?? [];
        for (const piece of pieces) {
          if (res.destroyed) return;
          res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: piece } }] })}\n\n`);
          await new Promise((r) => setTimeout(r, options.chunkDelayMs ?? 30));
        }
        res.end('data: [DONE]\n\n');
        return;
      }
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'test-model' }] }));
        return;
      }
      res.writeHead(404).end();
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    transcriptions,
    chats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
