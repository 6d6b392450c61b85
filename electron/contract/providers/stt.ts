/**
 * The speech recognizers: one entry each. The session builds them from readiness plans
 * (engine/models/readiness.ts decides what can run, services/voice/provider-resolver.ts builds it).
 */
import type { ProviderRegistry, ProviderSpec } from './define.js';

export interface SttCapabilities {
  /** Works with no network and no account. */
  offline: boolean;
  /** Streams partial words while the person speaks (else one request per utterance). */
  streaming: boolean;
}

export interface SttProviderSpec extends ProviderSpec<SttCapabilities> {
  /** The provider settings it reads, the panel may hide the others (settings/providers.ts checks the names). */
  parameters: readonly string[];
}

export const STT_PROVIDERS = {
  // sttModel: a catalogue id; the local model is English-only, so it reads no language.
  local: { label: 'Built-in (offline)', key: null, capabilities: { offline: true, streaming: true }, parameters: ['sttModel'] },
  deepgram: {
    label: 'Deepgram',
    key: { secretId: 'deepgram', required: true },
    capabilities: { offline: false, streaming: true },
    parameters: ['sttEndpoint', 'sttModel', 'sttLanguage'],
  },
  'openai-compatible': {
    label: 'OpenAI-compatible',
    // Required by api.openai.com; a local server (whisper.cpp, faster-whisper) usually needs none.
    key: { secretId: 'openai-stt', required: false, label: 'speech recognition (OpenAI-compatible)' },
    capabilities: { offline: false, streaming: false },
    parameters: ['sttEndpoint', 'sttModel', 'sttLanguage'],
  },
  none: { label: 'None (practice mode)', key: null, capabilities: { offline: true, streaming: false }, parameters: [] },
} as const satisfies ProviderRegistry<SttProviderSpec>;

export type SttProviderId = keyof typeof STT_PROVIDERS;
