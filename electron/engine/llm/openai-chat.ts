/**
 * Any OpenAI-compatible chat completions endpoint (OpenAI, Ollama, LM Studio, llama.cpp
 * server, vLLM, OpenRouter) with SSE streaming. Aborting the caller's signal closes the
 * connection at once and ends the stream quietly; everything else that goes wrong ends it
 * with an LlmError saying what happened.
 */
import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { nullLogger, type Logger } from '../logger.js';
import { LlmError } from './errors.js';
import { errorFromResponse, networkError, retryAfterMs } from './http-errors.js';
import { listModels } from './model-list.js';
import { readSse } from './sse.js';
import type { ChatMessage, GenerateOptions, LanguageModel } from './types.js';

export interface OpenAiChatOptions {
  /** Up to and including the version segment, e.g. "http://127.0.0.1:11434/v1". */
  baseUrl: string;
  /** Empty: the first model the server lists (GET /models, asked once, on the first answer). */
  model: string;
  /** Longest answer, sent as max_tokens on every request unless the call sets its own. */
  maxTokens?: number;
  /** From main's secret store; never logged. */
  apiKey?: string;
  clock?: Clock;
  logger?: Logger;
  /** Retries after HTTP 429. Two covers a short burst limit without keeping the user waiting long. */
  maxRetries?: number;
  /** A longer Retry-After than this is reported instead of waited out: a voice reply that late is useless. */
  maxRetryWaitMs?: number;
  /**
   * No byte from the server for this long ends the stream with a timeout. 60 s, because a
   * local server may first load the model from disk before its first token.
   */
  idleTimeoutMs?: number;
}

export class OpenAiChatModel implements LanguageModel {
  readonly id: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly endpoint: string;
  private model: Promise<string> | null = null;

  constructor(private readonly options: OpenAiChatOptions) {
    this.id = `openai-compatible:${options.model || 'first listed'}`;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? nullLogger;
    this.endpoint = options.baseUrl.replace(/\/+$/, '') + '/chat/completions';
  }

  async *stream(messages: ChatMessage[], options: GenerateOptions): AsyncIterable<string> {
    const internal = new AbortController();
    const onAbort = () => internal.abort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) return;
    let timer: TimerHandle | undefined;
    let timedOut = false;
    const armIdleTimer = () => {
      this.clock.clearTimeout(timer);
      timer = this.clock.setTimeout(() => {
        timedOut = true;
        internal.abort();
      }, this.options.idleTimeoutMs ?? 60_000);
    };
    let finished = false;
    let streaming = false;
    let received = 0;
    try {
      armIdleTimer();
      const res = await this.post(messages, options, internal.signal);
      if (!res.body) throw new LlmError('bad-response', `${this.what()} answered without a body.`);
      streaming = true;
      for await (const event of readSse(res.body)) {
        // Several events can arrive in one network chunk: none of them after an abort.
        if (options.signal.aborted) return;
        armIdleTimer();
        if (event.data === '[DONE]') {
          finished = true;
          break;
        }
        const chunk = parseChunk(event.data, this.what());
        if (chunk.text) {
          received += chunk.text.length;
          yield chunk.text;
        }
        if (chunk.finished) finished = true;
      }
      if (!finished) throw this.cutShort(received);
    } catch (e) {
      if (options.signal.aborted) return;
      if (timedOut) throw new LlmError('timeout', `${this.what()} sent nothing for ${(this.options.idleTimeoutMs ?? 60_000) / 1000} s.`);
      if (e instanceof LlmError) throw e;
      throw streaming ? this.cutShort(received) : networkError(e, this.endpoint);
    } finally {
      this.clock.clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      internal.abort();
    }
  }

  /** The configured model, or the first one the server lists (asked once; a failure is asked again next time). */
  private resolveModel(): Promise<string> {
    if (this.options.model) return Promise.resolve(this.options.model);
    this.model ??= listModels({ baseUrl: this.options.baseUrl, apiKey: this.options.apiKey, clock: this.clock }).then((models) => {
      if (models.length === 0)
        throw new LlmError('not-found', `${this.what()} lists no models. Load a model in the server, or name one in Settings, Providers.`);
      this.logger.info('language model picked from the server list', { model: models[0] });
      return models[0]!;
    });
    this.model.catch(() => (this.model = null));
    return this.model;
  }

  private async post(messages: ChatMessage[], options: GenerateOptions, signal: AbortSignal): Promise<Response> {
    const model = await this.resolveModel();
    const maxTokens = options.maxTokens ?? this.options.maxTokens;
    const maxRetries = this.options.maxRetries ?? 2;
    const maxWaitMs = this.options.maxRetryWaitMs ?? 10_000;
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(this.endpoint, {
        method: 'POST',
        signal,
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model,
          messages,
          stream: true,
          ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
        }),
      });
      if (res.ok) return res;
      const retryAfter = res.headers.get('retry-after');
      // 503 with Retry-After is a busy server (Ollama's full queue): as retryable as 429.
      if (res.status === 429 || (res.status === 503 && retryAfter !== null)) {
        // Exponential 1 s, 2 s when the server does not say how long to wait.
        const waitMs = retryAfterMs(retryAfter, Date.now()) ?? 1000 * 2 ** attempt;
        if (attempt < maxRetries && waitMs <= maxWaitMs) {
          await res.body?.cancel();
          this.logger.warn('language model rate limited; retrying', { waitMs, attempt: attempt + 1 });
          await this.sleep(waitMs, signal);
          continue;
        }
        const error = await errorFromResponse(res, this.what());
        if (res.status === 503) throw error;
        throw new LlmError('rate-limited', `${error.message.replace(/\.?$/, '.')} Retry in ${Math.ceil(waitMs / 1000)} s.`);
      }
      throw await errorFromResponse(res, this.what());
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.clock.clearTimeout(handle);
        reject(new LlmError('disconnected', 'aborted'));
      };
      const handle = this.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private cutShort(received: number): LlmError {
    return new LlmError('disconnected', `${this.what()} closed the stream before the answer was complete (after ${received} characters).`);
  }

  private what(): string {
    return `The language model server at ${new URL(this.endpoint).host}`;
  }
}

interface ParsedChunk {
  text: string;
  finished: boolean;
}

function parseChunk(data: string, what: string): ParsedChunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new LlmError('bad-response', `${what} sent a stream event that is not JSON: ${JSON.stringify(data.slice(0, 120))}`);
  }
  const chunk = parsed as {
    error?: { message?: string } | string;
    choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
  };
  if (chunk.error !== undefined) {
    const message = typeof chunk.error === 'string' ? chunk.error : (chunk.error.message ?? JSON.stringify(chunk.error));
    throw new LlmError('server', `${what} reported an error mid-answer: ${message}`);
  }
  if (!Array.isArray(chunk.choices)) {
    // Usage-only and keep-alive chunks carry no choices; they are not text.
    return { text: '', finished: false };
  }
  const choice = chunk.choices[0];
  const content = choice?.delta?.content;
  if (content !== undefined && content !== null && typeof content !== 'string') {
    throw new LlmError('bad-response', `${what} sent a stream event whose delta content is not text: ${data.slice(0, 120)}`);
  }
  return { text: (content as string | null | undefined) ?? '', finished: typeof choice?.finish_reason === 'string' };
}
