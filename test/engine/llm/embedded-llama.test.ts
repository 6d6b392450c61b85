import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLlamaThreads, EmbeddedLlamaModel } from '../../../electron/engine/llm/embedded-llama.js';
import type { ChatMessage } from '../../../electron/engine/llm/types.js';

// A real 260K-parameter model (TinyStories; it writes stories, not answers): see test/fixtures/models/SOURCE.md.
const STORIES = path.resolve(import.meta.dirname, '../../fixtures/models/stories260K.gguf');
const ASK: ChatMessage[] = [
  { role: 'system', content: 'You tell stories.' },
  { role: 'user', content: 'Once upon a time' },
];

describe('the embedded language model (node-llama-cpp, CPU)', () => {
  let model: EmbeddedLlamaModel;
  beforeAll(async () => {
    model = await EmbeddedLlamaModel.load({ modelPath: STORIES, threads: 1, contextSize: 256 });
  });
  afterAll(async () => {
    await model?.close();
  });

  it('loads a GGUF file and streams generated text', async () => {
    const pieces: string[] = [];
    for await (const p of model.stream(ASK, { signal: new AbortController().signal, maxTokens: 20, temperature: 0 })) pieces.push(p);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('').trim().length).toBeGreaterThan(0);
  });

  it('stops within a token when the signal aborts, and ends without an error', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    let abortedAtMs = 0;
    for await (const p of model.stream(ASK, { signal: controller.signal, maxTokens: 200, temperature: 0 })) {
      pieces.push(p);
      if (pieces.length === 3) {
        abortedAtMs = performance.now();
        controller.abort();
      }
    }
    expect(pieces).toHaveLength(3);
    expect(performance.now() - abortedAtMs).toBeLessThan(500);
  });

  it('drops text generated before the abort but not yet taken', async () => {
    const controller = new AbortController();
    const stream = model.stream(ASK, { signal: controller.signal, maxTokens: 50, temperature: 0 });
    const pieces: string[] = [];
    for await (const p of stream) {
      pieces.push(p);
      // Let the model run ahead of the consumer, then abort.
      await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
    }
    expect(pieces).toHaveLength(1);
  });

  it('answers the next request after an aborted one', async () => {
    const controller = new AbortController();
    const first = model.stream(ASK, { signal: controller.signal, maxTokens: 200 });
    controller.abort();
    for await (const _ of first) void _;
    const pieces: string[] = [];
    for await (const p of model.stream(ASK, { signal: new AbortController().signal, maxTokens: 8, temperature: 0 })) pieces.push(p);
    expect(pieces.length).toBeGreaterThan(0);
  });

  it('refuses a conversation that does not end with the user', () => {
    expect(() => model.stream([{ role: 'assistant', content: 'hi' }], { signal: new AbortController().signal })).toThrow(/must end with a user message/);
  });
});

describe('loading errors', () => {
  it('names a missing model file', async () => {
    await expect(EmbeddedLlamaModel.load({ modelPath: '/nowhere/model.gguf' })).rejects.toThrow(/no language model file at \/nowhere\/model\.gguf/);
  });

  it('reports a file that is not a GGUF model', async () => {
    const notAModel = path.resolve(import.meta.dirname, '../../fixtures/models/SOURCE.md');
    await expect(EmbeddedLlamaModel.load({ modelPath: notAModel })).rejects.toMatchObject({ code: 'model-load' });
  });
});

describe('thread count', () => {
  it('uses one thread on two cores and leaves cores free on bigger machines', () => {
    expect(defaultLlamaThreads(1)).toBe(1);
    expect(defaultLlamaThreads(2)).toBe(1);
    expect(defaultLlamaThreads(4)).toBe(2);
    expect(defaultLlamaThreads(16)).toBe(4);
  });
});
