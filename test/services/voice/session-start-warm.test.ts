/**
 * A new session is ready when it opens the microphone: the VAD model's first inference and the
 * mic path's first (unoptimized, slow) run happen while it starts, not on the user's first words
 * (in the first seconds the microphone used to fall 0.3-1.5 s behind on a busy machine).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SileroVadModel } from '../../../electron/engine/vad/silero-vad-model';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import type { VoiceIo } from '../../../electron/services/voice/voice-io';
import { cuedVoiceIo } from '../../e2e/helpers/cued-voice-io';
import { makeTempDir } from '../../helpers/temp-dir';

let services: AppServices | undefined;
let cleanup = () => {};
afterEach(async () => {
  await services?.dispose();
  cleanup();
  vi.restoreAllMocks();
});

/** `io`, calling `opened` as each session opens its microphone. */
function onMicOpen(io: VoiceIo, opened: () => void): VoiceIo {
  return {
    ...io,
    createInput: (deviceId, clock, logger) => {
      const input = io.createInput(deviceId, clock, logger);
      const start = input.start.bind(input);
      input.start = () => {
        opened();
        return start();
      };
      return input;
    },
  };
}

describe('starting a voice session', { timeout: 30_000 }, () => {
  it('runs the VAD model before it opens the microphone', async () => {
    const inference = vi.spyOn(SileroVadModel.prototype, 'process');
    const tmp = makeTempDir('interject-warm-');
    cleanup = tmp.cleanup;
    let inferencesAtMicOpen: number | null = null;
    const watched = onMicOpen(cuedVoiceIo(), () => (inferencesAtMicOpen = inference.mock.calls.length));
    services = createAppServices({ dataDir: tmp.dir, detectLocalServers: async () => [], voiceIo: watched });
    await services.voice.start();
    expect(inferencesAtMicOpen).toBeGreaterThan(0);
  });

  // A settings restart closes the session and opens a new one, with no "Starting…" shown: the
  // path's code is warm from the first session, so the gap without a mic gets no 1.2 s warm-up.
  it("opened again in the same process, it runs the new model once before the mic opens, not the whole path's warm-up", async () => {
    const inference = vi.spyOn(SileroVadModel.prototype, 'process');
    const tmp = makeTempDir('interject-warm-');
    cleanup = tmp.cleanup;
    const atMicOpen: number[] = [];
    const watched = onMicOpen(cuedVoiceIo(), () => atMicOpen.push(inference.mock.calls.length));
    services = createAppServices({ dataDir: tmp.dir, detectLocalServers: async () => [], voiceIo: watched });
    await services.voice.start();
    await services.voice.stop();
    const before = inference.mock.calls.length;
    await services.voice.start();
    expect(atMicOpen[1]! - before).toBe(1);
  });
});
