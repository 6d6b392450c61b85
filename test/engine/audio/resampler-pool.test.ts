/**
 * Loading a converter compiles libsamplerate's WASM afresh (50-150 ms of CPU on a loaded 2-core
 * machine, on the event loop as a turn began). The pool loads new ones only once it is down to
 * its last idle converter: released ones come back, so a session rarely gets there.
 */
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
