import { beforeAll, describe, expect, it } from 'vitest';
import { loadResamplerFactory, resampleAll, type ResamplerFactory } from '../../../electron/engine/audio/resampler';

function sine(freqHz: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / rate);
  return out;
}

/** Frequency from zero crossings, good enough for a clean sine. */
function estimateFrequency(signal: Float32Array, rate: number): number {
  let crossings = 0;
  for (let i = 1; i < signal.length; i++) if (signal[i - 1]! < 0 && signal[i]! >= 0) crossings++;
  return (crossings * rate) / signal.length;
}

function peak(signal: Float32Array): number {
  return signal.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

let factory: ResamplerFactory;
beforeAll(async () => {
  factory = await loadResamplerFactory({ spare: 2 });
});

describe('resampler (libsamplerate)', () => {
  it('converts 24 kHz to 48 kHz keeping length, pitch and level', () => {
    const out = resampleAll(factory, sine(440, 24_000, 1), 24_000, 48_000);
    expect(out.length).toBe(48_000);
    expect(estimateFrequency(out.subarray(1000, 47_000), 48_000)).toBeCloseTo(440, -1);
    expect(peak(out.subarray(1000, 47_000))).toBeCloseTo(0.5, 1);
  });

  it('converts 48 kHz to 16 kHz for the engine', () => {
    const out = resampleAll(factory, sine(1000, 48_000, 0.5), 48_000, 16_000);
    expect(out.length).toBe(8000);
    expect(estimateFrequency(out.subarray(200, 7800), 16_000)).toBeCloseTo(1000, -1);
  });

  it('streams chunk by chunk without seams: the same samples as converting in one go', () => {
    const input = sine(300, 24_000, 0.5);
    const whole = resampleAll(factory, input, 24_000, 48_000);
    const stream = factory.create({ inputRate: 24_000, outputRate: 48_000 });
    const parts: Float32Array[] = [];
    for (let at = 0; at < input.length; at += 480) parts.push(stream.process(input.subarray(at, at + 480)));
    parts.push(stream.flush());
    stream.release();
    const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    let maxDiff = 0;
    for (let i = 0; i < whole.length; i++) maxDiff = Math.max(maxDiff, Math.abs(whole[i]! - joined[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it('passes equal rates through untouched', () => {
    const input = sine(440, 16_000, 0.1);
    expect(resampleAll(factory, input, 16_000, 16_000)).toEqual(input);
  });

  it('says so when every preloaded converter is busy, and works again once one is released', async () => {
    const single = await loadResamplerFactory({ spare: 1 });
    const held = single.create({ inputRate: 22_050, outputRate: 48_000 });
    expect(() => single.create({ inputRate: 22_050, outputRate: 48_000 })).toThrow(/all 1 preloaded converters are in use/);
    held.release();
    expect(() => single.create({ inputRate: 22_050, outputRate: 48_000 }).release()).not.toThrow();
  });

  it('names a bad rate', () => {
    expect(() => factory.create({ inputRate: 0, outputRate: 48_000 })).toThrow(/input rate 0 Hz/);
    expect(() => factory.create({ inputRate: 16_000, outputRate: 500_000 })).toThrow(/output rate 500000 Hz/);
  });
});
