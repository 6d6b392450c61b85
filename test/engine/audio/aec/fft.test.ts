import { describe, expect, it } from 'vitest';
import { RealFft } from '../../../../electron/engine/audio/aec/fft.js';

function dft(x: ArrayLike<number>): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let r = 0;
    let i = 0;
    for (let t = 0; t < n; t++) {
      r += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
      i -= x[t]! * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

/** Seeded uniform values in [-1, 1) (a linear congruential generator: the same inputs every run). */
function randomValues(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (2 * s) / 2147483648 - 1;
  });
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tolerance: number): void {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  expect(worst).toBeLessThan(tolerance);
}

// Sizes with an odd and an even number of radix-2 stages after the packing (the first pass does 1, 2 or 3 of them).
const SIZES = [4, 8, 16, 32, 64, 128, 256, 512, 1024];

describe('RealFft', () => {
  for (const size of SIZES) {
    it(`matches a direct DFT on random frames and inverts them at size ${size}`, () => {
      const fft = new RealFft(size);
      const re = new Float64Array(fft.bins);
      const im = new Float64Array(fft.bins);
      const back = new Float64Array(size);
      for (let trial = 0; trial < 3; trial++) {
        const x = randomValues(size, 17 + 31 * trial + size);
        fft.forward(x, re, im);
        const want = dft(x);
        expectClose(re, want.re, 1e-9);
        expectClose(im, want.im, 1e-9);
        fft.inverse(re, im, back);
        expectClose(back, x, 1e-12);
      }
    });

    it(`inverts a random spectrum to the real signal a direct inverse DFT gives at size ${size}`, () => {
      const fft = new RealFft(size);
      const h = size / 2;
      const re = Float64Array.from(randomValues(h + 1, 5 + size));
      const im = Float64Array.from(randomValues(h + 1, 9 + size));
      // A real signal's spectrum: bins 0 and size/2 are real.
      im[0] = 0;
      im[h] = 0;
      const want = Array.from({ length: size }, (_, t) => {
        let v = re[0]! + re[h]! * Math.cos(Math.PI * t);
        for (let k = 1; k < h; k++) v += 2 * (re[k]! * Math.cos((2 * Math.PI * k * t) / size) - im[k]! * Math.sin((2 * Math.PI * k * t) / size));
        return v / size;
      });
      const out = new Float64Array(size);
      fft.inverse(re, im, out);
      expectClose(out, want, 1e-9);
      const out32 = new Float32Array(size);
      fft.inverse(re, im, out32);
      expectClose(out32, want, 1e-6);
    });
  }

  it('gives the same spectrum for number arrays, Float32Array and Float64Array input, and is repeatable (no state between calls)', () => {
    const fft = new RealFft(256);
    const x = randomValues(256, 4242).map((v) => Math.fround(v));
    const spectra = [x, Float32Array.from(x), Float64Array.from(x), x].map((input) => {
      const re = new Float64Array(fft.bins);
      const im = new Float64Array(fft.bins);
      fft.forward(input, re, im);
      return [...re, ...im];
    });
    for (const s of spectra.slice(1)) expect(s).toEqual(spectra[0]);
  });

  it('transforms a sine into its one bin', () => {
    const size = 256;
    const fft = new RealFft(size);
    const re = new Float64Array(fft.bins);
    const im = new Float64Array(fft.bins);
    fft.forward(
      Array.from({ length: size }, (_, t) => Math.sin((2 * Math.PI * 10 * t) / size)),
      re,
      im,
    );
    for (let k = 0; k < fft.bins; k++) {
      expect(Math.abs(re[k]!)).toBeLessThan(1e-10);
      expect(Math.abs(im[k]!)).toBeLessThan(k === 10 ? Infinity : 1e-10);
    }
    expect(im[10]).toBeCloseTo(-size / 2, 9);
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => new RealFft(100)).toThrow(/power of two/);
    expect(() => new RealFft(2)).toThrow(/power of two/);
  });
});
