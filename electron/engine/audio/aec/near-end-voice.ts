/**
 * Where the canceller's output holds a voice other than the echo, bin by bin: the residual
 * suppressor counts the bins (250 Hz - 4 kHz) where the error stands 10 dB over the residual
 * estimate of the bin and its neighbours. Under a loud echo the user's onset is masked in a
 * broadband comparison (the echo's power swamps it) but not in the bins where the agent's
 * residual is low (its other vowels and pitch). A gate after the canceller asks this per 10 ms block (its blocks are the
 * canceller's 8 ms blocks, so a gate block is answered by the canceller blocks it overlaps).
 */

/**
 * Bins over the residual for a voice (6 of 60): the user's onsets showed 6-30 where the echo alone mostly showed 0-5
 * in a converged room (bench:echo B1/B2 traces, block by block); a single harmonic of a mistimed syllable is one or two.
 */
export const NEAR_END_VOICE_BINS = 6;
/** Canceller blocks remembered: 64 ms, more than a mic frame holds. */
const KEPT = 8;

export class NearEndVoice {
  private readonly startMs = new Float64Array(KEPT);
  private readonly endMs = new Float64Array(KEPT);
  private readonly power = new Float64Array(KEPT);
  private next = 0;
  private count = 0;

  /**
   * One canceller block: its start on the capture clock and length, its error power (mean square),
   * how many bins showed a voice over the residual and their share of the error's power there.
   */
  push(startMs: number, durationMs: number, errorPower: number, voiceBins: number, voiceShare: number): void {
    this.startMs[this.next] = startMs;
    this.endMs[this.next] = startMs + durationMs;
    this.power[this.next] = voiceBins >= NEAR_END_VOICE_BINS ? errorPower * voiceShare : 0;
    this.next = (this.next + 1) % KEPT;
    this.count = Math.min(KEPT, this.count + 1);
  }

  /** Nothing is known of the blocks to come (no echo possible, the path forgotten): none shows a voice. */
  clear(): void {
    this.count = 0;
  }

  /** The power of the voice the canceller found over its residual in [fromMs, toMs) (the most of the blocks overlapping it), 0 if none. */
  powerIn(fromMs: number, toMs: number): number {
    let most = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.startMs[i]! < toMs && this.endMs[i]! > fromMs) most = Math.max(most, this.power[i]!);
    }
    return most;
  }
}
