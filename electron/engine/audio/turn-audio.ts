import { SourceAudio } from './source-audio.js';

/** One turn's audio waiting to be played, mono: as it came (`source`), and converted to the device rate. */
export class TurnAudio {
  private readonly chunks: Float32Array[] = [];
  private headOffset = 0;
  private queued = 0;
  ended = false;
  started = false;
  /** Device samples of this turn handed to the output so far. */
  writtenSamples = 0;
  /** Stretches of clock time during which this turn's written audio is (or was) heard. */
  readonly heard: { fromMs: number; durationMs: number }[] = [];

  /** Audio not yet converted to the device rate: converted a frame at a time by `fill`. */
  readonly source: SourceAudio;

  constructor(
    readonly turnId: string,
    sliceMs: number,
  ) {
    this.source = new SourceAudio(sliceMs);
  }

  /** Device-rate samples ready to play (call `fill` first to convert what is due). */
  get queuedSamples(): number {
    return this.queued;
  }

  /** Converts source audio until `samples` are ready or nothing more can be converted yet. */
  fill(samples: number): void {
    while (this.queued < samples) {
      const next = this.source.next();
      if (next === null) return;
      this.push(next);
    }
  }

  private push(samples: Float32Array): void {
    if (samples.length === 0) return;
    this.chunks.push(samples);
    this.queued += samples.length;
  }

  /** Removes and returns up to `max` samples from the front. */
  take(max: number): Float32Array {
    const n = Math.min(max, this.queued);
    const out = new Float32Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const part = Math.min(n - filled, chunk.length - this.headOffset);
      out.set(chunk.subarray(this.headOffset, this.headOffset + part), filled);
      filled += part;
      this.headOffset += part;
      if (this.headOffset === chunk.length) {
        this.chunks.shift();
        this.headOffset = 0;
      }
    }
    this.queued -= n;
    return out;
  }

  /** Records that audio written now will be heard from `fromMs` for `durationMs`. */
  addHeard(fromMs: number, durationMs: number): void {
    const last = this.heard.at(-1);
    if (last && Math.abs(last.fromMs + last.durationMs - fromMs) < 1e-6) last.durationMs += durationMs;
    else this.heard.push({ fromMs, durationMs });
  }

  /** Ms of this turn heard by `nowMs`. */
  heardMs(nowMs: number): number {
    let total = 0;
    for (const h of this.heard) total += Math.max(0, Math.min(h.durationMs, nowMs - h.fromMs));
    return total;
  }

  /** Nothing after `nowMs` will be heard (the device buffer was flushed). */
  cutHeardAt(nowMs: number): void {
    for (const h of this.heard) h.durationMs = Math.max(0, Math.min(h.durationMs, nowMs - h.fromMs));
  }

  /** Clock time at which the last written sample has been heard. */
  heardEndMs(): number {
    const last = this.heard.at(-1);
    return last ? last.fromMs + last.durationMs : -Infinity;
  }

  dispose(): void {
    this.source.dispose();
    this.chunks.length = 0;
    this.queued = 0;
  }
}
