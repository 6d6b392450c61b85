/** Block-by-block test signals for the residual suppressor: tones centred on its 62.5 Hz bins (128-sample blocks at 16 kHz). */

export const BLOCK = 128;
export const RATE = 16_000;
/** The agent's harmonics: every 3rd bin of the suppressor's 62.5 Hz bins, from 375 Hz. */
export const ECHO_BINS = Array.from({ length: 19 }, (_, j) => 6 + 3 * j);

/** Block `block` of a sum of tones on the given bins, each of `amplitude`. */
export function tones(bins: readonly number[], amplitude: number, block: number): Float64Array {
  const out = new Float64Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    const t = (block * BLOCK + i) / RATE;
    for (const k of bins) out[i]! += amplitude * Math.sin(2 * Math.PI * ((k * RATE) / (2 * BLOCK)) * t + k);
  }
  return out;
}
