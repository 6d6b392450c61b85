/**
 * One turn (or one context) of speech on the local server: pieces of text go in, synthesized
 * in order, and come out as protocol frames (audio chunks, word timestamps, progress). Cancel
 * stops the piece being synthesized and forgets the rest; nothing is sent after it.
 */
import { encodePcmS16le } from '../pcm.js';
import { SynthesisCancelled, type SynthesisJob } from './flite-engine.js';
import type { SpeechEngine } from './speech-engine.js';
import { estimateWordTimings } from './word-timing-estimate.js';

export interface SpeechStreamOptions {
  engine: SpeechEngine;
  voice: string;
  sampleRate: number;
  wordTimestamps: boolean;
  /** Frame sink; `extra` fields (context_id) are merged into every frame. */
  send: (frame: Record<string, unknown>) => void;
  extra?: Record<string, unknown>;
  /** Audio is sent in chunks of this length. 100 ms: small enough to stream, large enough to keep framing overhead low. */
  chunkMs?: number;
  onError?: (message: string) => void;
}

export class SpeechStream {
  private pieces: string[] = [];
  private job: SynthesisJob | null = null;
  private cancelled = false;
  private started = false;
  private chunkIdx = 0;
  private sentSamples = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: SpeechStreamOptions) {}

  get idle(): boolean {
    return this.job === null && this.pieces.length === 0;
  }

  get audioSeconds(): number {
    return this.sentSamples / this.o.sampleRate;
  }

  enqueue(pieces: string[]): void {
    if (this.cancelled) return;
    this.pieces.push(...pieces);
    void this.next();
  }

  /** Resolves once everything enqueued so far is sent (or the stream is cancelled). */
  whenIdle(): Promise<void> {
    if (this.idle || this.cancelled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  cancel(): void {
    this.cancelled = true;
    this.pieces = [];
    this.job?.cancel();
    this.job = null;
    this.wakeIdle();
  }

  private send(frame: Record<string, unknown>): void {
    if (!this.cancelled) this.o.send({ ...frame, ...this.o.extra });
  }

  private async next(): Promise<void> {
    if (this.job || this.cancelled) return;
    const text = this.pieces.shift();
    if (text === undefined) return this.wakeIdle();
    if (!this.started) {
      this.started = true;
      this.send({ generation_started: true });
    }
    const job = this.o.engine.synthesize(text, this.o.voice, this.o.sampleRate);
    this.job = job;
    try {
      const result = await job.promise;
      if (this.cancelled || this.job !== job) return;
      this.emitAudio(text, result.samples);
    } catch (err) {
      if (err instanceof SynthesisCancelled || this.cancelled) return;
      this.o.onError?.(`Synthesis failed: ${(err as Error).message}`);
    }
    if (this.job === job) this.job = null;
    void this.next();
  }

  private emitAudio(text: string, samples: Float32Array): void {
    const sr = this.o.sampleRate;
    const offsetMs = (this.sentSamples * 1000) / sr;
    if (this.o.wordTimestamps) {
      const words = estimateWordTimings(text, samples, sr, offsetMs).map((w) => ({ word: w.word, start_ms: w.startMs, end_ms: w.endMs }));
      this.send({ word_timestamps: words, estimated: true });
    }
    const per = Math.max(1, Math.round((sr * (this.o.chunkMs ?? 100)) / 1000));
    for (let i = 0; i < samples.length; i += per) {
      const part = samples.subarray(i, Math.min(samples.length, i + per));
      this.send({ audio: encodePcmS16le(part).toString('base64'), enc: 'pcm_s16le', sr, idx: this.chunkIdx, samples: part.length, chunk_id: this.chunkIdx });
      this.chunkIdx += 1;
      this.sentSamples += part.length;
    }
    this.send({ chunk_complete: true, text });
  }

  private wakeIdle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }
}
