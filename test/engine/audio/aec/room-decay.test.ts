import { describe, expect, it } from 'vitest';
import { RoomDecay } from '../../../../electron/engine/audio/aec/room-decay.js';

/** The agent speaks for `speakBlocks`, then stops; the mic's echo decays by `decay` per block from the stop (echo alone throughout). */
function sentence(room: RoomDecay, decay: number, opts: { speakBlocks?: number; riseAt?: number } = {}): void {
  let mic = 1e-3;
  for (let b = 0; b < (opts.speakBlocks ?? 30); b++) room.update(1e-2, mic, true);
  for (let b = 0; b < 40; b++) {
    mic = b === opts.riseAt ? mic * 10 : mic * decay;
    room.update(0, mic, true);
  }
}

describe('RoomDecay', () => {
  it('knows no decay before the agent has stopped once', () => {
    const room = new RoomDecay();
    for (let b = 0; b < 50; b++) room.update(1e-2, 1e-3, true);
    expect(room.perBlock).toBe(0);
  });

  it('reads the mic’s decay after the agent stops (a T60 of 800 ms: 0.871 per 8 ms block)', () => {
    const room = new RoomDecay();
    for (let i = 0; i < 5; i++) sentence(room, 0.871);
    expect(room.perBlock).toBeCloseTo(0.871, 3);
  });

  it('stops reading where the mic rises again (a voice over the tail)', () => {
    const room = new RoomDecay();
    sentence(room, 0.8, { riseAt: 6 });
    expect(room.perBlock).toBeCloseTo(0.8, 3);
  });

  it('does not read a stop that came while the mic did not hold the echo alone', () => {
    const room = new RoomDecay();
    for (let b = 0; b < 30; b++) room.update(1e-2, 1e-3, false);
    for (let b = 0; b < 40; b++) room.update(0, 1e-3 * 0.8 ** b, true);
    expect(room.perBlock).toBe(0);
  });
});
