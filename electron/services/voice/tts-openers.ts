/**
 * How main opens each TTS vendor of the contract's registry (contract/providers/tts.ts): one
 * line per vendor, from its parsed parameters to its adapter. The table is typed by the
 * registry, so a vendor without an opener (or an opener reading a parameter its entry does
 * not declare) fails the typecheck.
 */
import type { TtsApiKey, TtsParameters, TtsVendorId } from '../../contract/providers/tts.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import { startLocalTtsServer } from '../../engine/tts/local-server/server.js';
import { TtsClient } from '../../engine/tts/tts-client.js';
import type { PlaybackClearer, StreamingTts } from '../../engine/tts/types.js';
import { createCartesiaTts } from '../../engine/tts/vendors/cartesia.js';
import { createDeepgramTts } from '../../engine/tts/vendors/deepgram.js';
import { createElevenLabsTts } from '../../engine/tts/vendors/elevenlabs.js';

export interface SessionTts {
  client: StreamingTts;
  /** Where it speaks from, for the log. */
  description: string;
  close(): Promise<void>;
}

/** What every adapter is built with, besides its own parameters. */
export interface TtsOpenContext<Id extends TtsVendorId = TtsVendorId> {
  common: { clock: Clock; logger: Logger; cancelQuietTimeoutMs: number; playback?: PlaybackClearer };
  /** From the secret store; a string whenever the vendor's entry requires a key. */
  apiKey: TtsApiKey<Id>;
}

export type TtsOpener<Id extends TtsVendorId> = (params: TtsParameters<Id>, context: TtsOpenContext<Id>) => SessionTts | Promise<SessionTts>;

/** A vendor whose client is all there is to close. */
function speaking(client: StreamingTts, description: string): SessionTts {
  return { client, description, close: () => client.close() };
}

export const TTS_OPENERS: { [Id in TtsVendorId]: TtsOpener<Id> } = {
  async local({ voice, sampleRate, wordTimestamps }, { common }) {
    const server = await startLocalTtsServer({ voice, logger: common.logger });
    const client = new TtsClient({ ...common, url: server.url, config: { voice_id: voice, sample_rate: sampleRate, word_timestamps: wordTimestamps } });
    return {
      client,
      description: `local voice ${voice}`,
      async close() {
        await client.close();
        await server.close();
      },
    };
  },
  kugel({ endpointUrl, voice, sampleRate, wordTimestamps }, { common, apiKey }) {
    const url = new URL(endpointUrl);
    if (apiKey) url.searchParams.set('api_key', apiKey);
    const config = { voice_id: voice, sample_rate: sampleRate, word_timestamps: wordTimestamps };
    return speaking(new TtsClient({ ...common, url: url.toString(), config }), `TTS at ${url.host}`);
  },
  elevenlabs: ({ voice, sampleRate }, { common, apiKey }) => speaking(createElevenLabsTts({ ...common, apiKey, voiceId: voice, sampleRate }), 'ElevenLabs'),
  cartesia: ({ voice, sampleRate }, { common, apiKey }) => speaking(createCartesiaTts({ ...common, apiKey, voiceId: voice, sampleRate }), 'Cartesia'),
  deepgram: ({ voice, sampleRate }, { common, apiKey }) => speaking(createDeepgramTts({ ...common, apiKey, model: voice, sampleRate }), 'Deepgram Aura'),
};
