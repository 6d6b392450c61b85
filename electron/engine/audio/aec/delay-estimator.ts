/**
 * Coarse echo delay: the lag (in blocks) at which the microphone's block-energy envelope
 * best follows the reference's, over the last few seconds. Speech switches on and off
 * several times a second, so the on/off pattern pins the bulk delay (device buffers, a
 * Bluetooth speaker) to a block even through reverberation; the adaptive filter resolves
 * the rest. A lag is reported only when the correlation is clear and the same lag wins twice
 * in a row, so double talk or silence never moves the filter.
 */
export interface DelayEstimate {
  blocks: number;
  correlation: number;
}

/** Correlation needed to believe a lag: speech envelopes through a room correlate at 0.6-0.9. */
const MIN_CORRELATION = 0.5;
/** Reference blocks that must be active in the window before estimating (about 1 s of speech). */
const MIN_ACTIVE = 120;
/** Below this block energy (16-bit scale, per sample: about -60 dBFS) the reference is silent. */
const SILENT = 1e3;

export class DelayEstimator {
  private readonly mic: Float64Array;
  private readonly ref: Float64Array;
  private count = 0;
  private sinceEstimate = 0;
  private candidate: number | null = null;
  estimate: DelayEstimate | null = null;

  /**
   * @param maxLagBlocks largest delay looked for
   * @param historyBlocks envelope window
   * @param everyBlocks how often to re-estimate
   */
  constructor(
    private readonly maxLagBlocks: number,
    private readonly historyBlocks: number,
    private readonly everyBlocks: number,
  ) {
    this.mic = new Float64Array(historyBlocks + maxLagBlocks);
    this.ref = new Float64Array(historyBlocks + maxLagBlocks);
  }

  /** Block energies (mean square) of the mic and of the unshifted reference; true when a new estimate was made. */
  push(micEnergy: number, refEnergy: number): boolean {
    const n = this.mic.length;
    this.mic[this.count % n] = Math.log10(micEnergy * 1e9 + 1);
    this.ref[this.count % n] = refEnergy * 1e9 > SILENT ? Math.log10(refEnergy * 1e9 + 1) : -1;
    this.count++;
    if (++this.sinceEstimate < this.everyBlocks || this.count < n) return false;
    this.sinceEstimate = 0;
    return this.reestimate();
  }

  private reestimate(): boolean {
    const n = this.mic.length;
    const H = this.historyBlocks;
    const newest = this.count - 1;
    let best = -1;
    let bestR = -1;
    for (let lag = 0; lag <= this.maxLagBlocks; lag++) {
      let active = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let i = 0; i < H; i++) {
        const t = newest - i;
        const r = this.ref[(t - lag + n) % n]!;
        if (r < 0) continue;
        const m = this.mic[t % n]!;
        active++;
        sx += r;
        sy += m;
        sxx += r * r;
        syy += m * m;
        sxy += r * m;
      }
      if (active < MIN_ACTIVE) continue;
      const cov = sxy - (sx * sy) / active;
      const vx = sxx - (sx * sx) / active;
      const vy = syy - (sy * sy) / active;
      const r = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
      if (r > bestR) {
        bestR = r;
        best = lag;
      }
    }
    if (best < 0 || bestR < MIN_CORRELATION) {
      this.candidate = null;
      return false;
    }
    const confirmed = this.candidate !== null && Math.abs(this.candidate - best) <= 1;
    this.candidate = best;
    if (!confirmed) return false;
    this.estimate = { blocks: best, correlation: bestR };
    return true;
  }
}
