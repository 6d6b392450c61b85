/**
 * The session's voice: the embedded local TTS server (default: works offline, no account) or
 * a reference-protocol server at the configured URL. Vendor adapters plug in here.
 */
import type { TtsSettings } from '../../contract/settings/tts.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import { startLocalTtsServer } from '../../engine/tts/local-server/server.js';
import { TtsClient } from '../../engine/tts/tts-client.js';
import type { PlaybackClearer } from '../../engine/tts/types.js';

export interface SessionTts {
  client: TtsClient;
  /** Where it speaks from, for the log. */
  description: string;
  close(): Promise<void>;
}

const FLITE_VOICES = new Set(['slt', 'kal16', 'awb', 'rms']);

export async function openSessionTts(settings: TtsSettings, deps: { clock: Clock; logger: Logger; playback: PlaybackClearer }): Promise<SessionTts> {
  const config = { voice_id: settings.voice, sample_rate: settings.sampleRate, word_timestamps: settings.wordTimestamps };
  const common = { clock: deps.clock, logger: deps.logger, cancelQuietTimeoutMs: settings.cancelQuietTimeoutMs, playback: deps.playback };
  if (settings.provider === 'local' || settings.endpointUrl === '') {
    if (settings.provider !== 'local') {
      deps.logger.warn('No endpoint for the chosen TTS provider; using the local voice', { provider: settings.provider });
    }
    const voice = FLITE_VOICES.has(settings.voice) ? (settings.voice as 'slt') : 'slt';
    const server = await startLocalTtsServer({ voice, logger: deps.logger });
    const client = new TtsClient({ ...common, url: server.url, config: { ...config, voice_id: voice } });
    return {
      client,
      description: `local voice ${voice}`,
      async close() {
        await client.close();
        await server.close();
      },
    };
  }
  const client = new TtsClient({ ...common, url: settings.endpointUrl, config });
  return { client, description: `TTS at ${new URL(settings.endpointUrl).host}`, close: () => client.close() };
}
