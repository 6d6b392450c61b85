import type { StreamResampler } from './resampler.js';

/** A run of one turn's audio at one input rate, converted by one continuous resampler. */
interface Run {
  readonly rate: number;
  readonly resampler: StreamResampler | null;
  readonly sliceSamples: number;
  readonly chunks: Float32Array[];
  offset: number;
  /** No more audio joins this run: once its input is converted, the resampler's tail follows. */
  closed: boolean;
}

/**
 * One turn's audio as it came from TTS, converted to the device rate a slice at a time when the
 * queue needs it. Converting a whole chunk on arrival held the event loop (and so the
 * microphone) for ~100 ms per 5 s of speech on a loaded machine; a slice is one frame. The
 * samples are the same either way: each run keeps one continuous resampler, flushed at its end.
 */
export class SourceAudio {
  private readonly runs: Run[] = [];

  constructor(private readonly sliceMs: number) {}

  /** Audio at `rate`; `resamplerFor` gives null when it is already at the device rate. A new rate, or audio after `close`, starts a new run. */
  append(samples: Float32Array, rate: number, resamplerFor: (rate: number) => StreamResampler | null): void {
    let run = this.runs.at(-1);
    if (!run || run.closed || run.rate !== rate) {
      const resampler = resamplerFor(rate);
      if (run) run.closed = true;
      run = { rate, resampler, sliceSamples: Math.max(1, Math.ceil((rate * this.sliceMs) / 1000)), chunks: [], offset: 0, closed: false };
      this.runs.push(run);
    }
    // A copy: the caller may reuse its buffer before this is played.
    run.chunks.push(samples.slice());
  }

  /** The turn has ended: its last run's tail can be flushed once its input is converted. */
  close(): void {
    const run = this.runs.at(-1);
    if (run) run.closed = true;
  }

  /** The next converted slice (possibly empty while the filter fills), or null when nothing is left to convert yet. */
  next(): Float32Array | null {
    for (;;) {
      const run = this.runs[0];
      if (!run) return null;
      const chunk = run.chunks[0];
      if (chunk) {
        const input = chunk.subarray(run.offset, Math.min(chunk.length, run.offset + run.sliceSamples));
        run.offset += input.length;
        if (run.offset === chunk.length) {
          run.chunks.shift();
          run.offset = 0;
        }
        return run.resampler ? run.resampler.process(input) : input;
      }
      if (!run.closed) return null;
      this.runs.shift();
      if (run.resampler) {
        const tail = trimFlushTail(run.resampler.flush());
        run.resampler.release();
        return tail;
      }
    }
  }

  /** Hands every converter back; nothing more is converted. */
  dispose(): void {
    for (const run of this.runs) run.resampler?.release();
    this.runs.length = 0;
  }
}

/** The resampler's flush is mostly silence past the real tail; keep only up to the last non-zero sample. */
function trimFlushTail(tail: Float32Array): Float32Array {
  let end = tail.length;
  while (end > 0 && Math.abs(tail[end - 1]!) < 1e-6) end--;
  return tail.subarray(0, end);
}
