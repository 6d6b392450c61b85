/**
 * Any OpenAI-compatible `/v1/audio/transcriptions` endpoint (OpenAI, whisper.cpp server,
 * faster-whisper servers, LocalAI): the segment is sent whole when the user stops speaking,
 * so there are finals only, no interim results.
 */
import { EventEmitter } from 'node:events';
import { ENGINE_SAMPLE_RATE } from '../audio/frame.js';
import { nullLogger, type Logger } from '../logger.js';
import { checkSamples, SttError } from './errors.js';
import { SegmentBuffer } from './segment-buffer.js';
import type { SpeechRecognizer, SpeechRecognizerEvents, Transcript, TranscriptWord } from './types.js';
import { encodeWav } from './wav.js';

export interface OpenAiTranscriptionOptions {
  /** Up to and including the version segment, e.g. "https://api.openai.com/v1". */
  baseUrl: string;
  /** e.g. "whisper-1", "gpt-4o-mini-transcribe", or what the local server expects. */
  model: string;
  apiKey?: string;
  /** ISO-639-1, e.g. "en"; omitted lets the server detect the language. */
  language?: string;
  /** Ask for word timings (verbose_json); not every server supports it, so off by default. */
  wordTimings?: boolean;
  logger?: Logger;
}

export class OpenAiTranscriptionRecognizer extends EventEmitter<SpeechRecognizerEvents> implements SpeechRecognizer {
  readonly id: string;
  /** One request per segment: the words come only after the person stops. */
  readonly streaming = false;
  private readonly buffer = new SegmentBuffer();
  private readonly inFlight = new Set<AbortController>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly logger: Logger;

  constructor(private readonly options: OpenAiTranscriptionOptions) {
    super();
    this.id = `openai-transcription:${options.model}`;
    this.logger = options.logger ?? nullLogger;
  }

  push(samples: Float32Array): void {
    checkSamples(samples);
    if (this.closed) throw new SttError('closed', 'This speech recognizer is closed.');
    this.buffer.append(samples);
  }

  endSegment(): void {
    if (this.closed) return;
    const samples = this.buffer.take();
    // Finals leave in the order the segments ended, even if a later request answers first.
    const request = this.transcribe(samples);
    this.queue = this.queue.then(async () => {
      try {
        this.emit('final', await request);
      } catch (e) {
        if (!this.closed) this.emit('error', e as Error);
      }
    });
  }

  reset(): void {
    this.buffer.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.buffer.clear();
    for (const c of this.inFlight) c.abort();
    await this.queue;
  }

  private async transcribe(samples: Float32Array): Promise<Transcript> {
    if (samples.length === 0) return { text: '' };
    const controller = new AbortController();
    this.inFlight.add(controller);
    const url = this.options.baseUrl.replace(/\/+$/, '') + '/audio/transcriptions';
    const form = new FormData();
    // A plain Uint8Array copy: Blob takes it under both the Node and the DOM typings.
    form.append('file', new Blob([new Uint8Array(encodeWav(samples, ENGINE_SAMPLE_RATE))], { type: 'audio/wav' }), 'segment.wav');
    form.append('model', this.options.model);
    if (this.options.language) form.append('language', this.options.language);
    if (this.options.wordTimings) {
      form.append('response_format', 'verbose_json');
      form.append('timestamp_granularities[]', 'word');
    } else form.append('response_format', 'json');
    try {
      const res = await fetch(url, {
        method: 'POST',
        body: form,
        signal: controller.signal,
        headers: this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {},
      });
      const body = await res.text();
      if (!res.ok) throw httpError(res.status, body, url);
      return parseTranscription(body, url);
    } catch (e) {
      if (e instanceof SttError) throw e;
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        throw new SttError('offline', `Cannot reach the transcription server ${new URL(url).host} (${code}).`, { cause: e });
      }
      this.logger.warn('transcription request failed', { error: (e as Error).message });
      throw new SttError('disconnected', `The transcription request to ${new URL(url).host} failed: ${(e as Error).message}`, { cause: e });
    } finally {
      this.inFlight.delete(controller);
    }
  }
}

function httpError(status: number, body: string, url: string): SttError {
  let detail = body.trim().slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    if (message) detail = message;
  } catch {
    // Not JSON: keep the text.
  }
  const where = `The transcription server ${new URL(url).host}`;
  const suffix = detail ? `: ${detail}` : '.';
  if (status === 401 || status === 403) return new SttError('unauthorized', `${where} refused the API key (HTTP ${status})${suffix}`);
  if (status === 429) return new SttError('rate-limited', `${where} is rate limiting requests (HTTP 429)${suffix}`);
  return new SttError('server', `${where} failed with HTTP ${status}${suffix}`);
}

function parseTranscription(body: string, url: string): Transcript {
  let parsed: { text?: unknown; words?: { word?: unknown; start?: unknown; end?: unknown }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new SttError(
      'bad-response',
      `The transcription server ${new URL(url).host} answered with something that is not JSON: ${JSON.stringify(body.slice(0, 120))}`,
    );
  }
  if (typeof parsed.text !== 'string') {
    throw new SttError('bad-response', `The transcription server ${new URL(url).host} answered without a "text" field.`);
  }
  const words: TranscriptWord[] | undefined = Array.isArray(parsed.words)
    ? parsed.words
        .filter((w) => typeof w.word === 'string' && typeof w.start === 'number' && typeof w.end === 'number')
        .map((w) => ({ word: w.word as string, startMs: Math.round((w.start as number) * 1000), endMs: Math.round((w.end as number) * 1000) }))
    : undefined;
  return words ? { text: parsed.text.trim(), words } : { text: parsed.text.trim() };
}
