import { describe, expect, it } from 'vitest';
import { ReverbTail } from '../../../../electron/engine/audio/aec/reverb-tail.js';

describe('ReverbTail', () => {
  it('holds the residual echo of a block over the next ones, decaying at the room’s rate', () => {
    const tail = new ReverbTail(1);
    expect(tail.next(0, 1, 4, 0.9, true)).toBe(0);
    // The error counted x2, under the echo's own power (4).
    expect(tail.next(0, 0, 0, 0.9, false)).toBeCloseTo(2 * 0.9, 9);
    expect(tail.next(0, 0, 0, 0.9, false)).toBeCloseTo(2 * 0.81, 9);
  });

  it('is never fed above the echo estimate’s own decaying power: a voice taken for echo alone does not raise it', () => {
    const tail = new ReverbTail(1);
    tail.next(0, 100, 1, 0.9, true);
    expect(tail.next(0, 0, 0, 0.9, false)).toBeCloseTo(0.9, 9);
  });

  it('learns nothing from a block that does not hold the echo alone', () => {
    const tail = new ReverbTail(1);
    tail.next(0, 1, 4, 0.9, false);
    expect(tail.next(0, 0, 0, 0.9, false)).toBe(0);
  });
});
