import { describe, expect, it } from 'vitest';
import { blocksPassed } from './helpers/echo-gate.js';

/**
 * A real microphone delivers 16-bit samples, and a quiet echo crosses zero on exact zeros. The gate after the
 * canceller used to take any block holding one exact zero as passed by the guard, so such echo blocks reached the
 * VAD whatever the guard said (simulated mics mix in floats and never showed it).
 */
/** The canceller removes nothing yet and has earned no credit: only the guard's verdict on the raw mic can pass a block. */
const passedBlocks = (mic: Float32Array, guardPasses: boolean) => blocksPassed(mic, { predictedEcho: 1, guardPasses, attenuationDb: null });

/** A 300 Hz echo at -40 dBFS as a 16-bit device gives it: exact zeros where it crosses zero (every 80 samples). */
const quantizedEcho = () => new Float32Array(320).map((_, i) => Math.round(0.01 * Math.sin((2 * Math.PI * 300 * i) / 16_000) * 32_768) / 32_768);

describe('the echo gate after the canceller, on 16-bit microphone samples', () => {
  it('keeps echo blocks the guard zeroed out, though they hold exact zeros', async () => {
    const mic = quantizedEcho();
    expect(mic.filter((v) => v === 0).length).toBeGreaterThanOrEqual(2);
    expect(await passedBlocks(mic, false)).toEqual([false, false]);
  });

  it('still passes the blocks the guard passed', async () => {
    expect(await passedBlocks(quantizedEcho(), true)).toEqual([true, true]);
  });
});
