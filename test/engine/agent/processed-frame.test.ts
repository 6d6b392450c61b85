import { describe, expect, it } from 'vitest';
import { vadPort } from '../../../electron/engine/agent/ports.js';
import { UserInput } from '../../../electron/engine/agent/user-input.js';
import type { AudioFrame } from '../../../electron/engine/audio/frame.js';
import { EchoGuard } from '../../../electron/engine/turn/echo-guard.js';
import { ScriptedVadModel } from '../../../electron/engine/vad/vad-model.js';
import { VadProcessor } from '../../../electron/engine/vad/vad-processor.js';
import { frameOf, noise } from '../vad/helpers/room-sound.js';

/**
 * `processed` (the level meter, simulate's mic-cancelled.wav) is what voice detection hears:
 * where the echo gate zeroes a block under the agent's voice, the VAD hears the room refilled
 * (comfort-noise.ts), so the meter must not drop to digital silence there.
 */
describe('the processed microphone frame', () => {
  it('is the frame the VAD hears: gated blocks refilled with the room, not zeros', async () => {
    const vad = new VadProcessor({ model: new ScriptedVadModel(() => 0), options: { prefixPaddingMs: 0 } });
    const echoGuard = new EchoGuard({ marginDb: 6, maxDelayMs: 200 });
    const input = new UserInput({ vad: vadPort(vad), stt: null, echoGuard, prefixPaddingMs: 0 });
    const processed: AudioFrame[] = [];
    input.on('processed', (f) => processed.push(f));
    const room = noise(16_000 * 2, -50);
    // One second of the room alone, then the agent talks loudly over it (the guard expects echo everywhere).
    for (let t = 0; t < 1000; t += 20) await input.pushMicFrame(frameOf(room.slice(t * 16, (t + 20) * 16), t));
    const agent = new Float32Array(320).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 16_000));
    for (let t = 1000; t < 2000; t += 20) {
      input.pushReference(frameOf(agent, t), t);
      await input.pushMicFrame(frameOf(room.slice(t * 16, (t + 20) * 16), t));
    }
    const silentBlocks = processed
      .slice(50)
      .flatMap((f) => [f.data.subarray(0, 160), f.data.subarray(160, 320)])
      .filter((block) => block.every((v) => v === 0)).length;
    expect(silentBlocks).toBe(0);
  });
});
