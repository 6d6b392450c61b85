/**
 * The playback reference as the canceller takes it in: output frames exactly as written to the
 * device (any rate, any channel count) -> 16 kHz mono in the ReferenceBuffer, at the sample
 * position on the capture timeline where each is heard.
 */
import { downmixToMono } from '../channels.js';
import { ENGINE_SAMPLE_RATE, type AudioFrame } from '../frame.js';
import type { ResamplerFactory, StreamResampler } from '../resampler.js';
import type { ReferenceBuffer } from './reference-buffer.js';

const RATE = ENGINE_SAMPLE_RATE;
/** A frame this far from where the stream was expected starts a new stream (device restart, a gap). */
export const REANCHOR_SAMPLES = RATE / 50;

export class ReferenceIntake {
  private resampler: StreamResampler | null = null;
  private next: number | null = null;

  /** @param resamplers for references at another rate than 16 kHz (the output device's rate); linear interpolation without. */
  constructor(
    private readonly reference: ReferenceBuffer,
    private readonly resamplers: ResamplerFactory | undefined,
  ) {}

  /** An output frame exactly as written to the device, and when its first sample is heard (clock ms). */
  push(frame: AudioFrame, heardAtMs: number): void {
    let mono = frame.channels > 1 ? downmixToMono(frame.data, frame.channels) : frame.data;
    if (frame.sampleRate !== RATE) mono = this.toEngineRate(mono, frame.sampleRate);
    if (mono.length === 0) return;
    const stamped = Math.round((heardAtMs * RATE) / 1000);
    // Frames of one run follow each other exactly; the stamp only says where a new run starts.
    const position = this.next !== null && Math.abs(stamped - this.next) < REANCHOR_SAMPLES ? this.next : stamped;
    this.reference.write(position, mono);
    this.next = position + mono.length;
  }

  private toEngineRate(samples: Float32Array, rate: number): Float32Array {
    if (this.resamplers) {
      if (!this.resampler || this.resampler.inputRate !== rate) {
        this.resampler?.release();
        this.resampler = this.resamplers.create({ inputRate: rate, outputRate: RATE });
      }
      return this.resampler.process(samples);
    }
    return linearResample(samples, rate, RATE);
  }

  dispose(): void {
    this.resampler?.release();
    this.resampler = null;
  }
}

/** Fallback when no resampler factory is given: linear interpolation (fine for the envelope, a few dB of ERLE lost above 4 kHz). */
function linearResample(samples: Float32Array, from: number, to: number): Float32Array {
  const n = Math.floor((samples.length * to) / from);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = (i * from) / to;
    const j = Math.floor(x);
    const f = x - j;
    out[i] = (samples[j] ?? 0) * (1 - f) + (samples[j + 1] ?? samples[j] ?? 0) * f;
  }
  return out;
}
