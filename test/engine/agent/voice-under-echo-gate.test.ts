import { describe, expect, it } from 'vitest';
import { NearEndVoice } from '../../../electron/engine/audio/aec/near-end-voice.js';
import { blocksPassed } from './helpers/echo-gate.js';

/**
 * Under a loud echo the gate after the canceller also passes a block where the canceller found a voice bin by bin
 * (NearEndVoice), no more than 16 dB under the predicted echo, two blocks in a row, and only once the canceller has
 * earned the full credit (19 dB removed). Here the guard takes every raw block for echo and the cancelled audio never
 * clears the prediction, so only that path can let the user through.
 */
const PREDICTED = 1e-2;

async function passedBlocks(options: { voiceUnderEchoDb: number; attenuationDb: number }): Promise<boolean[]> {
  const nearEndVoice = new NearEndVoice();
  // Quiet next to the echo (40 dB under it): the broadband comparison never clears it.
  const mic = new Float32Array(320).map((_, i) => 0.0014 * Math.sin((2 * Math.PI * 300 * i) / 16_000 + 0.5));
  for (let t = 0; t < 24; t += 8) nearEndVoice.push(t, 8, PREDICTED * 10 ** (-options.voiceUnderEchoDb / 10), 10, 1);
  return blocksPassed(mic, { predictedEcho: PREDICTED, guardPasses: false, attenuationDb: options.attenuationDb, nearEndVoice });
}

describe('the echo gate after the canceller: a voice found bin by bin', () => {
  it('passes from its second block in a row when 15.9 dB under the predicted echo', async () => {
    expect(await passedBlocks({ voiceUnderEchoDb: 15.9, attenuationDb: 30 })).toEqual([false, true]);
  });

  it('passes nothing when 16.1 dB under it', async () => {
    expect(await passedBlocks({ voiceUnderEchoDb: 16.1, attenuationDb: 30 })).toEqual([false, false]);
  });

  it('is asked only once the canceller removes 19 dB of the echo alone (full credit), not 18.9', async () => {
    expect(await passedBlocks({ voiceUnderEchoDb: 10, attenuationDb: 19 })).toEqual([false, true]);
    expect(await passedBlocks({ voiceUnderEchoDb: 10, attenuationDb: 18.9 })).toEqual([false, false]);
  });
});
