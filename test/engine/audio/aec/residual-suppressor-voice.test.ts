/**
 * Where the residual suppressor finds a voice other than the echo (ResidualSuppressor.voiceBins, read by the echo gate
 * through NearEndVoice). A user whose harmonics fall a bin from the echo's stands over the residual estimate of their
 * own bin but not over the estimate of its neighbours: such a voice counts once it holds for 3 of the last 4 blocks,
 * while a drifting speaker's echo alone missed the estimate for 2 blocks in a row at a time.
 */
import { describe, expect, it } from 'vitest';
import { ResidualSuppressor } from '../../../../electron/engine/audio/aec/residual-suppressor.js';
import { BLOCK, ECHO_BINS, RATE, tones } from './helpers/bin-tones.js';

/** The user's: a bin above each of the agent's. */
const USER_BINS = ECHO_BINS.map((k) => k + 1);
/** Blocks of echo alone first: the suppressor learns the filter's ERLE (20 dB) there. */
const ALONE = 6;

/** The suppressor's voice bins block by block, the user's voice in the given blocks (counted from the first after ALONE). */
function voiceBins(userBlocks: readonly number[], blocks = 8): number[] {
  const s = new ResidualSuppressor(BLOCK, RATE);
  const found: number[] = [];
  for (let b = 0; b < ALONE + blocks; b++) {
    const echo = tones(ECHO_BINS, 0.05, b);
    const error = tones(ECHO_BINS, 0.005, b); // the filter's residual, 20 dB under the echo
    if (userBlocks.includes(b - ALONE)) {
      const user = tones(USER_BINS, 0.03, b);
      for (let i = 0; i < BLOCK; i++) error[i]! += user[i]!;
    }
    s.nextGain(error, echo, b < ALONE);
    if (b >= ALONE) found.push(s.voiceBins);
  }
  return found;
}

describe('ResidualSuppressor: a voice a bin from the echo’s harmonics', () => {
  it('counts from its third block on, while it holds', () => {
    const found = voiceBins([0, 1, 2, 3, 4]);
    expect(found.slice(0, 2)).toEqual([0, 0]);
    expect(Math.min(...found.slice(2, 5))).toBeGreaterThanOrEqual(6);
  });

  it('does not count for 2 blocks in a row (the echo alone of a drifting speaker misses its estimate so)', () => {
    expect(Math.max(...voiceBins([0, 1]))).toBe(0);
  });

  it('counts in a block that makes 3 of the last 4, not 2 of them', () => {
    const found = voiceBins([0, 1, 3]);
    expect(found.slice(0, 3)).toEqual([0, 0, 0]);
    expect(found[3]).toBeGreaterThanOrEqual(6);
  });
});

describe('ResidualSuppressor: the ERLE while a voice shows bin by bin', () => {
  /** ERLE (dB) block by block: echo alone for 24 blocks, then the user too, every block counted as echo alone (by energy a quiet user under a loud echo is). */
  function erleDb(): number[] {
    const s = new ResidualSuppressor(BLOCK, RATE);
    const found: number[] = [];
    for (let b = 0; b < 30; b++) {
      const error = tones(ECHO_BINS, 0.005, b);
      if (b >= 24) {
        const user = tones(USER_BINS, 0.03, b);
        for (let i = 0; i < BLOCK; i++) error[i]! += user[i]!;
      }
      s.nextGain(error, tones(ECHO_BINS, 0.05, b), true);
      if (b >= 24) found.push(10 * Math.log10(s.erleOverall));
    }
    return found;
  }

  it('is not learned from the user in the block after one that showed their voice, then learned again', () => {
    const [onset, next, later] = erleDb();
    expect(next).toBe(onset);
    expect(later).toBeLessThan(onset! - 1);
  });
});
