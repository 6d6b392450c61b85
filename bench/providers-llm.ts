/** Embedded LLM figures: load, first token, token rate, first clause, abort-to-stop. */
import path from 'node:path';
import { ClauseSplitter } from '../electron/engine/llm/clause-splitter.js';
import { EmbeddedLlamaModel } from '../electron/engine/llm/embedded-llama.js';
import type { ChatMessage } from '../electron/engine/llm/types.js';
import { median, percentile, type Figure } from './providers-stats.js';

const MODEL = path.resolve(import.meta.dirname, '../test/fixtures/models/stories260K.gguf');
const PROMPT: ChatMessage[] = [{ role: 'user', content: 'Once upon a time there was a little dog.' }];

/** `modelPath`/`label`: another GGUF (bench:local-models measures the one INTERJECT_LLM_MODEL names). */
export async function benchEmbeddedLlm(runs: number, modelPath = MODEL, label = 'stories260K'): Promise<Figure[]> {
  const loadStart = performance.now();
  const model = await EmbeddedLlamaModel.load({ modelPath, threads: 1, contextSize: 512 });
  const loadMs = performance.now() - loadStart;

  const firstTokenMs: number[] = [];
  const firstClauseMs: number[] = [];
  const tokensPerSecond: number[] = [];
  for (let i = 0; i < runs; i++) {
    const splitter = new ClauseSplitter();
    const start = performance.now();
    let first: number | undefined;
    let clause: number | undefined;
    let chunks = 0;
    for await (const piece of model.stream(PROMPT, { signal: new AbortController().signal, maxTokens: 60, temperature: 0.8 })) {
      first ??= performance.now() - start;
      chunks++;
      if (clause === undefined && splitter.push(piece).length > 0) clause = performance.now() - start;
    }
    const total = performance.now() - start;
    if (first !== undefined) firstTokenMs.push(first);
    if (clause !== undefined) firstClauseMs.push(clause);
    if (total > 0) tokensPerSecond.push((chunks / total) * 1000);
  }

  const abortToStopMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const controller = new AbortController();
    let abortedAt = 0;
    let n = 0;
    for await (const _ of model.stream(PROMPT, { signal: controller.signal, maxTokens: 400 })) {
      void _;
      if (++n === 5) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    if (abortedAt > 0) abortToStopMs.push(performance.now() - abortedAt);
  }
  await model.close();

  const fig = (name: string, xs: number[], unit: string, note?: string): Figure => ({
    name,
    value: xs.length ? median(xs) : null,
    p95: xs.length ? percentile(xs, 95) : null,
    unit,
    runs: xs.length,
    note,
  });
  return [
    { name: `embedded LLM load (${label})`, value: loadMs, unit: 'ms', runs: 1, note: 'includes loading node-llama-cpp' },
    fig('embedded LLM first token', firstTokenMs, 'ms', '1 thread; a 0.5B instruct model is far slower'),
    fig('embedded LLM first clause for TTS', firstClauseMs, 'ms', 'clause splitter on the stream'),
    fig('embedded LLM text chunks per second', tokensPerSecond, '/s'),
    fig('embedded LLM abort to stop', abortToStopMs, 'ms', 'abort() to the iterator ending'),
  ];
}
