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
 * A real microphone delivers 16-bit samples, and a quiet echo crosses zero on exact zeros. The gate after the
 * canceller used to take any block holding one exact zero as passed by the guard, so such echo blocks reached the
 * VAD whatever the guard said (simulated mics mix in floats and never showed it).
 */
async function passedBlocks(mic: Float32Array, guardPasses: boolean): Promise<boolean[]> {
  const canceller = {
    // Removes nothing yet and has earned no credit: only the guard's verdict on the raw mic can pass a block.
    process: (frame: AudioFrame) => ({ ...frame, data: frame.data.slice() }),
    passedThrough: false,
    attenuationDb: null,
    pathUnexplained: false,
    nearEndVoice: new NearEndVoice(),
    pushReference: () => {},
  } as unknown as EchoCanceller;
  const echoGuard = {
    processMic: (frame: AudioFrame) => ({ frame: guardPasses ? frame : { ...frame, data: new Float32Array(frame.data.length) } }),
    predictedEcho: () => 1,
    expectsEcho: () => true,
    pushReference: () => {},
  } as unknown as EchoGuard;
  const vad = new VadProcessor({ model: new ScriptedVadModel(() => 0), options: { prefixPaddingMs: 0 } });
  const input = new UserInput({ vad: vadPort(vad), stt: null, canceller, echoGuard, prefixPaddingMs: 0 });
  const processed: AudioFrame[] = [];
  input.on('processed', (f) => processed.push(f));
  await input.pushMicFrame(frameOf(mic, 0));
  return [0, 160].map((start) => processed[0]!.data.subarray(start, start + 160).some((v) => v !== 0));
}

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
