import libsamplerate from '@alexanderolsen/libsamplerate-js';
import type { SRC } from '@alexanderolsen/libsamplerate-js/dist/src';

/**
 * Sample-rate conversion through libsamplerate (WASM). One `StreamResampler` keeps the
 * filter state of one continuous stream, so chunk boundaries are seamless.
 *
 * libsamplerate-js only creates converters asynchronously (each owns a WASM instance), but
 * the playback queue must resample inside a synchronous `enqueue`. So the factory keeps a
 * few converters loaded ahead and hands them out synchronously, refilling in the background.
 */
export type ResamplerQuality = 'fastest' | 'medium' | 'best';

const CONVERTER: Record<ResamplerQuality, 0 | 1 | 2> = { best: 0, medium: 1, fastest: 2 };

export interface StreamResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  readonly channels: number;
  /** Converts the next chunk of the stream (interleaved). May return fewer samples at first (filter delay). */
  process(input: Float32Array): Float32Array;
  /** Pushes the filter's delay line out with silence at the end of a stream, so no tail is lost. */
  flush(): Float32Array;
  /** Returns the converter to the factory. The resampler must not be used afterwards. */
  release(): void;
}

export interface ResamplerFactory {
  create(options: { inputRate: number; outputRate: number; channels?: number }): StreamResampler;
}

export const MIN_SAMPLE_RATE = 1000;
/** 20 ms of a tone at TTS's usual 24 kHz, converted a few times by every converter as it is loaded (see fill). */
const WARM_UP = Float32Array.from({ length: 480 }, (_, i) => 0.1 * Math.sin(i / 5));
const WARM_UP_CALLS = 3;
/** libsamplerate's own ceiling. */
export const MAX_SAMPLE_RATE = 192_000;

function checkRate(name: string, rate: number): void {
  if (!Number.isFinite(rate) || !Number.isInteger(rate) || rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
    throw new RangeError(`Resampler: ${name} ${rate} Hz is not a whole number between ${MIN_SAMPLE_RATE} and ${MAX_SAMPLE_RATE} Hz.`);
  }
}

/** Converts at equal rates too, by copying: callers need not special-case it. */
class PassThroughResampler implements StreamResampler {
  constructor(
    readonly inputRate: number,
    readonly outputRate: number,
    readonly channels: number,
  ) {}
  process(input: Float32Array): Float32Array {
    return input.slice();
  }
  flush(): Float32Array {
    return new Float32Array(0);
  }
  release(): void {}
}

class LibsamplerateResampler implements StreamResampler {
  private released = false;
  constructor(
    private readonly src: SRC,
    readonly inputRate: number,
    readonly outputRate: number,
    readonly channels: number,
    private readonly onRelease: (src: SRC) => void,
  ) {}

  process(input: Float32Array): Float32Array {
    if (this.released) throw new Error('Resampler: used after release().');
    if (input.length % this.channels !== 0) {
      throw new RangeError(`Resampler: ${input.length} samples is not a whole number of ${this.channels}-channel frames.`);
    }
    if (input.length === 0) return new Float32Array(0);
    // full() returns a view into WASM memory that the next call overwrites: copy it out.
    return this.src.full(input).slice();
  }

  flush(): Float32Array {
    // SINC_FASTEST delays by well under 128 frames at any ratio we use; 256 covers the others.
    return this.process(new Float32Array(256 * this.channels));
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease(this.src);
  }
}

class PooledResamplerFactory implements ResamplerFactory {
  private readonly idle: SRC[] = [];
  private refilling = false;

  constructor(
    private readonly converterType: 0 | 1 | 2,
    private readonly spare: number,
  ) {}

  async fill(): Promise<void> {
    while (this.idle.length < this.spare) {
      const src = await libsamplerate.create(1, 24_000, 48_000, { converterType: this.converterType });
      // A converter's first few conversions are slow (50-200 ms in all for the first in the process,
      // 10-30 ms for each later one, at load ~10 on 2 cores): that fell on the first frames the agent
      // spoke, with the microphone waiting. Three 20 ms frames here make the first real one ~0.2 ms;
      // create() re-initialises the converter, so nothing of them is left in its stream.
      for (let i = 0; i < WARM_UP_CALLS; i++) src.full(WARM_UP);
      this.idle.push(src);
    }
  }

  create(options: { inputRate: number; outputRate: number; channels?: number }): StreamResampler {
    const channels = options.channels ?? 1;
    checkRate('input rate', options.inputRate);
    checkRate('output rate', options.outputRate);
    if (!Number.isInteger(channels) || channels < 1 || channels > 8) {
      throw new RangeError(`Resampler: ${channels} channels is not supported (1 to 8).`);
    }
    if (options.inputRate === options.outputRate) return new PassThroughResampler(options.inputRate, options.outputRate, channels);
    const src = this.idle.pop();
    if (!src) {
      this.refill();
      throw new Error(`Resampler: all ${this.spare} preloaded converters are in use; release some or load the factory with more spares.`);
    }
    // The setters re-initialise the converter, which also clears the previous stream's state.
    src.nChannels = channels;
    src.inputSampleRate = options.inputRate;
    src.outputSampleRate = options.outputRate;
    this.refill();
    return new LibsamplerateResampler(src, options.inputRate, options.outputRate, channels, (s) => this.idle.push(s));
  }

  /**
   * Loads more converters only once the pool is down to its last one (released converters come
   * back, so a session rarely gets there). Each load compiles the WASM module afresh, 50-150 ms of
   * CPU on a loaded 2-core machine, which fell inside enqueue as a turn began.
   */
  private refill(): void {
    if (this.refilling || this.idle.length > 1) return;
    this.refilling = true;
    this.fill().finally(() => {
      this.refilling = false;
    });
  }
}

/**
 * Loads a resampler factory. `spare` converters are ready at once (each ~8 ms to load);
 * SINC_FASTEST is libsamplerate's cheapest band-limited converter, ample for speech.
 */
export async function loadResamplerFactory(options: { quality?: ResamplerQuality; spare?: number } = {}): Promise<ResamplerFactory> {
  const factory = new PooledResamplerFactory(CONVERTER[options.quality ?? 'fastest'], options.spare ?? 4);
  await factory.fill();
  return factory;
}

/** Resamples a whole signal in one go (files, fixtures). */
export function resampleAll(factory: ResamplerFactory, samples: Float32Array, inputRate: number, outputRate: number, channels = 1): Float32Array {
  const r = factory.create({ inputRate, outputRate, channels });
  try {
    const body = r.process(samples);
    const tail = r.flush();
    const wanted = Math.round((samples.length / channels) * (outputRate / inputRate)) * channels;
    const out = new Float32Array(wanted);
    out.set(body.subarray(0, Math.min(body.length, wanted)));
    if (body.length < wanted) out.set(tail.subarray(0, Math.min(tail.length, wanted - body.length)), body.length);
    return out;
  } finally {
    r.release();
  }
}
