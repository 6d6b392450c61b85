import { EventEmitter } from 'node:events';
import { ENGINE_SAMPLE_RATE, type AudioFrame } from '../audio/frame.js';
import { nullLogger, type Logger } from '../logger.js';
import { SpeechSegmenter } from './speech-segmenter.js';
import type { VadModel } from './vad-model.js';
import { resolveVadOptions, type VadOptions } from './vad-options.js';
import { concatSamples } from '../audio/samples.js';

export type VadProcessorEvents = {
  /** A tentative onset: a window at or above `tentativeThreshold`; speech may follow. */
  speechLikely: [{ tMs: number }];
  /** The tentative onset was withdrawn: no speech followed. */
  speechUnlikely: [{ tMs: number }];
  /** Speech began at `tMs` (stream time of the first speech window, or of the tentative onset that led to it). */
  speechStart: [{ tMs: number }];
  /** Inside open speech, quiet long enough that the user has probably stopped (the segment has not ended yet). */
  speechGap: [{ tMs: number }];
  /** Speech again after a gap, in the same segment. */
  speechGapEnd: [{ tMs: number }];
  /** Speech ended at `tMs`; `audio` holds 16 kHz mono from `startMs - prefixPaddingMs` to `tMs`. */
  speechEnd: [{ tMs: number; startMs: number; audio: Float32Array }];
  /** Speech that started but was shorter than `minSpeechMs`. */
  misfire: [{ startMs: number; endMs: number }];
  /** One per model window, for the level meter and for tuning. */
  probability: [{ tMs: number; p: number }];
};

/**
 * The optional cheap pre-gate (off by default): a 32 ms window below this RMS skips the
 * model while not speaking. bench:audio found it saves nothing measurable on the speech
 * fixtures (under 10% of windows are that quiet; real rooms are noisier still), so it stays
 * off; -60 dBFS is the level to try on a very quiet input.
 */
export const SUGGESTED_ENERGY_GATE_DBFS = -60;

function rmsDbfs(window: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < window.length; i++) sum += window[i]! * window[i]!;
  return 10 * Math.log10(sum / window.length + 1e-20);
}

/** A frame whose timestamp is this far from where the stream should be is a gap: time re-bases on it. */
const GAP_TOLERANCE_MS = 100;

/**
 * Feeds 16 kHz mono frames to a VAD model in fixed windows (frames and windows need not
 * line up) and turns its probabilities into speech events. Windows are processed strictly
 * in order even when the model is asynchronous.
 */
export class VadProcessor extends EventEmitter<VadProcessorEvents> {
  private readonly model: VadModel;
  private readonly logger: Logger;
  private options: VadOptions;
  private readonly segmenter: SpeechSegmenter;
  private pending: Float32Array;
  private pendingLength = 0;
  /** Stream time of sample 0 of the pending buffer. */
  private pendingStartMs = 0;
  /** Stream time just after the last sample received; null before the first frame. */
  private expectedNextMs: number | null = null;
  /** Recent audio kept for the prefix padding, plus the open segment's audio. */
  private history: { startMs: number; samples: Float32Array }[] = [];
  private chain: Promise<void> = Promise.resolve();
  /** One model window, in ms (32 for Silero at 16 kHz). */
  readonly windowMs: number;

  /** Windows quieter than this skip the model while not speaking (null = off). */
  private readonly energyGateDbfs: number | null;
  private gated = false;
  /** Windows the model ran on, and windows the energy gate answered. */
  readonly stats = { modelWindows: 0, gatedWindows: 0 };

  constructor(options: { model: VadModel; options?: Partial<VadOptions>; logger?: Logger; energyGateDbfs?: number | null }) {
    super();
    this.model = options.model;
    if (this.model.sampleRate !== ENGINE_SAMPLE_RATE) {
      throw new RangeError(`VadProcessor: the model works at ${this.model.sampleRate} Hz; frames come at ${ENGINE_SAMPLE_RATE} Hz.`);
    }
    this.logger = options.logger ?? nullLogger;
    this.options = resolveVadOptions(options.options);
    this.segmenter = new SpeechSegmenter(this.options);
    this.pending = new Float32Array(this.model.windowSamples * 4);
    this.windowMs = (this.model.windowSamples * 1000) / ENGINE_SAMPLE_RATE;
    this.energyGateDbfs = options.energyGateDbfs ?? null;
  }

  get speaking(): boolean {
    return this.segmenter.isSpeaking;
  }

  get currentOptions(): VadOptions {
    return this.options;
  }

  /** Applies changed settings live; a bad value throws and leaves the old options in place. */
  updateOptions(partial: Partial<VadOptions>): void {
    this.options = resolveVadOptions({ ...this.options, ...partial });
    this.segmenter.setOptions(this.options);
  }

  /** Queues a frame; resolves once every window it completed has been processed. */
  push(frame: AudioFrame): Promise<void> {
    if (frame.sampleRate !== ENGINE_SAMPLE_RATE || frame.channels !== 1) {
      return Promise.reject(new RangeError(`VadProcessor: frames must be ${ENGINE_SAMPLE_RATE} Hz mono, got ${frame.sampleRate} Hz x${frame.channels}.`));
    }
    this.chain = this.chain.then(() => this.accept(frame));
    return this.chain;
  }

  /** End of input: closes an open segment at the end of the audio. */
  flush(): Promise<void> {
    this.chain = this.chain.then(() => {
      if (this.expectedNextMs === null) return;
      this.emitAll(this.segmenter.finish(this.expectedNextMs));
    });
    return this.chain;
  }

  /** Forgets everything (new stream): model state, buffered audio, an open segment (without events). */
  reset(): Promise<void> {
    this.chain = this.chain.then(() => {
      this.model.reset();
      this.segmenter.reset();
      this.pendingLength = 0;
      this.expectedNextMs = null;
      this.history = [];
    });
    return this.chain;
  }

  private async accept(frame: AudioFrame): Promise<void> {
    if (this.expectedNextMs === null || Math.abs(frame.timestampMs - this.expectedNextMs) > GAP_TOLERANCE_MS) {
      if (this.expectedNextMs !== null) this.logger.debug('vad: timestamp gap, re-basing', { expected: this.expectedNextMs, got: frame.timestampMs });
      // The leftover partial window belongs to the old timeline: drop it, it is under 32 ms.
      this.pendingLength = 0;
      this.pendingStartMs = frame.timestampMs;
      this.expectedNextMs = frame.timestampMs;
    }
    // Time advances by samples, not by each frame's (jittery) timestamp.
    this.expectedNextMs += (frame.data.length * 1000) / ENGINE_SAMPLE_RATE;
    this.append(frame.data);
    const n = this.model.windowSamples;
    let offset = 0;
    while (this.pendingLength - offset >= n) {
      const window = this.pending.slice(offset, offset + n);
      const startMs = this.pendingStartMs + (offset * 1000) / ENGINE_SAMPLE_RATE;
      offset += n;
      await this.processWindow(window, startMs);
    }
    this.pending.copyWithin(0, offset, this.pendingLength);
    this.pendingLength -= offset;
    this.pendingStartMs += (offset * 1000) / ENGINE_SAMPLE_RATE;
  }

  private append(data: Float32Array): void {
    if (this.pendingLength + data.length > this.pending.length) {
      const bigger = new Float32Array(Math.max(this.pending.length * 2, this.pendingLength + data.length));
      bigger.set(this.pending.subarray(0, this.pendingLength));
      this.pending = bigger;
    }
    this.pending.set(data, this.pendingLength);
    this.pendingLength += data.length;
  }

  private async processWindow(window: Float32Array, startMs: number): Promise<void> {
    let raw: number;
    if (this.energyGateDbfs !== null && !this.segmenter.isSpeaking && rmsDbfs(window) < this.energyGateDbfs) {
      // Too quiet to be speech: skip the model. Its carried state is stale afterwards, so it restarts fresh.
      this.gated = true;
      this.stats.gatedWindows++;
      raw = 0;
    } else {
      if (this.gated) this.model.reset();
      this.gated = false;
      this.stats.modelWindows++;
      raw = await this.model.process(window);
    }
    const p = Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0;
    this.history.push({ startMs, samples: window });
    this.emit('probability', { tMs: startMs, p });
    this.emitAll(this.segmenter.feed(p, startMs, startMs + this.windowMs));
    this.trimHistory(startMs + this.windowMs);
  }

  private emitAll(events: ReturnType<SpeechSegmenter['feed']>): void {
    for (const e of events) {
      if (e.type === 'speechStart') this.emit('speechStart', { tMs: e.tMs });
      else if (e.type === 'speechLikely') this.emit('speechLikely', { tMs: e.tMs });
      else if (e.type === 'speechUnlikely') this.emit('speechUnlikely', { tMs: e.tMs });
      else if (e.type === 'speechGap') this.emit('speechGap', { tMs: e.tMs });
      else if (e.type === 'speechGapEnd') this.emit('speechGapEnd', { tMs: e.tMs });
      else if (e.type === 'misfire') this.emit('misfire', { startMs: e.startMs, endMs: e.endMs });
      else this.emit('speechEnd', { tMs: e.endMs, startMs: e.startMs, audio: this.audioBetween(e.startMs - this.options.prefixPaddingMs, e.endMs) });
    }
  }

  /** Keeps the prefix padding when idle; keeps the whole open (or tentative) segment while speaking. */
  private trimHistory(nowMs: number): void {
    const keepFromMs = (this.segmenter.speechStartMs ?? nowMs) - this.options.prefixPaddingMs - this.windowMs;
    let drop = 0;
    while (drop < this.history.length && this.history[drop]!.startMs + this.windowMs <= keepFromMs) drop++;
    if (drop > 0) this.history.splice(0, drop);
  }

  private audioBetween(fromMs: number, toMs: number): Float32Array {
    const samplesPerMs = ENGINE_SAMPLE_RATE / 1000;
    const parts: Float32Array[] = [];
    for (const w of this.history) {
      const a = Math.max(0, Math.round((fromMs - w.startMs) * samplesPerMs));
      const b = Math.min(w.samples.length, Math.round((toMs - w.startMs) * samplesPerMs));
      if (b > a) parts.push(w.samples.subarray(a, b));
    }
    return concatSamples(parts);
  }
}
