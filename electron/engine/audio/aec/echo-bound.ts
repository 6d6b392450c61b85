/**
 * A bound on the echo per bin built from the reference alone, for the residual suppressor:
 * the recent reference spectrum (held with a room-like decay) times the echo path's gain.
 * It does not depend on the filter's phase being right, so it still covers the echo while
 * the filter is learning, re-learning after a path change, or lagging behind clock drift.
 *   - Before the filter has learned (its ERLE under 6 dB): the path gain is the loudest
 *     mic/reference power ratio seen lately, overestimated x4. Conservative like the old
 *     gate, for the first fraction of a second only.
 *   - After: the foreground filter's own |H(f)|^2 (the user's voice cannot raise it: the
 *     foreground is protected from double talk), divided by the ERLE the filter achieves.
 */
import type { FarEndHistory } from './far-end-history.js';
import type { PartitionedFilter } from './partitioned-filter.js';

/** Reference held with 60 dB of decay per ~300 ms (per 8 ms block: x0.7 in power). */
const HOLD_DECAY = 0.5;
/** The coarse ratio forgets its peak over ~1.6 s (x0.995 per block). */
const RATIO_DECAY = 0.995;
const EARLY_OVERESTIMATE = 4;
const OVERESTIMATE = 1;
/** The filter's |H|^2 is re-read every 8 blocks (64 ms): it changes slowly and costs a pass over the filter. */
const PATH_GAIN_EVERY = 8;
/** Below this ERLE (6 dB) the filter's |H|^2 is not yet the path. */
const LEARNED_ERLE = 10;

export class EchoBound {
  private readonly held: Float64Array;
  private readonly pathGain: Float64Array;
  private readonly bound: Float64Array;
  private ratio = 0;
  private learned = false;
  private blocks = 0;

  constructor(private readonly bins: number) {
    this.held = new Float64Array(bins);
    this.pathGain = new Float64Array(bins);
    this.bound = new Float64Array(bins);
  }

  reset(): void {
    this.held.fill(0);
    this.ratio = 0;
    this.learned = false;
  }

  /**
   * @param erle per-band ERLE of the linear filter (power ratios), its overall value, and the bins per band
   * @returns the bound per bin (16-bit-scale spectrum units)
   */
  update(
    history: FarEndHistory,
    foreground: PartitionedFilter,
    micEnergy: number,
    refEnergy: number,
    erle: Float64Array,
    erleOverall: number,
    bandBins: number,
  ): Float64Array {
    const K = this.bins;
    const o = history.offset(0);
    for (let k = 0; k < K; k++) {
      const p = history.re[o + k]! ** 2 + history.im[o + k]! ** 2;
      this.held[k] = Math.max(p, this.held[k]! * HOLD_DECAY);
    }
    if (refEnergy > 1e-8) this.ratio = Math.max(this.ratio * RATIO_DECAY, Math.min(4, micEnergy / refEnergy));
    if (this.blocks++ % PATH_GAIN_EVERY === 0) foreground.pathGain(this.pathGain);

    // Once learned, stay with the filter: in double talk the measured ERLE drops (the user is in
    // the error), and the coarse ratio would then count the user's voice as echo.
    if (erleOverall >= LEARNED_ERLE) this.learned = true;
    if (!this.learned) {
      const g = EARLY_OVERESTIMATE * this.ratio;
      for (let k = 0; k < K; k++) this.bound[k] = g * this.held[k]!;
    } else {
      for (let k = 0; k < K; k++) this.bound[k] = (OVERESTIMATE * this.pathGain[k]! * this.held[k]!) / erle[Math.floor(k / bandBins)]!;
    }
    return this.bound;
  }
}
