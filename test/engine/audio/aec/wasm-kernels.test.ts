import { describe, expect, it } from 'vitest';
import { FarEndHistory } from '../../../../electron/engine/audio/aec/far-end-history.js';
import { RealFft } from '../../../../electron/engine/audio/aec/fft.js';
import { PartitionedFilter } from '../../../../electron/engine/audio/aec/partitioned-filter.js';
import { WasmArena } from '../../../../electron/engine/audio/aec/wasm-kernels.js';

function randomFill(a: Float64Array, seed: number): void {
  let s = seed;
  for (let i = 0; i < a.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a[i] = (2 * s) / 2147483648 - 1;
  }
}

/** A history and a filter pair, in the arena or in plain arrays, filled with the same seeded values. */
function setup(M: number, fftSize: number, arena: WasmArena | null) {
  const fft = new RealFft(fftSize);
  const K = fft.bins;
  const history = new FarEndHistory(M, K, arena);
  const a = new PartitionedFilter(M, fft, arena);
  const b = new PartitionedFilter(M, fft, arena);
  const x = { re: new Float64Array(K), im: new Float64Array(K) };
  // More pushes than partitions: the ring's head is not at slot 0.
  for (let n = 0; n < M + 2; n++) {
    randomFill(x.re, 10 + n);
    randomFill(x.im, 50 + n);
    history.push(x.re, x.im);
  }
  [a.re, a.im, b.re, b.im].forEach((v, i) => randomFill(v, 100 + i + M));
  const weight = Float64Array.from({ length: M }, (_, p) => (M > 1 && p === 1 ? 0 : 0.5 + p / M));
  return { fft, K, history, a, b, weight };
}

const SIZES = [
  [1, 4],
  [3, 256],
  [32, 256],
  [48, 256],
  [7, 128],
] as const;

describe('WasmArena kernels', () => {
  it('run here (Node has WebAssembly SIMD): the canceller gets the fast path', () => {
    expect(WasmArena.create(6, 32 * 129, 32, 129)).not.toBeNull();
  });

  for (const [M, size] of SIZES) {
    it(`filterPair gives bit for bit the JavaScript loop's sums at ${M} partitions x ${size / 2 + 1} bins`, () => {
      const results = [null, WasmArena.create(6, M * (size / 2 + 1), M, size / 2 + 1)].map((arena) => {
        const { K, history, a, b, weight } = setup(M, size, arena);
        if (arena) expect([history.re, a.re, b.im].every((v) => arena.holds(v))).toBe(true);
        const out = Array.from({ length: 6 }, () => new Float64Array(K));
        PartitionedFilter.filterPair(history, a, b, out[0]!, out[1]!, out[2]!, out[3]!, weight, out[4]!, out[5]!);
        return out.map((o) => Array.from(o));
      });
      expect(results[1]).toEqual(results[0]);
    });

    it(`adapt updates the coefficients and their energies bit for bit as the JavaScript loop at ${M} x ${size / 2 + 1} (a partition without weight left alone)`, () => {
      const K = size / 2 + 1;
      const results = [null, WasmArena.create(7, M * K, M, K)].map((arena) => {
        const { history, b, weight } = setup(M, size, arena);
        // An array placed after the filters: nothing may be written into it.
        const guard = arena?.f64(M * K).fill(7);
        const e = { re: new Float64Array(K), im: new Float64Array(K) };
        randomFill(e.re, 5);
        randomFill(e.im, 6);
        const mu = new Float64Array(K).fill(0.5);
        for (let n = 0; n < 3; n++) b.adapt(history, e.re, e.im, mu, weight, 10);
        if (guard) expect(guard.every((v) => v === 7)).toBe(true);
        return [Array.from(b.re), Array.from(b.im), Array.from(b.energy)];
      });
      expect(results[1]).toEqual(results[0]);
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
