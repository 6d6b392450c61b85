/**
 * The voices Interject can speak with: one entry per TTS vendor. An entry is everything the
 * rest of the app needs to know about a vendor besides its adapter (engine/tts/vendors/):
 * its name, its key, the settings it reads with the schema that turns them into what the
 * adapter takes, and what it can do. Adding a vendor: docs/providers.md.
 */
import { z } from 'zod';
import type { ProviderSpec } from './define.js';

export interface TtsCapabilities {
  /** Runs with no network and no account. */
  offline: boolean;
  /** Reports word timings, so an interrupted answer is cut at the last word heard. */
  wordTimestamps: boolean;
}

export interface TtsVendorSpec extends ProviderSpec<TtsCapabilities> {
  /**
   * The TTS settings the vendor reads, each with the schema that turns it into what the
   * adapter takes (settings/tts.ts checks at compile time that they are TTS settings).
   */
  parameters: z.ZodObject;
}

/** The PCM rates ElevenLabs offers (output_format=pcm_<rate>); other rates are snapped to the closest. */
export const ELEVENLABS_SAMPLE_RATES = [16000, 22050, 24000, 44100] as const;

function closest<T extends number>(rates: readonly [T, ...T[]], wanted: number): T {
  return rates.reduce((best, r) => (Math.abs(r - wanted) < Math.abs(best - wanted) ? r : best));
}

const sampleRate = z.number();
const wordTimestamps = z.boolean();

export const TTS_VENDORS = {
  local: {
    label: 'Built-in (offline)',
    key: null,
    capabilities: { offline: true, wordTimestamps: true },
    // A flite voice, or a downloaded neural voice ("<catalogue id>[:speaker]"); anything else speaks with flite and says why.
    parameters: z.object({ voice: z.string(), sampleRate, wordTimestamps }),
  },
  kugel: {
    label: 'KugelAudio',
    // Optional: a self-hosted reference server needs none; sent as ?api_key= when set.
    key: { secretId: 'kugel', required: false },
    capabilities: { offline: false, wordTimestamps: true },
    parameters: z.object({
      // Empty: the KugelAudio service itself (wss://api.kugelaudio.com/ws/tts/stream); an address: a self-hosted or test server.
      endpointUrl: z.string(),
      // An integer voice id ("1071", or a picked "1071 — Anna (de, en)").
      voice: z.string(),
      sampleRate,
      wordTimestamps,
    }),
  },
  elevenlabs: {
    label: 'ElevenLabs',
    key: { secretId: 'elevenlabs', required: true },
    capabilities: { offline: false, wordTimestamps: true },
    parameters: z.object({ voice: z.string(), sampleRate: z.number().transform((r) => closest(ELEVENLABS_SAMPLE_RATES, r)) }),
  },
  cartesia: {
    label: 'Cartesia',
    key: { secretId: 'cartesia', required: true },
    capabilities: { offline: false, wordTimestamps: true },
    parameters: z.object({ voice: z.string(), sampleRate }),
  },
  deepgram: {
    label: 'Deepgram',
    key: { secretId: 'deepgram', required: true },
    // Aura streams audio only: an interrupted answer is cut by playback time, not by word.
    capabilities: { offline: false, wordTimestamps: false },
    parameters: z.object({ voice: z.string(), sampleRate }),
  },
} as const satisfies Record<string, TtsVendorSpec>;

export type TtsVendorId = keyof typeof TTS_VENDORS;
/** The parsed parameters a vendor's adapter is opened with. */
export type TtsParameters<Id extends TtsVendorId> = z.output<(typeof TTS_VENDORS)[Id]['parameters']>;
/** The key a vendor's adapter gets: always a string when the vendor requires one. */
export type TtsApiKey<Id extends TtsVendorId> = (typeof TTS_VENDORS)[Id]['key'] extends { required: true } ? string : string | undefined;
