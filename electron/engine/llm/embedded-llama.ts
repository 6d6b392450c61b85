/**
 * The embedded language model: a GGUF file run in-process by node-llama-cpp (prebuilt
 * binaries, so nothing is compiled or downloaded at run time). One answer at a time; a new
 * stream waits for the previous one to stop, which after an abort takes one token at most.
 */
import { access } from 'node:fs/promises';
import os from 'node:os';
import type { ChatHistoryItem, Llama, LlamaContext, LlamaModel } from 'node-llama-cpp';
import { nullLogger, type Logger } from '../logger.js';
import { AsyncQueue } from './async-queue.js';
import { LlmError } from './errors.js';
import type { ChatMessage, GenerateOptions, LanguageModel } from './types.js';

export interface EmbeddedLlamaOptions {
  modelPath: string;
  /** CPU threads for generation; see `defaultLlamaThreads`. */
  threads?: number;
  /** Upper bound on the context window; the model's own training size wins when smaller. 4096 holds a long conversation. */
  contextSize?: number;
  /** Longest answer (Settings, "Longest answer") unless a call sets its own. */
  maxTokens?: number;
  logger?: Logger;
}

/**
 * One thread on machines with 2 cores or fewer (measured: 60 tokens in 24 ms with 1 thread,
 * over 30 s with the default, because threads fight the audio pipeline and each other),
 * otherwise half the cores up to 4, leaving the rest for audio, VAD and speech recognition.
 */
export function defaultLlamaThreads(cores = os.availableParallelism()): number {
  if (cores <= 2) return 1;
  return Math.min(4, Math.floor(cores / 2));
}

let llamaPromise: Promise<Llama> | undefined;

/**
 * The node-llama-cpp runtime, loaded once per process, never building from source. The GPU
 * backend is the one hardware detection reports (Metal, CUDA, Vulkan: a prebuilt binary whose
 * driver is present), else the CPU: the first-run recommendation of a larger model counts on it.
 */
async function runtime(): Promise<Llama> {
  // Errors only: llama.cpp warns about harmless GGUF metadata quirks on every load.
  llamaPromise ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) =>
    getLlama({ gpu: 'auto', build: 'never', progressLogs: false, logLevel: LlamaLogLevel.error }),
  );
  return llamaPromise;
}

export class EmbeddedLlamaModel implements LanguageModel {
  readonly id: string;
  private previous: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly logger: Logger,
    modelPath: string,
    private readonly maxTokens: number | undefined,
  ) {
    this.id = `embedded:${modelPath.split(/[\\/]/).pop()}`;
  }

  static async load(options: EmbeddedLlamaOptions): Promise<EmbeddedLlamaModel> {
    const logger = options.logger ?? nullLogger;
    try {
      await access(options.modelPath);
    } catch {
      throw new LlmError('model-load', `There is no language model file at ${options.modelPath}. Download it or choose one in Settings, Providers.`);
    }
    try {
      const llama = await runtime();
      const model = await llama.loadModel({ modelPath: options.modelPath });
      const context = await model.createContext({
        contextSize: { max: options.contextSize ?? 4096 },
        threads: options.threads ?? defaultLlamaThreads(),
      });
      logger.info('embedded language model loaded', { modelPath: options.modelPath, contextSize: context.contextSize });
      return new EmbeddedLlamaModel(model, context, logger, options.modelPath, options.maxTokens);
    } catch (e) {
      throw new LlmError('model-load', `Could not load the language model ${options.modelPath}: ${(e as Error).message}`, { cause: e });
    }
  }

  stream(messages: ChatMessage[], options: GenerateOptions): AsyncIterable<string> {
    if (this.closed) throw new LlmError('model-load', 'The embedded language model was closed.');
    const last = messages.at(-1);
    if (last?.role !== 'user') throw new LlmError('bad-response', 'The conversation given to the language model must end with a user message.');
    // Stops generation on the caller's abort, and also when the caller stops reading early.
    const stop = new AbortController();
    const queue = new AsyncQueue<string>(() => stop.abort());
    // Text generated before the abort but not yet taken is part of the cancelled answer: drop it.
    options.signal.addEventListener(
      'abort',
      () => {
        stop.abort();
        queue.discard();
      },
      { once: true },
    );
    if (options.signal.aborted) stop.abort();
    const run = this.previous.then(() => this.generate(messages.slice(0, -1), last.content, { ...options, signal: stop.signal }, queue));
    this.previous = run.catch(() => undefined);
    return queue;
  }

  private async generate(history: ChatMessage[], prompt: string, options: GenerateOptions, queue: AsyncQueue<string>): Promise<void> {
    if (options.signal.aborted) return queue.end();
    const { LlamaChatSession } = await import('node-llama-cpp');
    const sequence = this.context.getSequence();
    const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
    try {
      session.setChatHistory(toChatHistory(history));
      await session.prompt(prompt, {
        signal: options.signal,
        stopOnAbortSignal: true,
        maxTokens: options.maxTokens ?? this.maxTokens,
        temperature: options.temperature,
        onTextChunk: (text) => {
          if (!options.signal.aborted) queue.push(text);
        },
      });
      queue.end();
    } catch (e) {
      if (options.signal.aborted) queue.end();
      else queue.fail(new LlmError('server', `The embedded language model failed: ${(e as Error).message}`, { cause: e }));
    } finally {
      session.dispose({ disposeSequence: false });
      sequence.dispose();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.previous;
    await this.context.dispose();
    await this.model.dispose();
    this.logger.info('embedded language model closed');
  }
}

function toChatHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  return messages.map((m): ChatHistoryItem => {
    if (m.role === 'system') return { type: 'system', text: m.content };
    if (m.role === 'user') return { type: 'user', text: m.content };
    return { type: 'model', response: [m.content] };
  });
}
