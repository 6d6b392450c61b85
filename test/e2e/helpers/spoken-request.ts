/**
 * The set-up the spoken e2e tests share: an OpenAI-compatible test server on 127.0.0.1 as the
 * recognizer and the language model, saved in the twin's settings by the real settings store
 * before the twin starts (as the Providers page saves them), and a microphone WAV holding one
 * spoken request (the intent fixture's 1.31-2.19 s of speech after 1.5 s of silence, then
 * silence so the turn ends). The server is closed after each test.
 */
import path from 'node:path';
import { afterEach } from 'vitest';
import { SettingsStore } from '../../../electron/services/settings/settings-store';
import { startOpenAiTestServer, type OpenAiTestServer, type OpenAiTestServerOptions } from './openai-test-server';
import type { TwinE2e } from './twin-harness';
import { writeSpeechWav } from './voice-fixtures';

export interface SpokenRequest {
  provider: OpenAiTestServer;
  /** The WAV the twin's --mic-wav plays. */
  mic: string;
}

export function useSpokenRequest(e2e: TwinE2e): (options: OpenAiTestServerOptions & { tailMs: number }) => Promise<SpokenRequest> {
  let provider: OpenAiTestServer | undefined;
  afterEach(async () => {
    await provider?.close();
    provider = undefined;
  });
  return async ({ tailMs, ...options }) => {
    provider = await startOpenAiTestServer(options);
    const store = new SettingsStore({ dir: e2e.dataDir });
    store.update({
      providers: {
        sttProvider: 'openai-compatible',
        sttEndpoint: provider.baseUrl,
        llmProvider: 'openai-compatible',
        llmEndpoint: provider.baseUrl,
        llmModel: 'test-model',
      },
    });
    store.removeAllListeners();
    const mic = writeSpeechWav(path.join(e2e.dataDir, 'request.wav'), 'intent.wav', { fromMs: 1100, toMs: 2500 }, { leadMs: 1500, tailMs });
    return { provider, mic };
  };
}
