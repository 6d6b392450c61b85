/**
 * What the frame processor needs from a voice activity model: a speech probability per
 * fixed-size window. Injected, so tests can script probabilities and the real one
 * (Silero on onnxruntime) can be swapped.
 */
export interface VadModel {
  /** Samples per window (Silero: 512 at 16 kHz = 32 ms). */
  readonly windowSamples: number;
  readonly sampleRate: number;
  /** Probability in [0, 1] that the window holds speech. Windows arrive in order; state carries over. */
  process(window: Float32Array): Promise<number> | number;
  /** Forgets carried state (new stream). */
  reset(): void;
  close?(): Promise<void>;
}

/** A model that replays a script of probabilities, one per window (tests). Past the end it repeats the last value. */
export class ScriptedVadModel implements VadModel {
  readonly windowSamples: number;
  readonly sampleRate = 16_000;
  calls = 0;

  constructor(
    private readonly script: number[] | ((windowIndex: number, window: Float32Array) => number),
    windowSamples = 512,
  ) {
    this.windowSamples = windowSamples;
  }

  process(window: Float32Array): number {
    const i = this.calls++;
    if (typeof this.script === 'function') return this.script(i, window);
    return this.script[Math.min(i, this.script.length - 1)] ?? 0;
  }

  reset(): void {
    this.calls = 0;
  }
}
