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

describe('starting a voice session', { timeout: 30_000 }, () => {
  it('runs the VAD model before it opens the microphone', async () => {
    const inference = vi.spyOn(SileroVadModel.prototype, 'process');
    const tmp = makeTempDir('interject-warm-');
    cleanup = tmp.cleanup;
    const io = cuedVoiceIo();
    let inferencesAtMicOpen: number | null = null;
    const watched: VoiceIo = {
      ...io,
      createInput: (deviceId, clock, logger) => {
        const input = io.createInput(deviceId, clock, logger);
        const start = input.start.bind(input);
        input.start = () => {
          inferencesAtMicOpen = inference.mock.calls.length;
          return start();
        };
        return input;
      },
    };
    services = createAppServices({ dataDir: tmp.dir, detectLocalServers: async () => [], voiceIo: watched });
    await services.voice.start();
    expect(inferencesAtMicOpen).toBeGreaterThan(0);
  });
});
