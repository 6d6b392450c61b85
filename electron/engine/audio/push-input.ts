import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.js';
import { ENGINE_SAMPLE_RATE, type AudioFrame } from './frame.js';
import type { AudioInput, AudioInputEvents } from './ports.js';

/**
 * An input fed by code: the browser twin hands in frames captured by the page, tests hand
 * in fixtures. Frames pushed while stopped are refused loudly rather than lost quietly.
 */
export class PushInput extends EventEmitter<AudioInputEvents> implements AudioInput {
  readonly sampleRate: number;
  readonly channels: number;
  private readonly clock: Clock;
  private isRunning = false;

  constructor(options: { clock: Clock; sampleRate?: number; channels?: number }) {
    super();
    this.clock = options.clock;
    this.sampleRate = options.sampleRate ?? ENGINE_SAMPLE_RATE;
    this.channels = options.channels ?? 1;
  }

  get running(): boolean {
    return this.isRunning;
  }

  async start(): Promise<void> {
    this.isRunning = true;
  }

  async stop(): Promise<void> {
    if (!this.isRunning) return;
    this.isRunning = false;
    this.emit('end');
  }

  /** Emits `samples` as one frame, timestamped now unless `timestampMs` is given. */
  push(samples: Float32Array, timestampMs?: number): AudioFrame {
    if (!this.isRunning) throw new Error('PushInput: push() before start() or after stop(); the frame would be lost.');
    if (samples.length % this.channels !== 0) {
      throw new RangeError(`PushInput: ${samples.length} samples is not a whole number of ${this.channels}-channel frames.`);
    }
    const frame: AudioFrame = {
      data: samples,
      sampleRate: this.sampleRate,
      channels: this.channels,
      timestampMs: timestampMs ?? this.clock.nowMs(),
    };
    this.emit('frame', frame);
    return frame;
  }
}
