import { describe, expect, it } from 'vitest';
import { ComfortNoise } from '../../../electron/engine/vad/comfort-noise.js';
import type { AudioFrame } from '../../../electron/engine/audio/frame.js';

const RATE = 16_000;
const frameOf = (data: Float32Array, timestampMs = 0): AudioFrame => ({ data, sampleRate: RATE, channels: 1, timestampMs });
const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);

/** Reproducible white noise at an RMS level. */
function noise(n: number, dbfs: number, seed = 1): Float32Array {
  let x = seed;
  const amp = Math.sqrt(3) * 10 ** (dbfs / 20);
  return Float32Array.from({ length: n }, () => {
    x = (Math.imul(x, 1664525) + 1013904223) | 0;
    return amp * ((x >>> 0) / 2 ** 31 - 1);
  });
}

/** 20 ms frames of a noisy room; `gate(i)` zeroes frame i's second 10 ms block, as the echo gate does. */
function room(cn: ComfortNoise, frames: number, dbfs: number, gate: (i: number) => boolean, speaking = false): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < frames; i++) {
    const data = noise(320, dbfs, i + 1);
    if (gate(i)) data.fill(0, 160, 320);
    out.push(cn.fill(frameOf(data, i * 20), speaking).data);
  }
  return out;
}

describe("comfort noise: the echo gate's zeroed blocks are refilled with the room", () => {
  it("in a room at -50 dBFS a gated block comes back at the room's level, never as digital silence", () => {
    const cn = new ComfortNoise();
    room(cn, 50, -50, () => false); // one second of the room, nothing gated
    const heard = room(cn, 50, -50, (i) => i % 2 === 0);
    for (const f of heard) {
      expect(rmsDb(f.subarray(160))).toBeGreaterThan(-53);
      expect(rmsDb(f.subarray(160))).toBeLessThan(-48);
    }
  });

  it("the user's own blocks pass untouched", () => {
    const cn = new ComfortNoise();
    room(cn, 50, -50, () => false);
    const data = noise(320, -20, 7);
    expect(cn.fill(frameOf(data), true).data).toEqual(data);
  });

  it('a silent room (digital zero, or under -70 dBFS) stays as it was: nothing to refill with', () => {
    const cn = new ComfortNoise();
    expect(room(cn, 50, -80, () => true).every((f) => f.subarray(160).every((v) => v === 0))).toBe(true);
    const zeros = new Float32Array(320);
    expect(cn.fill(frameOf(zeros), false).data).toEqual(zeros);
  });

  it('voice is never learned as the room: only blocks within 6 dB of the quietest of the last 2 s', () => {
    const cn = new ComfortNoise();
    room(cn, 50, -50, () => false);
    room(cn, 20, -20, () => false); // loud: voice or echo residual, the user's speech not open
    const heard = room(cn, 10, -50, () => true);
    for (const f of heard) expect(rmsDb(f.subarray(160))).toBeLessThan(-48);
  });

  it('nothing is learned while the user speaks, so a room first heard inside speech is not replayed', () => {
    const cn = new ComfortNoise();
    room(cn, 50, -50, () => false, true);
    const heard = room(cn, 5, -50, () => true, true);
    for (const f of heard) expect(f.subarray(160).every((v) => v === 0)).toBe(true);
  });
});
