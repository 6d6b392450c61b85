/**
 * The session's voice, from the TTS settings: the embedded local server (default: offline,
 * no account), a reference-protocol server at a URL, or a vendor (ElevenLabs, Cartesia,
 * Deepgram Aura) with its key from the secret store. A vendor without a key is an error that
 * says so, never a silent switch to another voice.
 */
import type { TtsSettings } from '../../contract/settings/tts.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import { isFliteVoice } from '../../engine/tts/local-server/flite-engine.js';
import { startLocalTtsServer } from '../../engine/tts/local-server/server.js';
import { TtsClient } from '../../engine/tts/tts-client.js';
import type { PlaybackClearer, StreamingTts } from '../../engine/tts/types.js';
import { createCartesiaTts } from '../../engine/tts/vendors/cartesia.js';
import { createDeepgramTts } from '../../engine/tts/vendors/deepgram.js';
import { createElevenLabsTts } from '../../engine/tts/vendors/elevenlabs.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { NeuralVoiceChoice } from './neural-voice.js';

export interface SessionTts {
  client: StreamingTts;
  /** Where it speaks from, for the log. */
  description: string;
  /** Why the voice asked for is not the one speaking (e.g. a neural voice that failed to load). */
  notice?: string;
  close(): Promise<void>;
}

export interface SessionTtsDeps {
  clock: Clock;
  logger: Logger;
  /** Leave unset when a barge-in controller owns clearing playback (the session does). */
  playback?: PlaybackClearer;
  secrets: SecretStore;
  /** Which neural voice a local voice setting names (absent: flite only). */
  neuralVoice?: (voice: string) => Promise<NeuralVoiceChoice>;
  /** A neural voice that stopped mid-session: the reason, once. */
  onNotice?: (message: string) => void;
}

const ELEVENLABS_RATES = [16000, 22050, 24000, 44100] as const;
const VENDOR_NAMES = { kugel: 'KugelAudio', elevenlabs: 'ElevenLabs', cartesia: 'Cartesia', deepgram: 'Deepgram' } as const;

function keyFor(provider: keyof typeof VENDOR_NAMES, secrets: SecretStore, required: boolean): string | undefined {
  const key = secrets.get(provider) || undefined;
  if (!key && required) throw new Error(`${VENDOR_NAMES[provider]} needs an API key: add it in Settings → Voices and providers, or choose the local voice.`);
  return key;
}

function closest<T extends number>(rates: readonly T[], wanted: number): T {
  return rates.reduce((best, r) => (Math.abs(r - wanted) < Math.abs(best - wanted) ? r : best));
}

export async function openSessionTts(settings: TtsSettings, deps: SessionTtsDeps): Promise<SessionTts> {
  const common = { clock: deps.clock, logger: deps.logger, cancelQuietTimeoutMs: settings.cancelQuietTimeoutMs, playback: deps.playback };
  const vendor = (client: StreamingTts, description: string): SessionTts => ({ client, description, close: () => client.close() });
  switch (settings.provider) {
    case 'local': {
      const choice: NeuralVoiceChoice = isFliteVoice(settings.voice) ? { kind: 'flite' } : ((await deps.neuralVoice?.(settings.voice)) ?? { kind: 'unavailable', reason: `The voice "${settings.voice}" is not available here; the built-in voice speaks instead.` });
      const server = await startLocalTtsServer({
        voice: settings.voice,
        ...(choice.kind === 'neural' ? { neural: choice.options } : {}),
        logger: deps.logger,
        ...(deps.onNotice ? { onNotice: deps.onNotice } : {}),
      });
      // server.voice is flite's when the neural voice failed to load (server.notice says why).
      const voice = server.voice;
      const notice = choice.kind === 'unavailable' ? choice.reason : server.notice;
      const client = new TtsClient({ ...common, url: server.url, config: { voice_id: voice, sample_rate: settings.sampleRate, word_timestamps: settings.wordTimestamps } });
      return {
        client,
        description: `local voice ${voice}`,
        ...(notice ? { notice } : {}),
        async close() {
          await client.close();
          await server.close();
        },
      };
    }
    case 'kugel': {
      if (!settings.endpointUrl) throw new Error('KugelAudio needs its WebSocket address (Settings → Voices and providers).');
      const url = new URL(settings.endpointUrl);
      const apiKey = keyFor('kugel', deps.secrets, false);
      if (apiKey) url.searchParams.set('api_key', apiKey);
      const config = { voice_id: settings.voice, sample_rate: settings.sampleRate, word_timestamps: settings.wordTimestamps };
      return vendor(new TtsClient({ ...common, url: url.toString(), config }), `TTS at ${url.host}`);
    }
    case 'elevenlabs':
      return vendor(
        createElevenLabsTts({ ...common, apiKey: keyFor('elevenlabs', deps.secrets, true)!, voiceId: settings.voice, sampleRate: closest(ELEVENLABS_RATES, settings.sampleRate) }),
        'ElevenLabs',
      );
    case 'cartesia':
      return vendor(createCartesiaTts({ ...common, apiKey: keyFor('cartesia', deps.secrets, true)!, voiceId: settings.voice, sampleRate: settings.sampleRate }), 'Cartesia');
    case 'deepgram':
      return vendor(createDeepgramTts({ ...common, apiKey: keyFor('deepgram', deps.secrets, true)!, model: settings.voice, sampleRate: settings.sampleRate }), 'Deepgram Aura');
  }
}
