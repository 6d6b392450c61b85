/**
 * The far-end (playback reference) spectra of the last `partitions` blocks: the frequency-
 * domain delay line of a partitioned-block filter. Partition 0 is the newest block. It also
 * keeps, per bin, the reference power summed over the line, the normalizer of the update.
 */
import type { WasmArena } from './wasm-kernels.js';

export class FarEndHistory {
  readonly partitions: number;
  readonly bins: number;
  /** Flat [slot * bins + k]; the slot of partition p is (head + p) % partitions. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** |X|^2 of each slot, kept beside the spectrum: the update's normalizer reads it every block. */
  readonly pow: Float64Array;
  private head = 0;
  /** Sum over partitions of |X_p|^2 per bin. */
  readonly power: Float64Array;
  private pushes = 0;

  /** @param arena where the spectra live when a WebAssembly kernel filters them (PartitionedFilter.filterPair) */
  constructor(partitions: number, bins: number, arena: WasmArena | null = null) {
    this.partitions = partitions;
    this.bins = bins;
    this.re = arena ? arena.f64(partitions * bins) : new Float64Array(partitions * bins);
    this.im = arena ? arena.f64(partitions * bins) : new Float64Array(partitions * bins);
    this.pow = new Float64Array(partitions * bins);
    this.power = new Float64Array(bins);
  }

  /** Offset into re/im of partition p (0 = newest). */
  offset(p: number): number {
    return ((this.head + p) % this.partitions) * this.bins;
  }

  push(re: Float64Array, im: Float64Array): void {
    this.head = (this.head + this.partitions - 1) % this.partitions;
    const o = this.head * this.bins;
    const { power } = this;
    for (let k = 0; k < this.bins; k++) {
      const p = re[k]! * re[k]! + im[k]! * im[k]!;
      power[k] = power[k]! - this.pow[o + k]! + p;
      this.re[o + k] = re[k]!;
      this.im[o + k] = im[k]!;
      this.pow[o + k] = p;
    }
    // The running sum drifts with rounding: recompute it exactly once per turn of the line.
    if (++this.pushes % this.partitions === 0) this.recomputePower();
  }

  /** Total power of the line (all bins): zero when the reference was silent for the whole tail. */
  totalPower(): number {
    let sum = 0;
    for (let k = 0; k < this.bins; k++) sum += this.power[k]!;
    return sum;
  }

  clear(): void {
    this.re.fill(0);
    this.im.fill(0);
    this.pow.fill(0);
    this.power.fill(0);
  }

  private recomputePower(): void {
    const { power, pow, bins } = this;
    power.fill(0);
    // Slot by slot, as before (the same sums), without a modulo per value.
    for (let o = 0; o < pow.length; o += bins) for (let k = 0; k < bins; k++) power[k]! += pow[o + k]!;
  }
}
