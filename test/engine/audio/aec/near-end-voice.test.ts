import { describe, expect, it } from 'vitest';
import { NEAR_END_VOICE_BINS, NearEndVoice } from '../../../../electron/engine/audio/aec/near-end-voice.js';

describe('NearEndVoice: where the canceller found a voice over its residual, bin by bin', () => {
  it(`counts a block as voice from ${NEAR_END_VOICE_BINS} bins over the residual, not ${NEAR_END_VOICE_BINS - 1}`, () => {
    const v = new NearEndVoice();
    v.push(0, 8, 1e-3, NEAR_END_VOICE_BINS - 1, 0.5);
    expect(v.powerIn(0, 8)).toBe(0);
    v.push(8, 8, 1e-3, NEAR_END_VOICE_BINS, 0.5);
    expect(v.powerIn(8, 16)).toBeCloseTo(5e-4, 12);
  });

  it('answers a 10 ms gate block from the 8 ms canceller blocks it overlaps, and only those', () => {
    const v = new NearEndVoice();
    v.push(0, 8, 1e-3, 10, 1);
    v.push(8, 8, 4e-3, 10, 0.5);
    v.push(16, 8, 0, 0, 0);
    expect(v.powerIn(0, 10)).toBeCloseTo(2e-3, 12); // the louder of the two it overlaps
    expect(v.powerIn(16, 26)).toBe(0); // 16 ms is where the second block ended
    expect(v.powerIn(15.9, 26)).toBeCloseTo(2e-3, 12);
  });

  it('forgets what it found once no echo is possible, and keeps only the last 64 ms', () => {
    const v = new NearEndVoice();
    v.push(0, 8, 1e-3, 10, 1);
    v.clear();
    expect(v.powerIn(0, 8)).toBe(0);
    for (let i = 0; i < 9; i++) v.push(i * 8, 8, 1e-3, 10, 1);
    expect(v.powerIn(0, 8)).toBe(0);
    expect(v.powerIn(8, 16)).toBeCloseTo(1e-3, 12);
  });
});
