import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LlmError } from '../../../electron/engine/llm/errors.js';
import { OpenAiChatModel, type OpenAiChatOptions } from '../../../electron/engine/llm/openai-chat.js';
import type { ChatMessage } from '../../../electron/engine/llm/types.js';
import { delta, rawThenDrop, rawThenHang, startChatServer, status, streamed, type ChatServer } from './helpers/chat-server.js';
import { recordingClock } from './helpers/recording-clock.js';

const HELLO: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hello?' },
];

let server: ChatServer;
beforeEach(async () => {
  server = await startChatServer();
});
afterEach(async () => {
  await server.close();
});

function model(overrides: Partial<OpenAiChatOptions> = {}): OpenAiChatModel {
  return new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'test-model', clock: recordingClock(), ...overrides });
}

async function collect(m: OpenAiChatModel, signal = new AbortController().signal): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of m.stream(HELLO, { signal, maxTokens: 50, temperature: 0.3 })) out.push(piece);
  return out;
}

async function failure(m: OpenAiChatModel): Promise<LlmError> {
  const error = await collect(m).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe('streaming an answer', () => {
  it('yields the text deltas in order and posts a streaming chat request', async () => {
    server.script(streamed('Hi', ' there', '!'));
    expect(await collect(model({ apiKey: 'sk-test-123' }))).toEqual(['Hi', ' there', '!']);
    const [request] = server.received;
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test-123');
    expect(request?.body).toEqual({ model: 'test-model', messages: HELLO, stream: true, max_tokens: 50, temperature: 0.3 });
  });

  it('sends no authorization header when there is no key (local servers)', async () => {
    server.script(streamed('ok'));
    await collect(model());
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });

  it('ignores chunks without choices (usage reports) and accepts a finish without [DONE]', async () => {
    server.script((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(delta('one'));
      res.write(`data: ${JSON.stringify({ usage: { total_tokens: 3 } })}\n\n`);
      res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: ' two' }, finish_reason: 'stop' }] })}\n\n`);
    });
    expect(await collect(model())).toEqual(['one', ' two']);
  });

  it('stops at once and without an error when the signal aborts mid-answer', async () => {
    server.script(rawThenHang(delta('Once') + delta(' upon')));
    const controller = new AbortController();
    const out: string[] = [];
    const started = performance.now();
    for await (const piece of model().stream(HELLO, { signal: controller.signal })) {
      out.push(piece);
      if (out.length === 2) controller.abort();
    }
    expect(out).toEqual(['Once', ' upon']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('yields nothing more after the abort, even text that already arrived in the same chunk', async () => {
    server.script(rawThenHang(delta('one') + delta(' two') + delta(' three')));
    const controller = new AbortController();
    const out: string[] = [];
    for await (const piece of model().stream(HELLO, { signal: controller.signal })) {
      out.push(piece);
      controller.abort();
    }
    expect(out).toEqual(['one']);
  });

  it('yields nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await collect(model(), controller.signal)).toEqual([]);
    expect(server.received).toHaveLength(0);
  });

  it('ends quietly when aborted while waiting for the first byte', async () => {
    server.script(rawThenHang(''));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await collect(model(), controller.signal)).toEqual([]);
  });
});

describe('when the server says no', () => {
  it('reports HTTP 401 as a refused key, with the server message', async () => {
    server.script(status(401, { error: { message: 'Incorrect API key provided' } }));
    const error = await failure(model({ apiKey: 'sk-wrong-key-456' }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('refused the API key (HTTP 401): Incorrect API key provided');
    expect(error.message).not.toContain('sk-wrong');
  });

  it('waits out HTTP 429 for the Retry-After seconds and then answers', async () => {
    const clock = recordingClock();
    server.script(status(429, { error: { message: 'slow down' } }, { 'retry-after': '2' }), streamed('fine'));
    expect(await collect(model({ clock }))).toEqual(['fine']);
    expect(clock.delaysMs).toContain(2000);
    expect(server.received).toHaveLength(2);
  });

  it('gives up on HTTP 429 when Retry-After is longer than a spoken reply can wait', async () => {
    server.script(status(429, { error: { message: 'quota' } }, { 'retry-after': '120' }));
    const error = await failure(model());
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/HTTP 429\): quota\. Retry in 120 s\./);
    expect(server.received).toHaveLength(1);
  });

  it('gives up after the retries when 429 keeps coming', async () => {
    server.script(...Array.from({ length: 3 }, () => status(429, {}, { 'retry-after': '1' })));
    expect((await failure(model({ maxRetries: 2 }))).code).toBe('rate-limited');
    expect(server.received).toHaveLength(3);
  });

  it('retries a busy server (HTTP 503 with Retry-After), as Ollama answers when its queue is full', async () => {
    const clock = recordingClock();
    server.script(status(503, { error: 'server busy, please try again' }, { 'retry-after': '1' }), streamed('ok'));
    expect(await collect(model({ clock }))).toEqual(['ok']);
    expect(clock.delaysMs).toContain(1000);
  });

  it('reports HTTP 500 as a server failure with its text', async () => {
    server.script((res) => res.writeHead(500).end('model crashed'));
    const error = await failure(model());
    expect(error.code).toBe('server');
    expect(error.message).toContain('failed with HTTP 500: model crashed');
  });

  it('reports HTTP 404 as an unknown model', async () => {
    server.script(status(404, { error: 'model "nope" not found, try pulling it first' }));
    const error = await failure(model());
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('model "nope" not found');
  });
});

describe('when the stream itself is broken', () => {
  it('names a malformed event instead of dropping it', async () => {
    server.script(rawThenDrop(delta('Hi') + 'data: {not json\n\n'));
    const error = await failure(model());
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('not JSON: "{not json"');
  });

  it('reports an error object sent mid-stream', async () => {
    server.script(rawThenDrop(`data: ${JSON.stringify({ error: { message: 'upstream overloaded' } })}\n\n`));
    const error = await failure(model());
    expect(error.code).toBe('server');
    expect(error.message).toContain('upstream overloaded');
  });

  it('reports a connection dropped mid-answer after the text that did arrive', async () => {
    server.script(rawThenDrop(delta('Half an') + delta(' answer')));
    const out: string[] = [];
    const error = await (async () => {
      for await (const piece of model().stream(HELLO, { signal: new AbortController().signal })) out.push(piece);
    })().then(
      () => undefined,
      (e: unknown) => e as LlmError,
    );
    expect(out).toEqual(['Half an', ' answer']);
    expect(error?.code).toBe('disconnected');
    expect(error?.message).toContain('before the answer was complete (after 14 characters)');
  });

  it('times out when the server goes silent', async () => {
    server.script(rawThenHang(delta('Hm')));
    const error = await failure(model({ clock: undefined, idleTimeoutMs: 150 }));
    expect(error.code).toBe('timeout');
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const gone = await startChatServer();
    await gone.close();
    const error = await failure(new OpenAiChatModel({ baseUrl: gone.baseUrl, model: 'x' }));
    expect(error.code).toBe('offline');
    expect(error.message).toMatch(/Cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });
});
