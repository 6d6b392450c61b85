import { describe, expect, it } from 'vitest';
import { RealFft } from '../../../../electron/engine/audio/aec/fft.js';

function dft(x: number[]): { re: number[]; im: number[] } {
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

describe('RealFft', () => {
  for (const size of [4, 8, 64, 256]) {
    it(`matches a direct DFT and inverts exactly at size ${size}`, () => {
      const fft = new RealFft(size);
      const x = Array.from({ length: size }, (_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.9) + ((i * 7919) % 13) / 13 - 0.5);
      const re = new Float64Array(fft.bins);
      const im = new Float64Array(fft.bins);
      fft.forward(x, re, im);
      const want = dft(x);
      for (let k = 0; k < fft.bins; k++) {
        expect(re[k]).toBeCloseTo(want.re[k]!, 9);
        expect(im[k]).toBeCloseTo(want.im[k]!, 9);
      }
      const back = new Float64Array(size);
      fft.inverse(re, im, back);
      for (let i = 0; i < size; i++) expect(back[i]).toBeCloseTo(x[i]!, 12);
    });
  }

  it('refuses sizes that are not powers of two', () => {
    expect(() => new RealFft(100)).toThrow(/power of two/);
  });
});
