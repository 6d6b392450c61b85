/**
 * Collects 16 kHz frames and lays them out by their timestamps (a late stage, such as the
 * echo canceller, stamps its output with the capture time of its samples), so the trace lines
 * up sample for sample with the microphone's.
 */
import type { AudioFrame } from '../../audio/frame.js';

const RATE = 16_000;

export class FrameTimeline {
  private readonly frames: AudioFrame[] = [];

  push(frame: AudioFrame): void {
    this.frames.push(frame);
  }

  /** The frames over [0, durationMs); silence where none was. */
  samples(durationMs: number): Float32Array {
    const out = new Float32Array(Math.round((durationMs * RATE) / 1000));
    for (const f of this.frames) {
      const at = Math.round((f.timestampMs * RATE) / 1000);
      for (let i = 0; i < f.data.length; i++) if (at + i >= 0 && at + i < out.length) out[at + i] = f.data[i]!;
    }
    return out;
  }
}
