/**
 * GET {baseUrl}/models on an OpenAI-compatible server (OpenAI, Ollama, LM Studio, llama.cpp,
 * vLLM): the model ids it offers, or an LlmError a person can act on. Used to pick a model
 * when none is set, to fill the model dropdown, and by a provider's Test button.
 */
import { systemClock, type Clock } from '../clock.js';
import { LlmError } from './errors.js';
import { errorFromResponse, networkError } from './http-errors.js';

export interface ListModelsOptions {
  /** Up to the version segment, e.g. "http://127.0.0.1:1234/v1". */
  baseUrl: string;
  apiKey?: string;
  /** 5 s: a local server answers in milliseconds, a cloud API well within a second; past this the address is wrong or the host is down. */
  timeoutMs?: number;
  clock?: Clock;
}

/** Bounds a hostile or broken server: a real model list is a few kilobytes. */
const MAX_BODY_CHARS = 2_000_000;
const MAX_MODELS = 1000;

export async function listModels(options: ListModelsOptions): Promise<string[]> {
  const url = options.baseUrl.replace(/\/+$/, '') + '/models';
  const host = new URL(url).host;
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 5000;
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetch(url, {
        signal: controller.signal,
        headers: { accept: 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
      });
    } catch (e) {
      if (timedOut) throw new LlmError('timeout', `${host} did not answer within ${timeoutMs / 1000} s. Is the address right?`);
      throw networkError(e, url);
    }
    if (!res.ok) throw await errorFromResponse(res, `The server at ${host}`);
    const text = await res.text();
    if (text.length > MAX_BODY_CHARS) throw new LlmError('bad-response', `The server at ${host} sent a model list too large to be real.`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new LlmError(
        'bad-response',
        `The server at ${host} answered, but not with a model list (is it an OpenAI-compatible server, and does the address end in /v1?).`,
      );
    }
    const data = (body as { data?: unknown }).data;
    if (!Array.isArray(data)) {
      throw new LlmError(
        'bad-response',
        `The server at ${host} answered, but not with a model list (is it an OpenAI-compatible server, and does the address end in /v1?).`,
      );
    }
    return data
      .map((m) => (m as { id?: unknown } | null)?.id)
      .filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 200)
      .slice(0, MAX_MODELS);
  } catch (e) {
    if (timedOut && !(e instanceof LlmError)) throw new LlmError('timeout', `${host} did not answer within ${timeoutMs / 1000} s. Is the address right?`);
    throw e;
  } finally {
    clock.clearTimeout(timer);
  }
}
