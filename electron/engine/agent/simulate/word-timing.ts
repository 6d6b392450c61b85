/**
 * Where the words of a clip end, for the simulated recognizer: spread over the clip's voiced
 * time, not its whole span, so a word never "ends" inside a pause ("no ... wait": "no" ends
 * before the pause). That lets a final asked at the VAD's gap (as the app asks it) hold the
 * words said before the gap and none said after it.
 */

const RATE = 16_000;
const BLOCK_MS = 10;
/** Voiced: within 25 dB of the clip's loudest 10 ms (as `voicedSpan` in mic-mixer.ts), above a floor. */
const RANGE_DB = 25;
const FLOOR_POWER = 1e-5;

/** Start times (ms from the clip start) of the clip's voiced 10 ms blocks. */
export function voicedBlocksMs(samples: Float32Array): number[] {
  const block = (RATE * BLOCK_MS) / 1000;
  const powers: number[] = [];
  for (let start = 0; start < samples.length; start += block) {
    const end = Math.min(samples.length, start + block);
    let sum = 0;
    for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!;
    powers.push(sum / Math.max(1, end - start));
  }
  const floor = Math.max(FLOOR_POWER, Math.max(0, ...powers) * 10 ** (-RANGE_DB / 10));
  return powers.flatMap((p, i) => (p > floor ? [i * BLOCK_MS] : []));
}

/**
 * The end time of each of `words` words: word i ends when (i+1)/n of the voiced time has been
 * spoken (at the end of that voiced block). Times are those of `blocksMs` (absolute or not).
 */
export function wordEndsMs(blocksMs: readonly number[], words: number): number[] {
  if (words <= 0 || blocksMs.length === 0) return [];
  return Array.from({ length: words }, (_, i) => blocksMs[Math.max(0, Math.ceil(((i + 1) * blocksMs.length) / words) - 1)]! + BLOCK_MS);
}
