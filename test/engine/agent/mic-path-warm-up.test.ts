// The mic path's warm-up before a session opens the microphone: it runs the session's VAD model, then leaves it as a fresh one.
import { describe, expect, it } from 'vitest';
import { warmUpMicPath } from '../../../electron/engine/agent/mic-path-warm-up.js';
import type { VadModel } from '../../../electron/engine/vad/vad-model.js';

/** Records what the warm-up does to the model, in order. */
function recordingModel(): VadModel & { log: string[] } {
  const log: string[] = [];
  return { windowSamples: 512, sampleRate: 16_000, log, process: () => (log.push('process'), 0.9), reset: () => void log.push('reset') };
}

describe('warmUpMicPath', () => {
  it("runs the session's VAD model over the warm-up audio, then resets it: the session's first window meets a fresh model", async () => {
    const model = recordingModel();
    await warmUpMicPath({
      model,
      output: { sampleRate: 48_000, channels: 2 },
      echoCancellation: true,
      echoGuard: { marginDb: 6, maxDelayMs: 500 },
      prefixPaddingMs: 300,
    });
    // 1.2 s of audio in 32 ms windows.
    expect(model.log.filter((e) => e === 'process').length).toBeGreaterThanOrEqual(37);
    expect(model.log.at(-1)).toBe('reset');
  });

  it('also resets the model when the path fails part-way', async () => {
    const model = recordingModel();
    let n = 0;
    model.process = () => {
      if (++n === 5) throw new Error('model failed');
      return 0.1;
    };
    await expect(
      warmUpMicPath({ model, output: { sampleRate: 16_000, channels: 1 }, echoCancellation: false, echoGuard: null, prefixPaddingMs: 300 }),
    ).rejects.toThrow('model failed');
    expect(model.log.at(-1)).toBe('reset');
  });
});
