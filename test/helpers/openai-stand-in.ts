/**
 * A stand-in OpenAI-compatible server on 127.0.0.1 (port 0), speaking the HTTP API the app's
 * real clients use: POST /v1/audio/transcriptions (JSON { text }), POST /v1/chat/completions
 * streamed as SSE one token at a time, and GET /v1/models. What each answers is the caller's:
 * the e2e tests' fixed texts, the latency benchmark's scripted delays.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenAiStandInOptions {
  /** The answer to a transcription upload (the raw multipart body); 200 unless `status` says otherwise. */
  transcribe(body: Buffer): Promise<{ status?: number; json: unknown }> | { status?: number; json: unknown };
  /** The text streamed for chat request `n` (1-based), whose parsed JSON body is `request`. */
  reply(n: number, request: unknown): string;
  /** Before the first token, counted from the request's arrival. */
  firstTokenDelayMs?: number;
  /** Between tokens. */
  tokenGapMs: number;
  /** The one model GET /v1/models lists. */
  modelId: string;
  /** When set, a request without "Authorization: Bearer <apiKey>" gets 401, as api.openai.com answers a wrong key. */
  apiKey?: string;
}

export interface OpenAiStandIn {
  /** Base URL up to the version segment, as the settings take it: http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  readonly chatRequests: number;
  close(): Promise<void>;
}

/** The pieces a reply streams in: each word with the spaces after it (so "N. " ends a clause). */
export function replyTokens(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

/** One SSE event of a chat completion stream carrying `content`. */
export function sseDelta(content: string): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

export async function startOpenAiStandIn(options: OpenAiStandInOptions): Promise<OpenAiStandIn> {
  let chats = 0;
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        const error = { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' };
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/audio/transcriptions') {
        const { status = 200, json } = await options.transcribe(body);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/chat/completions') {
        const text = options.reply(++chats, parseJson(body));
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.flushHeaders();
        if (options.firstTokenDelayMs) await sleep(options.firstTokenDelayMs);
        for (const [i, piece] of replyTokens(text).entries()) {
          if (res.destroyed) return;
          if (i > 0) await sleep(options.tokenGapMs);
          res.write(sseDelta(piece));
        }
        res.end('data: [DONE]\n\n');
        return;
      }
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: options.modelId }] }));
        return;
      }
      res.writeHead(404).end();
    })().catch(() => res.destroy());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get chatRequests() {
      return chats;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
