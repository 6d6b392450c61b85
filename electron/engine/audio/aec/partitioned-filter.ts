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
import type { WasmArena } from './wasm-kernels.js';

export class PartitionedFilter {
  readonly partitions: number;
  readonly bins: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Coefficient energy of each partition (the shape of the echo path over the tail), kept current by every change. */
  readonly energy: Float64Array;
  private readonly offsets: Int32Array;
  private constrainNext = 0;
  private readonly timeScratch: Float64Array;
  private readonly norm: Float64Array;

  /** @param arena where the coefficients live when the WebAssembly kernel does filterPair (null: JavaScript) */
  constructor(
    partitions: number,
    private readonly fft: RealFft,
    private readonly arena: WasmArena | null = null,
  ) {
    this.partitions = partitions;
    this.bins = fft.bins;
    this.re = arena ? arena.f64(partitions * this.bins) : new Float64Array(partitions * this.bins);
    this.im = arena ? arena.f64(partitions * this.bins) : new Float64Array(partitions * this.bins);
    this.timeScratch = new Float64Array(fft.size);
    this.norm = new Float64Array(fft.bins);
    this.energy = new Float64Array(partitions);
    this.offsets = new Int32Array(partitions);
  }

  /**
   * Echo estimates of two filters over the same history in one pass (the foreground/background
   * pair): each reference value is loaded once for both, the costliest loop of the canceller.
   * The same pass sums the update's normalizer, sum_p weight_p |X_p,k|^2, into `weightedPower`
   * (adapt() then needs no pass of its own over the history), and the echo's power as filter
   * `a` sees it, sum_p |A_p,k|^2 |X_p,k|^2, into `aPathPower` (the residual bound's input,
   * which otherwise costs a pass of its own).
   */
  static filterPair(
    history: FarEndHistory,
    a: PartitionedFilter,
    b: PartitionedFilter,
    aRe: Float64Array,
    aIm: Float64Array,
    bRe: Float64Array,
    bIm: Float64Array,
    weight: Float64Array,
    weightedPower: Float64Array,
    aPathPower: Float64Array,
  ): void {
    const K = a.bins;
    const M = a.partitions;
    const offsets = a.offsets;
    for (let p = 0; p < M; p++) offsets[p] = history.offset(p);
    const arena = a.arena;
    if (arena && arena.holds(history.re) && arena.holds(history.im) && arena.holds(b.re) && arena.holds(b.im)) {
      // The same sums, bit for bit, two bins per instruction (wasm-kernels.ts).
      const arrays = {
        historyRe: history.re,
        historyIm: history.im,
        rowOffsets: offsets,
        aRe: a.re,
        aIm: a.im,
        bRe: b.re,
        bIm: b.im,
        weight,
        partitions: M,
        bins: K,
      };
      arena.filterPair(arrays, aRe, aIm, bRe, bIm, weightedPower, aPathPower);
      return;
    }
    const hr = history.re;
    const hi = history.im;
    const war = a.re;
    const wai = a.im;
    const wbr = b.re;
    const wbi = b.im;
    // Bin-outer: the six sums stay in registers over the partitions.
    for (let k = 0; k < K; k++) {
      let sar = 0;
      let sai = 0;
      let sbr = 0;
      let sbi = 0;
      let sp = 0;
      let sa = 0;
      for (let p = 0, w = k; p < M; p++, w += K) {
        const x = offsets[p]! + k;
        const xr = hr[x]!;
        const xi = hi[x]!;
        const ar = war[w]!;
        const ai = wai[w]!;
        const br = wbr[w]!;
        const bi = wbi[w]!;
        sar += ar * xr - ai * xi;
        sai += ar * xi + ai * xr;
        sbr += br * xr - bi * xi;
        sbi += br * xi + bi * xr;
        const x2 = xr * xr + xi * xi;
        sp += weight[p]! * x2;
        sa += (ar * ar + ai * ai) * x2;
      }
      aRe[k] = sar;
      aIm[k] = sai;
      bRe[k] = sbr;
      bIm[k] = sbi;
      weightedPower[k] = sp;
      aPathPower[k] = sa;
    }
  }

  /**
   * W_p += mu_k * weight_p * conj(X_p) * E_k / (sum_q weight_q |X_q,k|^2 + regularization):
   * block IPNLMS, normalized by the reference power as the weights see it (stable at any
   * weighting, and at speech onsets where the current block is far louder than the past).
   * `weightedPower`: that sum already taken by filterPair() with the same weights, or null.
   */
  adapt(
    history: FarEndHistory,
    eRe: Float64Array,
    eIm: Float64Array,
    mu: Float64Array,
    weight: Float64Array,
    regularization: number,
    weightedPower: Float64Array | null = null,
  ): void {
    const K = this.bins;
    const norm = this.norm;
    const pow = history.pow;
    const M = this.partitions;
    const offsets = this.offsets;
    for (let p = 0; p < M; p++) offsets[p] = history.offset(p);
    for (let k = 0; k < K; k++) {
      let sum = regularization;
      if (weightedPower) sum += weightedPower[k]!;
      else for (let p = 0; p < M; p++) sum += weight[p]! * pow[offsets[p]! + k]!;
      norm[k] = mu[k]! / sum;
    }
    const arena = this.arena;
    if (arena && arena.holds(history.re) && arena.holds(history.im)) {
      // The same update, bit for bit, two bins per instruction (wasm-kernels.ts).
      const arrays = { historyRe: history.re, historyIm: history.im, rowOffsets: offsets, re: this.re, im: this.im, weight, partitions: M, bins: K };
      arena.adapt(arrays, norm, eRe, eIm, this.energy);
    } else {
      this.update(history, norm, eRe, eIm, weight);
    }
    this.constrain(this.constrainNext);
    this.constrainNext = (this.constrainNext + 1) % this.partitions;
  }

  /** W_p += weight_p step_k conj(X_p) E_k, in JavaScript (where the WebAssembly kernel cannot run). */
  private update(history: FarEndHistory, step: Float64Array, eRe: Float64Array, eIm: Float64Array, weight: Float64Array): void {
    const K = this.bins;
    const hr = history.re;
    const hi = history.im;
    for (let p = 0; p < this.partitions; p++) {
      const g = weight[p]!;
      if (g === 0) continue;
      const w = p * K;
      const x = history.offset(p);
      let energy = 0;
      for (let k = 0; k < K; k++) {
        const mu = g * step[k]!;
        const xr = hr[x + k]!;
        const xi = hi[x + k]!;
        const er = eRe[k]!;
        const ei = eIm[k]!;
        const wr = this.re[w + k]! + mu * (xr * er + xi * ei);
        const wi = this.im[w + k]! + mu * (xr * ei - xi * er);
        this.re[w + k] = wr;
        this.im[w + k] = wi;
        energy += wr * wr + wi * wi;
      }
      this.energy[p] = energy;
    }
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
    let energy = 0;
    for (let k = 0; k < K; k++) energy += re[k]! * re[k]! + im[k]! * im[k]!;
    this.energy[p] = energy;
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
    this.energy.set(other.energy);
  }

  /** Every coefficient times `gain` (the reference it filters changed level). */
  scale(gain: number): void {
    for (let i = 0; i < this.re.length; i++) {
      this.re[i]! *= gain;
      this.im[i]! *= gain;
    }
    for (let p = 0; p < this.partitions; p++) this.energy[p]! *= gain * gain;
  }

  clear(): void {
    this.re.fill(0);
    this.im.fill(0);
    this.energy.fill(0);
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
    const energy = this.energy.slice();
    this.clear();
    for (let p = 0; p < M; p++) {
      const q = p + blocks;
      if (q < 0 || q >= M) continue;
      this.re.set(re.subarray(p * K, (p + 1) * K), q * K);
      this.im.set(im.subarray(p * K, (p + 1) * K), q * K);
      this.energy[q] = energy[p]!;
    }
  }
}
