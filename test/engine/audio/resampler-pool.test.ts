/**
 * Loading a converter compiles libsamplerate's WASM afresh (50-150 ms of CPU on a loaded 2-core
 * machine, on the event loop as a turn began). The pool loads new ones only once it is down to
 * its last idle converter: released ones come back, so a session rarely gets there.
 */
import libsamplerate from '@alexanderolsen/libsamplerate-js';
import { describe, expect, it, vi } from 'vitest';
import { loadResamplerFactory } from '../../../electron/engine/audio/resampler';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@alexanderolsen/libsamplerate-js', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: { create: (...args: unknown[]) => Promise<unknown> } }).default;
  return {
    default: {
      ...real,
      create: (...args: unknown[]) => {
        loads.count++;
        return real.create(...args);
      },
    },
  };
});

describe('resampler pool', () => {
  it('loads no new converter while it has more than one idle, and tops itself up once down to its last', async () => {
    const pool = await loadResamplerFactory({ spare: 4 });
    expect(loads.count).toBe(4);
    const playback = pool.create({ inputRate: 24_000, outputRate: 48_000 });
    const canceller = pool.create({ inputRate: 48_000, outputRate: 16_000 });
    playback.release();
    pool.create({ inputRate: 24_000, outputRate: 48_000 }).release();
    await new Promise((r) => setTimeout(r, 50));
    expect(loads.count).toBe(4);
    pool.create({ inputRate: 24_000, outputRate: 48_000 });
    pool.create({ inputRate: 24_000, outputRate: 48_000 });
    expect(loads.count).toBe(5);
    canceller.release();
  });
});

describe('resampler warm-up', () => {
  it('leaves nothing in the stream: a pooled converter gives the same samples as one that never converted anything', async () => {
    const pool = await loadResamplerFactory({ spare: 2 });
    const input = Float32Array.from({ length: 4800 }, (_, i) => 0.3 * Math.sin(i / 7) + 0.1 * Math.sin(i / 3));
    const pooled = pool.create({ inputRate: 24_000, outputRate: 48_000 });
    const fresh = await libsamplerate.create(1, 24_000, 48_000, { converterType: 2 });
    expect(Array.from(pooled.process(input))).toEqual(Array.from(fresh.full(input)));
    pooled.release();
    fresh.destroy();
  });
});
