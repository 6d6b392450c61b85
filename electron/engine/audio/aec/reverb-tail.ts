/**
 * The room's reverberant tail for the residual suppressor. In a reverberant room the echo keeps
 * sounding after each of the agent's syllables for longer than the 256 ms filter models, and the
 * filter removes little there (2.6-4.6 dB in bench:echo's kitchen, meeting room and hall); the
 * residual estimate from the echo estimate and the filter's ERLE, learned mostly on the peaks,
 * fell under that tail, and 81-83 % of what the canceller let through lay in those decays.
 * So, per bin, a memory of the error itself on blocks of echo alone, decaying at the room's rate
 * (RoomDecay): what was residual echo a block ago is still there, that much quieter (WebRTC AEC3
 * adds a decaying reverb model to its residual estimate likewise). It is fed only where the echo
 * estimate dominates the block, and never over a decaying memory of the echo estimate's own
 * power: a user's voice taken for echo alone cannot raise it beyond what the agent's echo was,
 * and a user's bins far above the agent's tail still pass.
 */

/** The error counted x2 (+3 dB) when fed, as the suppressor counts its residual (OVERESTIMATE). */
const ERROR_GAIN = 2;
/** At most the echo estimate's decaying power (x1): residual echo is not louder than the echo was. */
const ECHO_CAP = 1;

export class ReverbTail {
  private readonly tail: Float64Array;
  private readonly echo: Float64Array;

  constructor(bins: number) {
    this.tail = new Float64Array(bins);
    this.echo = new Float64Array(bins);
  }

  /**
   * Bin k's tail for this block (from the blocks before), then this block's error and echo estimate powers taken in.
   * `decay`: the room's power decay per block; `feed`: the block holds the echo alone, the estimate dominating it.
   */
  next(k: number, e2: number, y2: number, decay: number, feed: boolean): number {
    const tail = this.tail[k]! * decay;
    this.echo[k] = Math.max(y2, this.echo[k]! * decay);
    this.tail[k] = feed ? Math.max(tail, Math.min(ERROR_GAIN * e2, ECHO_CAP * this.echo[k]!)) : tail;
    return tail;
  }

  clear(): void {
    this.tail.fill(0);
    this.echo.fill(0);
  }
}
