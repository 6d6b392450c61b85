/**
 * The coefficients of a frequency-domain partitioned-block adaptive filter (the MDF / PBFDAF
 * family): one spectrum W_p per block of echo tail. Filtering sums W_p * X_p over the far-end
 * history; adapting adds a normalized, per-partition-weighted gradient conj(X_p) * E. The
 * gradient is left unconstrained and one partition per block is made causal again (its time
 * response's second half zeroed): the "alternating" constraint that costs two FFTs per block
 * instead of two per partition, as Speex's MDF does.
 */
import type { FarEndHistory } from './far-end-history.js';
import type { RealFft } from './fft.js';

export class PartitionedFilter {
  readonly partitions: number;
  readonly bins: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
  private constrainNext = 0;
  private readonly timeScratch: Float64Array;
  private readonly norm: Float64Array;

  constructor(
    partitions: number,
    private readonly fft: RealFft,
  ) {
    this.partitions = partitions;
    this.bins = fft.bins;
    this.re = new Float64Array(partitions * this.bins);
    this.im = new Float64Array(partitions * this.bins);
    this.timeScratch = new Float64Array(fft.size);
    this.norm = new Float64Array(fft.bins);
  }

  /** Echo estimate spectrum: Y = sum_p W_p X_p. */
  filter(history: FarEndHistory, outRe: Float64Array, outIm: Float64Array): void {
    const K = this.bins;
    outRe.fill(0);
    outIm.fill(0);
    for (let p = 0; p < this.partitions; p++) {
      const w = p * K;
      const x = history.offset(p);
      for (let k = 0; k < K; k++) {
        const wr = this.re[w + k]!;
        const wi = this.im[w + k]!;
        const xr = history.re[x + k]!;
        const xi = history.im[x + k]!;
        outRe[k]! += wr * xr - wi * xi;
        outIm[k]! += wr * xi + wi * xr;
      }
    }
  }

  /**
   * W_p += mu_k * weight_p * conj(X_p) * E_k / (sum_q weight_q |X_q,k|^2 + regularization):
   * block IPNLMS, normalized by the reference power as the weights see it (stable at any
   * weighting, and at speech onsets where the current block is far louder than the past).
   */
  adapt(history: FarEndHistory, eRe: Float64Array, eIm: Float64Array, mu: Float64Array, weight: Float64Array, regularization: number): void {
    const K = this.bins;
    const norm = this.norm;
    norm.fill(regularization);
    for (let p = 0; p < this.partitions; p++) {
      const g = weight[p]!;
      const x = history.offset(p);
      for (let k = 0; k < K; k++) norm[k]! += g * (history.re[x + k]! ** 2 + history.im[x + k]! ** 2);
    }
    for (let k = 0; k < K; k++) norm[k] = mu[k]! / norm[k]!;
    const step = norm;
    for (let p = 0; p < this.partitions; p++) {
      const g = weight[p]!;
      if (g === 0) continue;
      const w = p * K;
      const x = history.offset(p);
      for (let k = 0; k < K; k++) {
        const mu = g * step[k]!;
        const xr = history.re[x + k]!;
        const xi = history.im[x + k]!;
        const er = eRe[k]!;
        const ei = eIm[k]!;
        this.re[w + k]! += mu * (xr * er + xi * ei);
        this.im[w + k]! += mu * (xr * ei - xi * er);
      }
    }
    this.constrain(this.constrainNext);
    this.constrainNext = (this.constrainNext + 1) % this.partitions;
  }

  /** Makes partition p causal: a block-length response, zero in the second half of the frame. */
  constrain(p: number): void {
    const K = this.bins;
    const o = p * K;
    const re = this.re.subarray(o, o + K);
    const im = this.im.subarray(o, o + K);
    this.fft.inverse(re, im, this.timeScratch);
    this.timeScratch.fill(0, this.fft.size / 2);
    this.fft.forward(this.timeScratch, re, im);
  }

  /** Energy of each partition's coefficients (the shape of the echo path over the tail). */
  partitionEnergy(out: Float64Array): void {
    const K = this.bins;
    for (let p = 0; p < this.partitions; p++) {
      let sum = 0;
      for (let k = p * K; k < (p + 1) * K; k++) sum += this.re[k]! * this.re[k]! + this.im[k]! * this.im[k]!;
      out[p] = sum;
    }
  }

  /** |H_k|^2 summed over partitions: the echo path's power gain per bin. */
  pathGain(out: Float64Array): void {
    const K = this.bins;
    out.fill(0);
    for (let i = 0; i < this.re.length; i++) out[i % K]! += this.re[i]! * this.re[i]! + this.im[i]! * this.im[i]!;
  }

  copyFrom(other: PartitionedFilter): void {
    this.re.set(other.re);
    this.im.set(other.im);
  }

  clear(): void {
    this.re.fill(0);
    this.im.fill(0);
  }

  /**
   * Moves the response `blocks` partitions later (positive: the echo now arrives later
   * relative to the reference window) keeping what still fits: a change of the bulk delay
   * keeps a converged filter.
   */
  shift(blocks: number): void {
    if (blocks === 0) return;
    const K = this.bins;
    const M = this.partitions;
    const re = this.re.slice();
    const im = this.im.slice();
    this.clear();
    for (let p = 0; p < M; p++) {
      const q = p + blocks;
      if (q < 0 || q >= M) continue;
      this.re.set(re.subarray(p * K, (p + 1) * K), q * K);
      this.im.set(im.subarray(p * K, (p + 1) * K), q * K);
    }
  }
}
