/**
 * Residual echo suppression: what the linear filter leaves (loudspeaker distortion, the room
 * tail beyond the filter, a path still being re-learned) is removed by a spectral gain per
 * bin. The residual echo's power is the echo estimate's divided by the filter's measured
 * echo return loss enhancement per band (ERLE: echo estimate over error, learned only while
 * the mic holds the echo alone, so the user's voice never teaches it), and made to decay
 * no faster than a room does (WebRTC AEC3 estimates its residual the same way). The gain is
 * a decision-directed Wiener gain per bin with the residual as the "noise": bins where the
 * user's voice stands above the residual keep their power, bins holding only echo drop to the
 * floor. The per-bin gains are folded into one gain for the next block (see nextGain), so
 * the suppressor adds no delay.
 *
 * Analysis: the last two blocks, the newest weighted fully.
 */
import { RealFft } from './fft.js';

/** Residual counted above its estimate (x2): suppressing a little echo too much is inaudible, too little is a false barge-in. */
const OVERESTIMATE = 2;
/** Deepest suppression (amplitude 1e-4, -80 dB): residual echo far below what the VAD could mistake for a voice. */
const GAIN_FLOOR = 0.0001;
/** Decision-directed smoothing of the a-priori SNR: 0.6 keeps onsets quick and limits musical noise. */
const DD_ALPHA = 0.6;
/** Room decay assumed for the residual between blocks: 60 dB over 250 ms (the filter covers what is longer). */
const TAIL_DECAY_PER_MS = 10 ** (-60 / 10 / 250);
/** Noise floor of the estimate (16-bit-scale spectrum units): keeps silent bins at unity gain. */
const NOISE_FLOOR = 1e-2;
/** Bins per ERLE band (16 bands of 500 Hz at 16 kHz): fine enough for the speaker's distortion, coarse enough to average. */
export const BAND_BINS = 8;
/** ERLE learning per block while the echo is alone (~0.1 s). */
const ERLE_SMOOTHING = 0.08;
/** ERLE believed at most (30 dB) and at least (0 dB). */
const MAX_ERLE = 30;
/**
 * A distorting loudspeaker's residual fills the valleys between the echo's harmonics, where
 * the echo estimate (and so the residual estimate) is low: over echo alone those bins kept
 * their power and set the block's gain (bedroom, mild distortion: the linear filter leaves
 * -16 dB, the suppressor took only 7 dB more). So each bin's residual is taken from the
 * loudest echo estimate within +-4 bins (+-250 Hz, about two pitch harmonics)...
 */
const SPREAD_BINS = 4;
/**
 * ...only in blocks whose error is within 3 dB of the residual estimate (echo alone: over the
 * user's voice the wider estimate would dim the user)...
 */
const SPREAD_ERROR_RATIO = 2;
/**
 * ...and only in bands where the filter is known to remove at least 9 dB: a band whose ERLE
 * was learned low (far rooms, or a user talking below the echo taken for echo) has a residual
 * estimate near the echo itself, and widening it dimmed the user in double talk (held-out
 * bedroom: 4.6 -> 1.6 dB SNR without this condition; at 6 dB the laptop room's double-talk
 * test fell below its bound, 5.7 against 5.85 dB).
 */
const SPREAD_MIN_ERLE = 8;
/**
 * There, too, the residual counts double again (x4 in all): a distortion's residual is
 * noise-like, its power per bin spread like a chi-square of two degrees of freedom, so bins
 * above twice its mean hold 40 % of its energy and passed; above four times, 9 %.
 * Held-out bedroom, mild distortion, +-100 ppm drift: 24.2 -> 26.1 dB converged.
 */
const ECHO_ALONE_OVERESTIMATE = 2;

export class ResidualSuppressor {
  readonly blockSize: number;
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  private readonly frame: Float64Array;
  private readonly prevError: Float64Array;
  private readonly prevEcho: Float64Array;
  private readonly eRe: Float64Array;
  private readonly eIm: Float64Array;
  private readonly yRe: Float64Array;
  private readonly yIm: Float64Array;
  private readonly residual: Float64Array;
  /** The echo estimate's power per bin, this block. */
  private readonly echoSpec: Float64Array;
  private readonly prevGain: Float64Array;
  private readonly prevPost: Float64Array;
  private readonly tailDecay: number;
  private readonly bandEcho: Float64Array;
  private readonly bandError: Float64Array;
  /** Per band: the linear filter's ERLE (power ratio, 1..MAX_ERLE). */
  readonly erle: Float64Array;
  /** Mean gain of the last block (diagnostics). */
  meanGain = 1;
  /** The last block's error power kept by the per-bin gains (the user's, by the estimate) and its residual estimate. */
  private kept = 0;
  /** Residual estimate (spectral units) per unit of the echo estimate's mean square, from the last block with an echo estimate. */
  private residualPerEcho = 0;

  constructor(blockSize: number, sampleRate: number) {
    const N = blockSize;
    this.blockSize = N;
    this.fft = new RealFft(2 * N);
    const K = this.fft.bins;
    // Rising over the older block, flat over the newest: the gain is for the block that comes next.
    this.window = Float64Array.from({ length: 2 * N }, (_, n) => (n < N ? Math.sin((Math.PI * n) / (2 * N)) : 1));
    this.frame = new Float64Array(2 * N);
    this.prevError = new Float64Array(N);
    this.prevEcho = new Float64Array(N);
    this.eRe = new Float64Array(K);
    this.eIm = new Float64Array(K);
    this.yRe = new Float64Array(K);
    this.yIm = new Float64Array(K);
    this.residual = new Float64Array(K);
    this.echoSpec = new Float64Array(K);
    this.prevGain = new Float64Array(K).fill(1);
    this.prevPost = new Float64Array(K).fill(1);
    this.tailDecay = TAIL_DECAY_PER_MS ** ((N * 1000) / sampleRate);
    const bands = Math.ceil(K / BAND_BINS);
    this.bandEcho = new Float64Array(bands);
    this.bandError = new Float64Array(bands);
    this.erle = new Float64Array(bands).fill(1);
  }

  /** The filter's ERLE over all bands (power ratio, weighted by the echo's spectrum). */
  get erleOverall(): number {
    let y = 0;
    let e = 0;
    for (let b = 0; b < this.erle.length; b++) {
      y += this.bandEcho[b]!;
      e += this.bandError[b]!;
    }
    return e > 0 ? Math.max(1, y / e) : 1;
  }

  /** Forgets the learned ERLE (echo path changed: assume the filter removes nothing). */
  resetErle(): void {
    this.erle.fill(1);
    this.bandEcho.fill(0);
    this.bandError.fill(0);
  }

  /**
   * One block of the linear canceller's error and echo estimate ([-1, 1]). `echoAlone`: the
   * mic holds only echo now (ERLE may be learned). `floorEcho` (per bin power, optional): a
   * lower bound of the residual from the reference alone (EchoBound). Returns the gain for
   * the next block: the per-bin Wiener gains folded into one broadband amplitude gain (the
   * share of the error's power they keep). Applying it to the next block, as its samples
   * arrive, adds no delay: a synthesis filter bank would hold the audio back by a block, and
   * 16 ms moved Silero's windows enough to change barge-in decisions. Over echo alone it is
   * as deep as the per-bin gains; over the user's voice it is near 1 (the voice holds the
   * error's power), so the user is kept whole and only the residual under the voice remains.
   */
  nextGain(error: Float64Array, echo: Float64Array, echoAlone: boolean, floorEcho?: Float64Array): number {
    const K = this.fft.bins;
    const S = 32768 / (2 * this.blockSize);
    this.analyse(this.prevError, error, this.eRe, this.eIm, S);
    this.analyse(this.prevEcho, echo, this.yRe, this.yIm, S);
    this.prevError.set(error);
    this.prevEcho.set(echo);
    if (echoAlone) this.learnErle();

    let gainSum = 0;
    let kept = 0;
    let total = 0;
    let residual = 0;
    let echoPower = 0;
    const spread = this.echoAloneLike() ? SPREAD_BINS : 0;
    const ys = this.echoSpec;
    for (let k = 0; k < K; k++) {
      const e2 = this.eRe[k]! * this.eRe[k]! + this.eIm[k]! * this.eIm[k]!;
      const y2 = ys[k]!;
      const erle = this.erle[Math.floor(k / BAND_BINS)]!;
      let ym = y2;
      if (spread > 0 && erle >= SPREAD_MIN_ERLE) {
        for (let j = Math.max(0, k - spread); j <= Math.min(K - 1, k + spread); j++) ym = Math.max(ym, ys[j]!);
        ym *= ECHO_ALONE_OVERESTIMATE;
      }
      let r = (OVERESTIMATE * ym) / erle;
      if (floorEcho) r = Math.max(r, floorEcho[k]!);
      r = Math.max(r, this.residual[k]! * this.tailDecay);
      this.residual[k] = r;
      const post = e2 / (r + NOISE_FLOOR);
      const prior = DD_ALPHA * this.prevGain[k]! * this.prevGain[k]! * this.prevPost[k]! + (1 - DD_ALPHA) * Math.max(post - 1, 0);
      const gain = Math.max(GAIN_FLOOR, prior / (1 + prior));
      this.prevGain[k] = gain;
      this.prevPost[k] = post;
      gainSum += gain;
      kept += gain * gain * e2;
      total += e2;
      residual += r;
      echoPower += y2;
    }
    this.meanGain = gainSum / K;
    this.kept = kept;
    const echoTime = meanSquare(echo);
    if (echoTime > 0 && echoPower > 0) this.residualPerEcho = residual / echoTime;
    // A silent block (digital zero) has nothing to keep or remove: unity.
    return total > 0 ? Math.max(GAIN_FLOOR, Math.sqrt(kept / total)) : 1;
  }

  /** Fills echoSpec; true when the error is within SPREAD_ERROR_RATIO of the (unspread) residual estimate. */
  private echoAloneLike(): boolean {
    let error = 0;
    let residual = 0;
    for (let k = 0; k < this.echoSpec.length; k++) {
      const y2 = this.yRe[k]! * this.yRe[k]! + this.yIm[k]! * this.yIm[k]!;
      this.echoSpec[k] = y2;
      error += this.eRe[k]! * this.eRe[k]! + this.eIm[k]! * this.eIm[k]!;
      residual += (OVERESTIMATE * y2) / this.erle[Math.floor(k / BAND_BINS)]!;
    }
    return error <= SPREAD_ERROR_RATIO * residual;
  }

  /**
   * The gain for the next block, lowered at once when its echo estimate (known before the mic
   * captures it) rises above the last block's: the start of an agent's syllable is suppressed
   * in its first block, not one block late. `echoNext`: the mean square of the next block's
   * echo estimate. Its residual is taken in the proportion to the echo the last blocks showed.
   */
  ahead(lagged: number, echoNext: number): number {
    const residual = this.residualPerEcho * echoNext;
    if (!(residual > 0)) return lagged;
    return Math.min(lagged, Math.max(GAIN_FLOOR, Math.sqrt(this.kept / (this.kept + residual + NOISE_FLOOR))));
  }

  /** No echo is possible (nothing played for longer than the tail): forget the residual. */
  quiet(error: Float64Array): void {
    this.prevError.set(error);
    this.prevEcho.fill(0);
    this.residual.fill(0);
    this.prevGain.fill(1);
    this.prevPost.fill(1);
  }

  private learnErle(): void {
    const K = this.fft.bins;
    for (let b = 0; b < this.erle.length; b++) {
      let y2 = 0;
      let e2 = 0;
      for (let k = b * BAND_BINS; k < Math.min(K, (b + 1) * BAND_BINS); k++) {
        y2 += this.yRe[k]! * this.yRe[k]! + this.yIm[k]! * this.yIm[k]!;
        e2 += this.eRe[k]! * this.eRe[k]! + this.eIm[k]! * this.eIm[k]!;
      }
      this.bandEcho[b] = (1 - ERLE_SMOOTHING) * this.bandEcho[b]! + ERLE_SMOOTHING * y2;
      this.bandError[b] = (1 - ERLE_SMOOTHING) * this.bandError[b]! + ERLE_SMOOTHING * e2;
      if (this.bandError[b]! > 0) this.erle[b] = Math.min(MAX_ERLE, Math.max(1, this.bandEcho[b]! / this.bandError[b]!));
    }
  }

  private analyse(prev: Float64Array, cur: Float64Array, re: Float64Array, im: Float64Array, scale: number): void {
    const N = this.blockSize;
    for (let i = 0; i < N; i++) {
      this.frame[i] = prev[i]! * this.window[i]!;
      this.frame[N + i] = cur[i]! * this.window[N + i]!;
    }
    this.fft.forward(this.frame, re, im);
    for (let k = 0; k < re.length; k++) {
      re[k]! *= scale;
      im[k]! *= scale;
    }
  }
}

function meanSquare(block: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block[i]! * block[i]!;
  return sum / block.length;
}
