/**
 * An echo that moves mid-sentence (an output latency that grows, a laptop moved onto a longer
 * path): the delay search follows it within a second of speech, never back to the old lag, and
 * never on a voice over the agent. Block by block (8 ms), with speech-like envelopes: syllables
 * of 80-200 ms at varying level, pauses of 24-80 ms, from a seeded generator.
 */
import { describe, expect, it } from 'vitest';
import { DelayEstimator } from '../../../../electron/engine/audio/aec/delay-estimator.js';

/** As the canceller makes it: lags up to 500 ms, a 3 s window, looked at every 0.25 s. */
const estimator = () => new DelayEstimator(63, 375, 32);

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Block energies (mean square) of a voice: syllables and pauses. */
function envelope(blocks: number, seed: number, level = 1e-3): Float64Array {
  const next = random(seed);
  const out = new Float64Array(blocks);
  let i = 0;
  while (i < blocks) {
    const on = 10 + Math.floor(next() * 15);
    const syllable = level * 10 ** -next();
    for (let k = 0; k < on && i < blocks; k++, i++) out[i] = syllable * (0.5 + next());
    const off = 3 + Math.floor(next() * 7);
    i += off;
  }
  return out;
}

/** The mic: the reference `lag(block)` blocks late, 6 dB down, over a -80 dBFS floor, plus `user`. */
function micOf(ref: Float64Array, lag: (block: number) => number, user?: Float64Array): Float64Array {
  return ref.map((_, t) => (t - lag(t) >= 0 ? 0.25 * ref[t - lag(t)]! : 0) + 1e-8 + (user?.[t] ?? 0));
}

/** Feeds the blocks; the estimate after each block, and the blocks at which the window was told to move. */
function run(ref: Float64Array, mic: Float64Array, est = estimator(), mayHaveMoved = (_t: number) => true) {
  const lags: (number | null)[] = [];
  const moves: { at: number; blocks: number; moved: boolean; jumpBlocks: number }[] = [];
  for (let t = 0; t < ref.length; t++) {
    if (est.push(mic[t]!, ref[t]!, mayHaveMoved(t))) moves.push({ at: t, blocks: est.estimate!.blocks, moved: est.moved, jumpBlocks: est.jumpBlocks });
    lags.push(est.estimate?.blocks ?? null);
  }
  return { lags, moves };
}

const CHANGE = 1000;
/** 20 -> 250 ms: 2 blocks, then 31 (a Bluetooth speaker's latency appears mid-sentence). */
const jump = (t: number) => (t < CHANGE ? 2 : 31);

describe('DelayEstimator when the echo moves', () => {
  it('follows an echo that moved 29 blocks later within 0.8 s of speech, as a move of the echo by 29 blocks', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const ref = envelope(2500, seed);
      const { lags, moves } = run(ref, micOf(ref, jump));
      expect(lags[CHANGE - 1], `seed ${seed}`).toBeLessThanOrEqual(2);
      const move = moves.find((m) => m.at >= CHANGE);
      expect(move, `seed ${seed}: never followed`).toBeDefined();
      expect(move!.at - CHANGE, `seed ${seed}`).toBeLessThanOrEqual(100);
      expect(move!.moved).toBe(true);
      expect(Math.abs(move!.blocks - 31)).toBeLessThanOrEqual(1);
      expect(Math.abs(move!.jumpBlocks - 29)).toBeLessThanOrEqual(1);
    }
  });

  it('leaves a lag found elsewhere to the long window while the canceller says its filter still removes the echo', () => {
    for (const seed of [1, 2, 3]) {
      const ref = envelope(2500, seed);
      // A filter that removes the echo: the recent look does not run (in a 1 s bathroom it moved the window 270 ms off).
      const held = run(ref, micOf(ref, jump), estimator(), () => false);
      expect(held.lags[CHANGE + 200], `seed ${seed}`).toBeLessThanOrEqual(2);
      // From the block the filter stops removing it, the recent look follows within 0.8 s.
      const released = run(ref, micOf(ref, jump), estimator(), (t) => t >= CHANGE + 200);
      const move = released.moves.find((m) => m.at >= CHANGE)!;
      expect(move.at, `seed ${seed}`).toBeGreaterThanOrEqual(CHANGE + 200);
      expect(move.at - (CHANGE + 200), `seed ${seed}`).toBeLessThanOrEqual(100);
      expect(move.moved).toBe(true);
    }
  });

  it('never goes back to the old lag once it followed (the 3 s window still holds it for seconds)', () => {
    for (const seed of [1, 2, 3]) {
      const ref = envelope(3500, seed);
      const { lags } = run(ref, micOf(ref, jump));
      const after = lags.slice(CHANGE + 150);
      expect(Math.min(...after.map((l) => l ?? 0)), `seed ${seed}`).toBeGreaterThanOrEqual(30);
    }
  });

  it('keeps the new lag through a pause in the agent’s audio right after it followed (no lag at home to compare with)', () => {
    const ref = envelope(3000, 7);
    const { moves } = run(ref, micOf(ref, jump));
    const followed = moves.find((m) => m.at >= CHANGE)!;
    // The agent pauses (the reference falls silent) for 0.4 s from the move on: the echo's last syllables still arrive.
    const paused = ref.map((v, t) => (t > followed.at && t < followed.at + 50 ? 0 : v));
    const again = run(paused, micOf(paused, jump));
    expect(again.lags.slice(followed.at + 1).every((l) => l !== null && l >= 30)).toBe(true);
  });

  it('never moves for a user talking over the agent, at, above or far above the echo, with the echo where it was', () => {
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      for (const userLevel of [2.5e-4, 1e-3, 1e-2]) {
        const ref = envelope(3000, seed);
        // A voice of its own rhythm from 4 s on (0, +6 and +16 dB over the echo).
        const user = envelope(3000, seed + 100, userLevel).map((v, t) => (t >= 500 ? v : 0));
        const { moves } = run(
          ref,
          micOf(ref, () => 2, user),
        );
        expect(moves, `seed ${seed}, user ${userLevel}`).toEqual([]);
      }
    }
  });
});
