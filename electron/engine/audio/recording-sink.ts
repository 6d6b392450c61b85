import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.js';
import type { AudioFrame } from './frame.js';
import type { AudioOutput, AudioOutputEvents } from './ports.js';

export interface RecordedFrame {
  /** Clock time at which the frame was handed to the sink. */
  writtenAtMs: number;
  data: Float32Array;
}

/**
 * An output that keeps every sample with the clock time it was written: tests and
 * benchmarks read exactly what the speaker would have been given, and when.
 */
export class RecordingSink extends EventEmitter<AudioOutputEvents> implements AudioOutput {
  readonly sampleRate: number;
  readonly channels: number;
  readonly latencyMs: number;
  readonly frames: RecordedFrame[] = [];
  flushCount = 0;
  closed = false;
  private readonly clock: Clock;

  constructor(options: { clock: Clock; sampleRate?: number; channels?: number; latencyMs?: number }) {
    super();
    this.clock = options.clock;
    this.sampleRate = options.sampleRate ?? 48_000;
    this.channels = options.channels ?? 1;
    this.latencyMs = options.latencyMs ?? 0;
  }

  write(frame: AudioFrame): void {
    if (frame.sampleRate !== this.sampleRate || frame.channels !== this.channels) {
      throw new RangeError(`RecordingSink: frame is ${frame.sampleRate} Hz x${frame.channels}, the sink is ${this.sampleRate} Hz x${this.channels}.`);
    }
    this.frames.push({ writtenAtMs: this.clock.nowMs(), data: frame.data.slice() });
  }

  flush(): void {
    this.flushCount++;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Every sample written, in order, interleaved. */
  samples(): Float32Array {
    const total = this.frames.reduce((n, f) => n + f.data.length, 0);
    const out = new Float32Array(total);
    let at = 0;
    for (const f of this.frames) {
      out.set(f.data, at);
      at += f.data.length;
    }
    return out;
  }

  /** Clock time of the last write that held a sample with |value| > `epsilon`, or null. */
  lastNonSilentWriteMs(epsilon = 0): number | null {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      if (f.data.some((v) => Math.abs(v) > epsilon)) return f.writtenAtMs;
    }
    return null;
  }
}
