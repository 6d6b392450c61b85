/**
 * The canceller's two costliest loops as WebAssembly SIMD kernels: filtering the far-end
 * history through the foreground and background filters at once (PartitionedFilter.filterPair)
 * and the background's update (PartitionedFilter.adapt). In JavaScript every typed-array access
 * is bounds-checked and every operation scalar; the kernels do two bins per instruction (f64x2)
 * on the same arrays, 3-4x faster (filterPair 10 against 40 us per 8 ms block, 256 ms tail),
 * and their results are bit for bit the JavaScript loops': the same IEEE operations per bin in
 * the same order, no fused multiply-add (tested on random data).
 *
 * The module (1.1 kB) is written by wasm-kernel-code.ts byte by byte: no toolchain, no
 * native addon, nothing fetched. Where the runtime cannot validate it (no SIMD), or a policy
 * forbids compiling it, WasmArena.create() returns null and the callers keep their JavaScript
 * loops. The arrays the kernels use are ordinary Float64Arrays to every other reader: views on
 * one WebAssembly.Memory that never grows (growing would detach them), each followed by slack,
 * because filterPair's last bin pair of an odd bin count reads one value past its array.
 */
import { moduleBytes } from './wasm-kernel-code.js';

type KernelExport = (...args: number[]) => void;

/** The part of the WebAssembly JS API used here (the main process's TypeScript libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (or compiling it is not allowed). */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      const bytes = moduleBytes();
      compiled = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Slack after every array: the last pair of an odd bin count reads one value past it (2 keeps views 16-byte aligned). */
const SLACK = 2;
const PAGE = 65536;
const roundUp = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** What filterPair reads: arrays of the arena. */
export interface FilterPairArrays {
  historyRe: Float64Array;
  historyIm: Float64Array;
  /** Where partition p's row starts in historyRe (and historyIm), in values. */
  rowOffsets: ArrayLike<number>;
  aRe: Float64Array;
  aIm: Float64Array;
  bRe: Float64Array;
  bIm: Float64Array;
  weight: ArrayLike<number>;
  partitions: number;
  bins: number;
}

/** What adapt reads and updates: arrays of the arena. */
export interface AdaptArrays {
  historyRe: Float64Array;
  historyIm: Float64Array;
  /** Where partition p's row starts in historyRe (and historyIm), in values. */
  rowOffsets: ArrayLike<number>;
  /** The filter's coefficients (partition p at p * bins). */
  re: Float64Array;
  im: Float64Array;
  weight: ArrayLike<number>;
  partitions: number;
  bins: number;
}

export class WasmArena {
  private top = 0;
  private readonly filterPairKernel: KernelExport;
  private readonly adaptKernel: KernelExport;
  private readonly rows: Int32Array;
  private readonly weight: Float64Array;
  /** adapt's per-bin inputs and per-partition energies. */
  private readonly step: Float64Array;
  private readonly eRe: Float64Array;
  private readonly eIm: Float64Array;
  private readonly energy: Float64Array;
  /** The six outputs, each `outStride` values apart. */
  private readonly out: Float64Array;
  private readonly outStride: number;

  private constructor(
    private readonly memory: WasmMemory,
    module: object,
    private readonly capacity: number,
    partitions: number,
    bins: number,
  ) {
    const instance = new wasm!.Instance(module, { aec: { memory } });
    this.filterPairKernel = instance.exports.filterPair as KernelExport;
    this.adaptKernel = instance.exports.adapt as KernelExport;
    this.outStride = bins + SLACK;
    this.rows = this.i32(partitions);
    this.weight = this.f64(partitions);
    this.out = this.f64(6 * this.outStride);
    this.step = this.f64(bins);
    this.eRe = this.f64(bins);
    this.eIm = this.f64(bins);
    this.energy = this.f64(partitions);
  }

  /**
   * An arena for `arrays` arrays of `length` values each (history and filter spectra, partitions
   * x bins), and the kernel's scratch for that many partitions and bins; null where the kernel
   * cannot run.
   */
  static create(arrays: number, length: number, partitions: number, bins: number): WasmArena | null {
    const module = kernelModule();
    if (!module) return null;
    const f64 = (n: number) => roundUp(8 * (n + SLACK));
    const bytes = arrays * f64(length) + roundUp(4 * partitions + 8 * SLACK) + 2 * f64(partitions) + f64(6 * (bins + SLACK)) + 3 * f64(bins);
    const memory = new wasm!.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
    return new WasmArena(memory, module, bytes, partitions, bins);
  }

  /** A zeroed Float64Array of `n` values in the arena. */
  f64(n: number): Float64Array {
    return new Float64Array(this.memory.buffer, this.reserve(8 * (n + SLACK)), n);
  }

  /** True when `view` lives in this arena (the kernel can read it). */
  holds(view: Float64Array): boolean {
    return view.buffer === this.memory.buffer;
  }

  /**
   * The kernel over arrays of this arena; results into the six outputs (length >= bins):
   * A's and B's echo spectra (re, im), sum_p weight_p |X_p|^2, sum_p |A_p|^2 |X_p|^2.
   */
  filterPair(
    a: FilterPairArrays,
    yaRe: Float64Array,
    yaIm: Float64Array,
    ybRe: Float64Array,
    ybIm: Float64Array,
    weighted: Float64Array,
    aPath: Float64Array,
  ): void {
    const { partitions: M, bins: K } = a;
    if (M > this.rows.length || K + SLACK > this.outStride) throw new RangeError(`WasmArena: ${M} x ${K} is larger than the arena was made for.`);
    for (let p = 0; p < M; p++) {
      this.rows[p] = 8 * a.rowOffsets[p]!;
      this.weight[p] = a.weight[p]!;
    }
    const S = this.outStride;
    this.filterPairKernel(
      a.historyRe.byteOffset,
      a.historyIm.byteOffset,
      this.rows.byteOffset,
      a.aRe.byteOffset,
      a.aIm.byteOffset,
      a.bRe.byteOffset,
      a.bIm.byteOffset,
      this.weight.byteOffset,
      this.out.byteOffset,
      M,
      K,
      8 * S,
    );
    const out = this.out;
    for (let k = 0; k < K; k++) {
      yaRe[k] = out[k]!;
      yaIm[k] = out[S + k]!;
      ybRe[k] = out[2 * S + k]!;
      ybIm[k] = out[3 * S + k]!;
      weighted[k] = out[4 * S + k]!;
      aPath[k] = out[5 * S + k]!;
    }
  }

  /**
   * The kernel's update of filter `w` (arrays of this arena) from the history and the error
   * spectrum: per partition with weight_p != 0, W_p,k += weight_p step_k conj(X_p,k) E_k, and
   * energy[p] = sum_k |W_p,k|^2 (left as it was where weight_p is 0).
   */
  adapt(a: AdaptArrays, step: Float64Array, eRe: Float64Array, eIm: Float64Array, energy: Float64Array): void {
    const { partitions: M, bins: K } = a;
    if (M > this.rows.length || K > this.step.length) throw new RangeError(`WasmArena: ${M} x ${K} is larger than the arena was made for.`);
    for (let p = 0; p < M; p++) {
      this.rows[p] = 8 * a.rowOffsets[p]!;
      this.weight[p] = a.weight[p]!;
      this.energy[p] = energy[p]!;
    }
    this.step.set(step.subarray(0, K));
    this.eRe.set(eRe.subarray(0, K));
    this.eIm.set(eIm.subarray(0, K));
    this.adaptKernel(
      a.historyRe.byteOffset,
      a.historyIm.byteOffset,
      this.rows.byteOffset,
      a.re.byteOffset,
      a.im.byteOffset,
      this.step.byteOffset,
      this.eRe.byteOffset,
      this.eIm.byteOffset,
      this.weight.byteOffset,
      this.energy.byteOffset,
      M,
      K,
    );
    for (let p = 0; p < M; p++) energy[p] = this.energy[p]!;
  }

  private i32(n: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.reserve(4 * n + 8 * SLACK), n);
  }

  /** `bytes` at a 16-byte boundary; never beyond what create() sized the memory for (it must not grow: views would detach). */
  private reserve(bytes: number): number {
    const at = this.top;
    const next = at + roundUp(bytes);
    if (next > this.capacity) throw new RangeError(`WasmArena: out of room (${next} of ${this.capacity} bytes).`);
    this.top = next;
    return at;
  }
}
