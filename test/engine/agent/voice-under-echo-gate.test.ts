import { describe, expect, it } from 'vitest';
import { vadPort } from '../../../electron/engine/agent/ports.js';
import { UserInput } from '../../../electron/engine/agent/user-input.js';
import { NearEndVoice } from '../../../electron/engine/audio/aec/near-end-voice.js';
import type { EchoCanceller } from '../../../electron/engine/audio/aec/echo-canceller.js';
import type { AudioFrame } from '../../../electron/engine/audio/frame.js';
import type { EchoGuard } from '../../../electron/engine/turn/echo-guard.js';
import { ScriptedVadModel } from '../../../electron/engine/vad/vad-model.js';
import { VadProcessor } from '../../../electron/engine/vad/vad-processor.js';
import { frameOf } from '../vad/helpers/room-sound.js';

/**
 * Under a loud echo the gate after the canceller also passes a block where the canceller found a voice bin by bin
 * (NearEndVoice), no more than 16 dB under the predicted echo, two blocks in a row, and only once the canceller has
 * earned the full credit (19 dB removed). Here the guard takes every raw block for echo and the cancelled audio never
 * clears the prediction, so only that path can let the user through.
 */
const PREDICTED = 1e-2;

async function passedBlocks(options: { voiceUnderEchoDb: number; attenuationDb: number }): Promise<boolean[]> {
  const nearEndVoice = new NearEndVoice();
  const canceller = {
    process: (frame: AudioFrame) => ({ ...frame, data: frame.data.slice() }),
    passedThrough: false,
    attenuationDb: options.attenuationDb,
    pathUnexplained: false,
    nearEndVoice,
    pushReference: () => {},
  } as unknown as EchoCanceller;
  const echoGuard = {
    processMic: (frame: AudioFrame) => ({ frame: { ...frame, data: new Float32Array(frame.data.length) } }),
    predictedEcho: () => PREDICTED,
    expectsEcho: () => true,
    pushReference: () => {},
  } as unknown as EchoGuard;
  const vad = new VadProcessor({ model: new ScriptedVadModel(() => 0), options: { prefixPaddingMs: 0 } });
  const input = new UserInput({ vad: vadPort(vad), stt: null, canceller, echoGuard, prefixPaddingMs: 0 });
  const processed: AudioFrame[] = [];
  input.on('processed', (f) => processed.push(f));
  // Quiet next to the echo (40 dB under it): the broadband comparison never clears it. No sample is an exact zero
  // (the gate takes a block holding one as passed by the guard).
  const mic = new Float32Array(320).map((_, i) => 0.0014 * Math.sin((2 * Math.PI * 300 * i) / 16_000 + 0.5));
  for (let t = 0; t < 24; t += 8) nearEndVoice.push(t, 8, PREDICTED * 10 ** (-options.voiceUnderEchoDb / 10), 10, 1);
  await input.pushMicFrame(frameOf(mic, 0));
  return [0, 160].map((start) => processed[0]!.data.subarray(start, start + 160).some((v) => v !== 0));
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
