import { describe, expect, it } from 'vitest';
import { FarEndHistory } from '../../../../electron/engine/audio/aec/far-end-history.js';
import { WasmArena } from '../../../../electron/engine/audio/aec/wasm-kernels.js';

function spectrum(bins: number, seed: number): { re: Float64Array; im: Float64Array } {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (2 * s) / 2147483648 - 1;
  };
  return { re: Float64Array.from({ length: bins }, next), im: Float64Array.from({ length: bins }, next) };
}

describe('FarEndHistory', () => {
  const M = 4;
  const K = 5;

  it('keeps the newest block as partition 0 and, per bin, the power summed over the line', () => {
    const history = new FarEndHistory(M, K);
    const pushed: { re: Float64Array; im: Float64Array }[] = [];
    // More than a few turns of the line: the running sum is recomputed once per turn.
    for (let n = 0; n < 4 * M + 3; n++) {
      const x = spectrum(K, 7 + n);
      pushed.unshift(x);
      history.push(x.re, x.im);
      for (let p = 0; p < Math.min(M, pushed.length); p++) {
        const o = history.offset(p);
        expect(Array.from(history.re.subarray(o, o + K))).toEqual(Array.from(pushed[p]!.re));
      }
      for (let k = 0; k < K; k++) {
        const want = pushed.slice(0, M).reduce((sum, x) => sum + x.re[k]! ** 2 + x.im[k]! ** 2, 0);
        expect(history.power[k]).toBeCloseTo(want, 9);
      }
    }
  });

  it('holds the same values with its spectra in a WebAssembly arena', () => {
    const arena = WasmArena.create(2, M * K, M, K)!;
    const plain = new FarEndHistory(M, K);
    const inArena = new FarEndHistory(M, K, arena);
    expect(arena.holds(inArena.re) && arena.holds(inArena.im)).toBe(true);
    for (let n = 0; n < 2 * M + 1; n++) {
      const x = spectrum(K, 100 + n);
      plain.push(x.re, x.im);
      inArena.push(x.re, x.im);
    }
    expect(Array.from(inArena.re)).toEqual(Array.from(plain.re));
    expect(Array.from(inArena.im)).toEqual(Array.from(plain.im));
    expect(Array.from(inArena.power)).toEqual(Array.from(plain.power));
  });
});
