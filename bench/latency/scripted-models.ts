/**
 * Scripted recognizer and language-model servers on 127.0.0.1 for the latency benchmark,
 * speaking the OpenAI-compatible HTTP API the app's real clients use:
 * - POST /v1/audio/transcriptions answers `sttMs` after the upload has fully arrived, with the
 *   words of the utterance being spoken (once: a later segment of it answers "");
 * - POST /v1/chat/completions sends its first SSE token `llmMs` after the request arrived, then
 *   one token every `tokenGapMs` (a fast cloud model streams ~50-70 tokens/s).
 * Every reply carries its request number ("answer 7"), so a leaked early answer is findable.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedModelsOptions {
  sttMs: number;
  llmMs: number;
  /** Gap between streamed tokens. 15 ms: ~65 tokens/s, a fast hosted model. */
  tokenGapMs?: number;
}

export interface ScriptedModels {
  baseUrl: string;
  /**
   * The words of the utterance now being spoken: the next transcription answers them, later
   * ones (the rest of the same utterance after a mid-sentence pause) answer nothing new.
   */
  speaking(text: string): void;
  /** The reply the chat server streams for request `n` (1-based). */
  replyFor(n: number): string;
  /** Tokens the chat server streams before the first clause is complete (the clause splitter sees its end). */
  tokensToFirstClause(n: number): number;
  readonly chatRequests: number;
  readonly transcriptions: number;
  close(): Promise<void>;
}

/** "Sure, that is answer 7. ..." : the first clause ends at the first full stop. */
function reply(n: number): string {
  return `Sure, that is answer ${n}. The train leaves at nine.`;
}

function tokens(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
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

export async function startScriptedModels(options: ScriptedModelsOptions): Promise<ScriptedModels> {
  const gap = options.tokenGapMs ?? 15;
  let chats = 0;
  let transcriptions = 0;
  let unanswered = '';
  const server = http.createServer((req, res) => {
    void (async () => {
      await readBody(req);
      if (req.method === 'POST' && req.url === '/v1/audio/transcriptions') {
        transcriptions++;
        const text = unanswered;
        unanswered = '';
        if (options.sttMs > 0) await sleep(options.sttMs);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text }));
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/chat/completions') {
        const n = ++chats;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.flushHeaders();
        if (options.llmMs > 0) await sleep(options.llmMs);
        for (const [i, piece] of tokens(reply(n)).entries()) {
          if (res.destroyed) return;
          if (i > 0) await sleep(gap);
          res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: piece } }] })}\n\n`);
        }
        res.end('data: [DONE]\n\n');
        return;
      }
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'scripted' }] }));
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
    speaking: (t) => {
      unanswered = t;
    },
    replyFor: reply,
    // The token "N. " carries the space after the full stop, so the clause splitter cuts on it.
    tokensToFirstClause: (n) => tokens(reply(n)).findIndex((t) => /\.\s*$/.test(t)) + 1,
    get chatRequests() {
      return chats;
    },
    get transcriptions() {
      return transcriptions;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
