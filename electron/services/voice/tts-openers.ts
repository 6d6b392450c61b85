/**
 * How main opens each TTS vendor of the contract's registry (contract/providers/tts.ts): one
 * line per vendor, from its parsed parameters to its adapter. The table is typed by the
 * registry, so a vendor without an opener (or an opener reading a parameter its entry does
 * not declare) fails the typecheck.
 */
import type { TtsApiKey, TtsParameters, TtsVendorId } from '../../contract/providers/tts.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import { isFliteVoice } from '../../engine/tts/local-server/flite-engine.js';
import { startLocalTtsServer } from '../../engine/tts/local-server/server.js';
import { kugelEndpoints, kugelVoiceId } from '../../engine/tts/kugel-service.js';
import { SingleStreamClient } from '../../engine/tts/single-stream-client.js';
import type { PlaybackClearer, StreamingTts } from '../../engine/tts/types.js';
import { createCartesiaTts } from '../../engine/tts/vendors/cartesia.js';
import { createDeepgramTts } from '../../engine/tts/vendors/deepgram.js';
import { createElevenLabsTts } from '../../engine/tts/vendors/elevenlabs.js';
import type { NeuralVoiceChoice } from './neural-voice.js';

export interface SessionTts {
  client: StreamingTts;
  /** Where it speaks from, for the log. */
  description: string;
  /** Why the voice asked for is not the one speaking (e.g. a neural voice that failed to load). */
  notice?: string;
  close(): Promise<void>;
}

/** What every adapter is built with, besides its own parameters. */
export interface TtsOpenContext<Id extends TtsVendorId = TtsVendorId> {
  common: { clock: Clock; logger: Logger; cancelQuietTimeoutMs: number; playback?: PlaybackClearer };
  /** From the secret store; a string whenever the vendor's entry requires a key. */
  apiKey: TtsApiKey<Id>;
  /** Which neural voice a local voice setting names (absent: flite only). */
  neuralVoice?: (voice: string) => Promise<NeuralVoiceChoice>;
  /** A neural voice that stopped mid-session: the reason, once. */
  onNotice?: (message: string) => void;
}

export type TtsOpener<Id extends TtsVendorId> = (params: TtsParameters<Id>, context: TtsOpenContext<Id>) => SessionTts | Promise<SessionTts>;

/** A vendor whose client is all there is to close. */
function speaking(client: StreamingTts, description: string): SessionTts {
  return { client, description, close: () => client.close() };
}

export const TTS_OPENERS: { [Id in TtsVendorId]: TtsOpener<Id> } = {
  async local({ voice: asked, sampleRate, wordTimestamps }, { common, neuralVoice, onNotice }) {
    const choice: NeuralVoiceChoice = isFliteVoice(asked)
      ? { kind: 'flite' }
      : ((await neuralVoice?.(asked)) ?? { kind: 'unavailable', reason: `The voice "${asked}" is not available here; the built-in voice speaks instead.` });
    const server = await startLocalTtsServer({
      voice: asked,
      ...(choice.kind === 'neural' ? { neural: choice.options } : {}),
      logger: common.logger,
      ...(onNotice ? { onNotice } : {}),
    });
    // server.voice is flite's when the neural voice failed to load (server.notice says why).
    const voice = server.voice;
    const notice = choice.kind === 'unavailable' ? choice.reason : server.notice;
    const client = new SingleStreamClient({
      ...common,
      url: server.url,
      config: { voice_id: voice, sample_rate: sampleRate, word_timestamps: wordTimestamps },
    });
    return {
      client,
      description: `local voice ${voice}`,
      ...(notice ? { notice } : {}),
      async close() {
        await client.close();
        await server.close();
      },
    };
  },
  kugel({ endpointUrl, voice, sampleRate, wordTimestamps }, { common, apiKey }) {
    const { wsUrl } = kugelEndpoints(endpointUrl, apiKey);
    // The SDKs' fields: an integer voice id, PCM16 at sample_rate (no output_format), word timestamps when asked.
    const config = { voice_id: kugelVoiceId(voice), sample_rate: sampleRate, word_timestamps: wordTimestamps };
    const host = new URL(wsUrl).host;
    return speaking(
      new SingleStreamClient({ ...common, url: wsUrl, config }),
      host.endsWith('kugelaudio.com') ? 'KugelAudio' : `KugelAudio-compatible server at ${host}`,
    );
  },
  elevenlabs: ({ voice, sampleRate }, { common, apiKey }) => speaking(createElevenLabsTts({ ...common, apiKey, voiceId: voice, sampleRate }), 'ElevenLabs'),
  cartesia: ({ voice, sampleRate }, { common, apiKey }) => speaking(createCartesiaTts({ ...common, apiKey, voiceId: voice, sampleRate }), 'Cartesia'),
  deepgram: ({ voice, sampleRate }, { common, apiKey }) => speaking(createDeepgramTts({ ...common, apiKey, model: voice, sampleRate }), 'Deepgram Aura'),
};
