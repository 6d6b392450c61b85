/**
 * One turn (or one context) of speech on the local server: pieces of text go in, synthesized
 * in order, and come out as KugelAudio's frames, per text chunk: `generation_started`
 * {chunk_id, text}, audio {audio, enc, sr, idx, samples, chunk_id}, `word_timestamps` (after
 * the chunk's audio; times relative to the chunk's audio, char offsets into the chunk's text,
 * as the SDKs document "per-chunk word-level timestamps"), then `chunk_complete` {chunk_id,
 * audio_seconds, gen_ms}. Markers run once everything queued before them was sent (a flush's
 * `final`). Cancel stops the piece being synthesized and forgets the rest; nothing is sent after it.
 */
import { encodeG711 } from '../g711.js';
import { encodePcmS16le } from '../pcm.js';
import { SynthesisCancelled, type SynthesisJob } from './flite-engine.js';
import type { WireEncoding } from './session-config.js';
import type { SpeechEngine } from './speech-engine.js';
import { estimateWordTimings } from './word-timing-estimate.js';

export interface SpeechStreamOptions {
  engine: SpeechEngine;
  voice: string;
  sampleRate: number;
  encoding?: WireEncoding;
  wordTimestamps: boolean;
  /** Frame sink; `extra` fields (context_id) are merged into every frame. */
  send: (frame: Record<string, unknown>) => void;
  extra?: Record<string, unknown>;
  /** Audio is sent in chunks of this length. 100 ms: small enough to stream, large enough to keep framing overhead low. */
  chunkMs?: number;
  onError?: (message: string) => void;
}

type QueueItem = { text: string } | { marker: () => void };

/** What the `final` / `session_closed` / `context_closed` frames report. */
export interface SpeechStats {
  total_audio_seconds: number;
  total_text_chunks: number;
  total_audio_chunks: number;
}

export class SpeechStream {
  private queue: QueueItem[] = [];
  private job: SynthesisJob | null = null;
  private cancelled = false;
  /** One loop works the queue at a time, so pieces are synthesized strictly in order. */
  private running = false;
  private textChunks = 0;
  private audioChunks = 0;
  private sentSamples = 0;
  private characters = 0;

  constructor(private readonly o: SpeechStreamOptions) {}

  get idle(): boolean {
    return this.job === null && this.queue.length === 0;
  }

  get audioSeconds(): number {
    return this.sentSamples / this.o.sampleRate;
  }

  get stats(): SpeechStats {
    return { total_audio_seconds: round3(this.audioSeconds), total_text_chunks: this.textChunks, total_audio_chunks: this.audioChunks };
  }

  /** The SDKs' usage block: audio seconds billed, characters, model; no cost on a local server. */
  get usage(): Record<string, unknown> {
    return { audio_seconds: round3(this.audioSeconds), characters: this.characters, model_id: 'kugel-3', cost_cents: null };
  }

  enqueue(pieces: string[]): void {
    if (this.cancelled) return;
    this.queue.push(...pieces.map((text) => ({ text })));
    void this.next();
  }

  /** Runs `fn` once everything enqueued so far was sent; never after a cancel. */
  mark(fn: () => void): void {
    if (this.cancelled) return;
    this.queue.push({ marker: fn });
    void this.next();
  }

  /** Resolves once everything enqueued so far is sent (or the stream is cancelled). */
  whenIdle(): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      this.queue.push({ marker: resolve });
      void this.next();
    });
  }

  cancel(): void {
    this.cancelled = true;
    this.queue = [];
    this.job?.cancel();
    this.job = null;
  }

  private send(frame: Record<string, unknown>): void {
    if (!this.cancelled) this.o.send({ ...frame, ...this.o.extra });
  }

  private async next(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.cancelled) {
        const item = this.queue.shift();
        if (!item) return;
        if ('marker' in item) item.marker();
        else await this.speak(item.text);
      }
    } finally {
      this.running = false;
    }
  }

  private async speak(text: string): Promise<void> {
    const chunkId = this.textChunks++;
    this.characters += text.length;
    this.send({ generation_started: true, chunk_id: chunkId, text });
    const job = this.o.engine.synthesize(text, this.o.voice, this.o.sampleRate);
    this.job = job;
    const startedMs = performance.now();
    try {
      const result = await job.promise;
      if (this.cancelled || this.job !== job) return;
      this.emitChunk(chunkId, text, result.samples, performance.now() - startedMs);
    } catch (err) {
      if (err instanceof SynthesisCancelled || this.cancelled) return;
      this.o.onError?.(`Synthesis failed: ${(err as Error).message}`);
    } finally {
      if (this.job === job) this.job = null;
    }
  }

  private emitChunk(chunkId: number, text: string, samples: Float32Array, genMs: number): void {
    const sr = this.o.sampleRate;
    const enc = this.o.encoding ?? 'pcm_s16le';
    const per = Math.max(1, Math.round((sr * (this.o.chunkMs ?? 100)) / 1000));
    for (let i = 0; i < samples.length; i += per) {
      const part = samples.subarray(i, Math.min(samples.length, i + per));
      const bytes = enc === 'pcm_s16le' ? encodePcmS16le(part) : encodeG711(part, enc);
      this.send({ audio: bytes.toString('base64'), enc, sr, idx: this.audioChunks, samples: part.length, chunk_id: chunkId });
      this.audioChunks += 1;
      this.sentSamples += part.length;
    }
    if (this.o.wordTimestamps) {
      const words = estimateWordTimings(text, samples, sr).map((w) => ({
        word: w.word,
        start_ms: w.startMs,
        end_ms: w.endMs,
        char_start: w.charStart,
        char_end: w.charEnd,
        // flite gives no alignment: the times are estimated from energy, so a middling confidence.
        score: 0.5,
      }));
      this.send({ word_timestamps: words, chunk_id: chunkId, estimated: true });
    }
    this.send({ chunk_complete: true, chunk_id: chunkId, audio_seconds: round3(samples.length / sr), gen_ms: Math.round(genMs), text });
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
