import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../clock.js';
import { downmixToMono } from './channels.js';
import { ENGINE_SAMPLE_RATE, type AudioFrame } from './frame.js';
import type { AudioInput, AudioInputEvents } from './ports.js';
import { loadResamplerFactory, resampleAll, type ResamplerFactory } from './resampler.js';
import { readWavFile, type DecodedWav } from './wav-reader.js';

export interface WavFileInputOptions {
  /** A path to read, or audio already decoded. */
  source: string | DecodedWav;
  clock: Clock;
  /** 'realtime' emits one frame per frame period on the clock; 'fast' emits everything at once. */
  pace: 'realtime' | 'fast';
  /** Output rate; the file is converted to it. Default 16 kHz, the engine rate. */
  sampleRate?: number;
  /** 20 ms: the engine's frame size (docs/architecture.md). */
  frameMs?: number;
  /** Timestamp of the first frame in 'fast' mode (file time). Default 0. */
  startMs?: number;
  resamplers?: ResamplerFactory;
}

/**
 * Plays a WAV file as if it were a microphone: converted to mono at `sampleRate`, cut
 * into frames. Used by tests, benchmarks, the VAD CLI and the simulate command.
 * A bad file rejects `start()` with an error naming the problem.
 */
export class WavFileInput extends EventEmitter<AudioInputEvents> implements AudioInput {
  readonly sampleRate: number;
  readonly channels = 1;
  private readonly options: WavFileInputOptions;
  private readonly frameMs: number;
  private timer: TimerHandle | undefined;
  private isRunning = false;
  /** The decoded, converted file once started. */
  audio: Float32Array | null = null;

  constructor(options: WavFileInputOptions) {
    super();
    this.options = options;
    this.sampleRate = options.sampleRate ?? ENGINE_SAMPLE_RATE;
    this.frameMs = options.frameMs ?? 20;
    if (!(this.frameMs > 0)) throw new RangeError(`WavFileInput: frameMs must be positive, got ${this.frameMs}.`);
  }

  get running(): boolean {
    return this.isRunning;
  }

  get durationMs(): number {
    return this.audio ? (this.audio.length * 1000) / this.sampleRate : 0;
  }

  async start(): Promise<void> {
    if (this.isRunning) return;
    const wav = typeof this.options.source === 'string' ? await readWavFile(this.options.source) : this.options.source;
    const mono = downmixToMono(wav.samples, wav.channels);
    let audio = mono;
    if (wav.sampleRate !== this.sampleRate) {
      const resamplers = this.options.resamplers ?? (await loadResamplerFactory({ spare: 1 }));
      audio = resampleAll(resamplers, mono, wav.sampleRate, this.sampleRate);
    }
    this.audio = audio;
    this.isRunning = true;
    const samplesPerFrame = Math.round((this.sampleRate * this.frameMs) / 1000);
    const frameCount = Math.ceil(audio.length / samplesPerFrame);
    const frameAt = (i: number, originMs: number): AudioFrame => ({
      data: audio.slice(i * samplesPerFrame, (i + 1) * samplesPerFrame),
      sampleRate: this.sampleRate,
      channels: 1,
      timestampMs: originMs + (i * samplesPerFrame * 1000) / this.sampleRate,
    });

    if (this.options.pace === 'fast') {
      const originMs = this.options.startMs ?? 0;
      for (let i = 0; i < frameCount && this.isRunning; i++) this.emit('frame', frameAt(i, originMs));
      this.finish();
      return;
    }
    // Real time: frame i is due at origin + i * frameMs; catch up if the clock jumped.
    const { clock } = this.options;
    const originMs = clock.nowMs();
    let next = 0;
    const tick = () => {
      const due = Math.min(frameCount, Math.floor((clock.nowMs() - originMs) / this.frameMs) + 1);
      while (next < due && this.isRunning) this.emit('frame', frameAt(next++, originMs));
      if (next >= frameCount) this.finish();
    };
    this.timer = clock.setInterval(tick, this.frameMs);
    tick();
  }

  async stop(): Promise<void> {
    this.finish();
  }

  private finish(): void {
    if (this.timer !== undefined) {
      this.options.clock.clearInterval(this.timer);
      this.timer = undefined;
    }
    if (!this.isRunning) return;
    this.isRunning = false;
    this.emit('end');
  }
}
