import { describe, expect, it } from 'vitest';
import { WasmArena } from '../../../../electron/engine/audio/aec/wasm-kernels.js';

function randomFill(a: Float64Array, seed: number): void {
  let s = seed;
  for (let i = 0; i < a.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a[i] = (2 * s) / 2147483648 - 1;
  }
}

/** The JavaScript loop the kernel replaces (PartitionedFilter.filterPair's), written out plainly. */
function reference(
  h: { re: Float64Array; im: Float64Array },
  rows: number[],
  A: { re: Float64Array; im: Float64Array },
  B: typeof A,
  weight: number[],
  M: number,
  K: number,
) {
  const out = Array.from({ length: 6 }, () => new Float64Array(K));
  for (let k = 0; k < K; k++) {
    let sar = 0;
    let sai = 0;
    let sbr = 0;
    let sbi = 0;
    let sp = 0;
    let sa = 0;
    for (let p = 0; p < M; p++) {
      const x = rows[p]! + k;
      const w = p * K + k;
      const [xr, xi, ar, ai, br, bi] = [h.re[x]!, h.im[x]!, A.re[w]!, A.im[w]!, B.re[w]!, B.im[w]!];
      sar += ar * xr - ai * xi;
      sai += ar * xi + ai * xr;
      sbr += br * xr - bi * xi;
      sbi += br * xi + bi * xr;
      const x2 = xr * xr + xi * xi;
      sp += weight[p]! * x2;
      sa += (ar * ar + ai * ai) * x2;
    }
    [sar, sai, sbr, sbi, sp, sa].forEach((v, j) => (out[j]![k] = v));
  }
  return out;
}

describe('WasmArena filterPair kernel', () => {
  it('runs here (Node has WebAssembly SIMD): the canceller gets the fast path', () => {
    expect(WasmArena.create(6, 32 * 129, 32, 129)).not.toBeNull();
  });

  for (const [M, K] of [
    [1, 3],
    [3, 129],
    [32, 129],
    [7, 64],
    [48, 129],
  ] as const) {
    it(`gives bit for bit the JavaScript loop's sums at ${M} partitions x ${K} bins (odd bin counts read into the slack)`, () => {
      const arena = WasmArena.create(6, M * K, M, K)!;
      const arrays = Array.from({ length: 6 }, () => arena.f64(M * K));
      arrays.forEach((a, i) => randomFill(a, 11 + 7 * i + M + K));
      const [hRe, hIm, aRe, aIm, bRe, bIm] = arrays as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      // The history is a ring: partition p sits in slot (head + p) % M.
      const head = M > 2 ? 2 : 0;
      const rows = Array.from({ length: M }, (_, p) => ((head + p) % M) * K);
      const weight = Array.from({ length: M }, (_, p) => 1 / (1 + p));
      const out = Array.from({ length: 6 }, () => new Float64Array(K));
      arena.filterPair(
        { historyRe: hRe, historyIm: hIm, rowOffsets: rows, aRe, aIm, bRe, bIm, weight, partitions: M, bins: K },
        ...(out as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array]),
      );
      const want = reference({ re: hRe, im: hIm }, rows, { re: aRe, im: aIm }, { re: bRe, im: bIm }, weight, M, K);
      for (let j = 0; j < 6; j++) expect(Array.from(out[j]!)).toEqual(Array.from(want[j]!));
    });
  }

  it('hands out separate zeroed arrays, and refuses more than it was made for', () => {
    const arena = WasmArena.create(2, 10, 1, 5)!;
    const a = arena.f64(10);
    const b = arena.f64(10);
    expect(Array.from(a)).toEqual(new Array(10).fill(0));
    a.fill(1);
    expect(Array.from(b)).toEqual(new Array(10).fill(0));
    expect(arena.holds(a) && arena.holds(b)).toBe(true);
    expect(arena.holds(new Float64Array(10))).toBe(false);
    expect(() => arena.f64(10)).toThrow(/out of room/);
  });
});

/** PartitionedFilter.adapt's update loop, written out plainly. */
function referenceAdapt(
  h: { re: Float64Array; im: Float64Array },
  rows: number[],
  W: { re: Float64Array; im: Float64Array },
  step: Float64Array,
  e: { re: Float64Array; im: Float64Array },
  weight: number[],
  energy: Float64Array,
  M: number,
  K: number,
) {
  for (let p = 0; p < M; p++) {
    const g = weight[p]!;
    if (g === 0) continue;
    let en = 0;
    for (let k = 0; k < K; k++) {
      const mu = g * step[k]!;
      const [xr, xi, er, ei] = [h.re[rows[p]! + k]!, h.im[rows[p]! + k]!, e.re[k]!, e.im[k]!];
      const wr = W.re[p * K + k]! + mu * (xr * er + xi * ei);
      const wi = W.im[p * K + k]! + mu * (xr * ei - xi * er);
      W.re[p * K + k] = wr;
      W.im[p * K + k] = wi;
      en += wr * wr + wi * wi;
    }
    energy[p] = en;
  }
}

describe('WasmArena adapt kernel', () => {
  for (const [M, K] of [
    [1, 1],
    [1, 3],
    [3, 129],
    [32, 129],
    [5, 64],
  ] as const) {
    it(`updates the coefficients and their energies bit for bit as the JavaScript loop at ${M} x ${K}, and writes nothing outside the filter`, () => {
      const arena = WasmArena.create(6, M * K, M, K)!;
      const [hRe, hIm, wRe, wIm, guard, spare] = Array.from({ length: 6 }, () => arena.f64(M * K)) as Float64Array[];
      [hRe, hIm, wRe, wIm].forEach((a, i) => randomFill(a!, 3 + 5 * i + M * K));
      guard!.fill(7);
      const step = new Float64Array(K);
      randomFill(step, 99);
      const e = { re: new Float64Array(K), im: new Float64Array(K) };
      randomFill(e.re, 5);
      randomFill(e.im, 6);
      const head = M > 1 ? 1 : 0;
      const rows = Array.from({ length: M }, (_, p) => ((head + p) % M) * K);
      // One partition with no weight: left as it was, its energy too.
      const weight = Array.from({ length: M }, (_, p) => (p === 1 ? 0 : 0.5 + p / M));
      const want = { re: Float64Array.from(wRe!), im: Float64Array.from(wIm!) };
      const wantEnergy = new Float64Array(M).fill(-1);
      referenceAdapt({ re: hRe!, im: hIm! }, rows, want, step, e, weight, wantEnergy, M, K);
      const energy = new Float64Array(M).fill(-1);
      arena.adapt({ historyRe: hRe!, historyIm: hIm!, rowOffsets: rows, re: wRe!, im: wIm!, weight, partitions: M, bins: K }, step, e.re, e.im, energy);
      expect(Array.from(wRe!)).toEqual(Array.from(want.re));
      expect(Array.from(wIm!)).toEqual(Array.from(want.im));
      expect(Array.from(energy)).toEqual(Array.from(wantEnergy));
      expect(guard!.every((v) => v === 7)).toBe(true);
      expect(spare!.every((v) => v === 0)).toBe(true);
    });
  }
});
