import { describe, expect, it } from 'vitest';
import { ComfortNoise } from '../../../electron/engine/vad/comfort-noise.js';
import { frameOf, noise } from './helpers/room-sound.js';

const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);

/** The room alone (nobody speaking, no echo), in 20 ms frames: what the filler learns from. */
function roomAlone(cn: ComfortNoise, frames: number, dbfs: number): void {
  for (let i = 0; i < frames; i++) cn.fill(frameOf(noise(320, dbfs, 1000 + i), i * 20), true);
}

/** 20 ms frames under the agent's voice: the echo gate zeroes each frame's second 10 ms block. */
function gated(cn: ComfortNoise, frames: number, dbfs: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < frames; i++) {
    const data = noise(320, dbfs, i + 1);
    data.fill(0, 160, 320);
    out.push(cn.fill(frameOf(data, i * 20), false).data);
  }
  return out;
}

describe("comfort noise: the echo gate's zeroed blocks are refilled with the room", () => {
  it("in a room at -50 dBFS a gated block comes back at the room's level, never as digital silence", () => {
    const cn = new ComfortNoise();
    roomAlone(cn, 50, -50);
    for (const f of gated(cn, 50, -50)) {
      expect(rmsDb(f.subarray(160))).toBeGreaterThan(-53);
      expect(rmsDb(f.subarray(160))).toBeLessThan(-48);
    }
  });

  it('what is not zeroed passes untouched (the user, the echo residual)', () => {
    const cn = new ComfortNoise();
    roomAlone(cn, 50, -50);
    const data = noise(320, -20, 7);
    expect(cn.fill(frameOf(data), false).data).toEqual(data);
  });

  it('a silent room (digital zero, or under -70 dBFS) stays as it was: nothing to refill with', () => {
    for (const dbfs of [-Infinity, -80]) {
      const cn = new ComfortNoise();
      roomAlone(cn, 50, dbfs);
      expect(gated(cn, 10, -50).every((f) => f.subarray(160).every((v) => v === 0))).toBe(true);
    }
  });

  it('only the quiet of the room is replayed: a louder block (a breath, the first of a voice) within 2 s of it is not', () => {
    const cn = new ComfortNoise();
    roomAlone(cn, 50, -50);
    roomAlone(cn, 20, -30);
    for (const f of gated(cn, 10, -50)) expect(rmsDb(f.subarray(160))).toBeLessThan(-48);
  });

  it('frames that may hold the user or the echo teach it nothing: before the room was heard alone, zeros stay zeros', () => {
    const cn = new ComfortNoise();
    for (let i = 0; i < 50; i++) cn.fill(frameOf(noise(320, -50, i + 1), i * 20), false);
    expect(gated(cn, 5, -50).every((f) => f.subarray(160).every((v) => v === 0))).toBe(true);
  });
});
