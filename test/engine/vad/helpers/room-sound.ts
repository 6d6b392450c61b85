/** Test input for the room-level and comfort-noise tests: 16 kHz mono frames and reproducible white noise. */
import type { AudioFrame } from '../../../../electron/engine/audio/frame.js';

export const frameOf = (data: Float32Array, timestampMs = 0): AudioFrame => ({ data, sampleRate: 16_000, channels: 1, timestampMs });

/** Reproducible white noise at an RMS level (a linear congruential generator, so every run hears the same room). */
export function noise(n: number, dbfs: number, seed = 1): Float32Array {
  let x = seed;
  const amp = Math.sqrt(3) * 10 ** (dbfs / 20);
  return Float32Array.from({ length: n }, () => {
    x = (Math.imul(x, 1664525) + 1013904223) | 0;
    return amp * ((x >>> 0) / 2 ** 31 - 1);
  });
}
