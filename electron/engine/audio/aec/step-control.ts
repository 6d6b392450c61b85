/**
 * How fast the adaptive filter may learn, per bin, from what is left after it.
 *
 * The optimal NLMS step is (residual echo power) / (error power): large while the error is
 * mostly echo the filter has not learned, small when the error is mostly the user (double
 * talk) or noise. The residual echo is not observable, so it is estimated as a "leak"
 * fraction of the echo estimate: the regression of the error's power spectrum on the echo
 * estimate's power spectrum over time (the part of the error that rises and falls with the
 * echo). This is the control of Speex's MDF (Valin, "On adjusting the learning rate in
 * frequency domain echo cancellation with double-talk", 2007), written for this engine.
 *
 * Units: block signals at 16-bit scale and spectra scaled by 1/frame, as the constants
 * below (from that design) assume.
 */
export interface StepInputs {
  /** Power spectra of the current block (length bins): reference, error, echo estimate. */
  xPower: Float64Array;
  errorPower: Float64Array;
  echoPower: Float64Array;
  /** Time-domain energies of the block. */
  sxx: number;
  see: number;
  syy: number;
  sey: number;
}

/** Smallest residual fraction believed: a filter never removes more than ~23 dB for sure. */
const MIN_LEAK = 0.005;
/**
 * The background filter never learns slower than this: after a path change the leak estimate
 * takes seconds to rise, and the foreground/background selection (not a small step) is what
 * keeps double talk from reaching the output (WebRTC AEC3's coarse filter runs at a fixed 0.7).
 */
const MIN_STEP = 0.4;
/** Upper bound of the residual-to-error ratio: half the error is echo at most. */
const MAX_RER = 0.5;

export class StepControl {
  readonly bins: number;
  /** Per-bin normalized step (0..~0.5): the caller divides by the reference power it weights the update with. */
  readonly step: Float64Array;
  /** Fraction of the echo estimate that remains in the error (0.005..1). */
  leak = 1;
  /** True once the filter has learned enough to use the leak-driven step. */
  adapted = false;
  private readonly refPower: Float64Array;
  private readonly errorAvg: Float64Array;
  private readonly echoAvg: Float64Array;
  private pey = 1;
  private pyy = 1;
  private sumAdapt = 0;
  private refBlocks = 0;
  private readonly specAverage: number;
  private readonly beta0: number;
  private readonly betaMax: number;
  private readonly refSmoothing: number;

  constructor(
    bins: number,
    private readonly blockSize: number,
    sampleRate: number,
    private readonly partitions: number,
    /** Step while the filter has not yet learned anything (0.25 in Speex; faster start wanted here). */
    private readonly initialRate = 0.5,
  ) {
    this.bins = bins;
    this.step = new Float64Array(bins);
    this.refPower = new Float64Array(bins);
    this.errorAvg = new Float64Array(bins);
    this.echoAvg = new Float64Array(bins);
    this.specAverage = blockSize / sampleRate;
    this.beta0 = (2 * blockSize) / sampleRate;
    this.betaMax = this.beta0 / 4;
    this.refSmoothing = 0.35 / partitions;
  }

  reset(): void {
    this.refPower.fill(0);
    this.errorAvg.fill(0);
    this.echoAvg.fill(0);
    // Start by believing nothing is cancelled (leak 1): full-speed learning.
    this.pey = 1;
    this.pyy = 1;
    this.sumAdapt = 0;
    this.refBlocks = 0;
    this.leak = 1;
    this.adapted = false;
  }

  /** Restart learning after an echo path change, keeping the reference statistics. */
  relearn(): void {
    this.sumAdapt = 0;
    this.adapted = false;
  }

  update(s: StepInputs): void {
    const K = this.bins;
    // A running mean until the smoothing's own memory is filled: a cold start must not divide by ~0.
    const ss = Math.max(this.refSmoothing, 1 / ++this.refBlocks);
    for (let k = 0; k < K; k++) this.refPower[k] = (1 - ss) * this.refPower[k]! + 1 + ss * s.xPower[k]!;

    // Leak: covariance of the error and echo-estimate power spectra about their slow averages.
    let pey = 0;
    let pyy = 0;
    const a = this.specAverage;
    for (let k = 0; k < K; k++) {
      const eh = s.errorPower[k]! - this.errorAvg[k]!;
      const yh = s.echoPower[k]! - this.echoAvg[k]!;
      pey += eh * yh;
      pyy += yh * yh;
      this.errorAvg[k] = (1 - a) * this.errorAvg[k]! + a * s.errorPower[k]!;
      this.echoAvg[k] = (1 - a) * this.echoAvg[k]! + a * s.echoPower[k]!;
    }
    pyy = Math.sqrt(pyy);
    pey = pyy > 0 ? pey / pyy : 0;
    // Learn the leak faster when the echo estimate is a large part of the error.
    const see = Math.max(s.see, 1);
    const alpha = Math.min(this.beta0 * s.syy, this.betaMax * see) / see;
    this.pey = (1 - alpha) * this.pey + alpha * pey;
    this.pyy = Math.max(1, (1 - alpha) * this.pyy + alpha * pyy);
    this.pey = Math.min(this.pyy, Math.max(MIN_LEAK * this.pyy, this.pey));
    this.leak = this.pey / this.pyy;
    // Above one half the estimate is unreliable: treat the whole estimate as residual.
    if (this.leak > 0.5) this.leak = 1;

    // Residual-to-error ratio, bounded below by the error/echo-estimate correlation.
    let rer = (0.0001 * s.sxx + 3 * this.leak * s.syy) / see;
    const correlationBound = (s.sey * s.sey) / (1 + see * s.syy);
    if (rer < correlationBound) rer = correlationBound;
    if (rer > MAX_RER) rer = MAX_RER;

    if (!this.adapted && this.sumAdapt > this.partitions && this.leak * s.syy > 0.03 * s.syy) this.adapted = true;
    if (this.adapted) {
      for (let k = 0; k < K; k++) {
        const e = s.errorPower[k]! + 1;
        let r = this.leak * s.echoPower[k]!;
        if (r > 0.5 * e) r = 0.5 * e;
        r = 0.7 * r + 0.3 * rer * e;
        this.step[k] = Math.max(MIN_STEP, r / e);
      }
    } else {
      // Not learned yet: a fixed fraction, slowed when the error is much louder than the
      // reference (someone is talking, or the echo path is very loud).
      let rate = 0;
      if (s.sxx > this.blockSize * 1000) rate = Math.min(this.initialRate * s.sxx, this.initialRate * see) / see;
      this.step.fill(rate);
      this.sumAdapt += rate;
    }
  }
}
