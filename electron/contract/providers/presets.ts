/**
 * Presets of the provider form: one button per well-known service that fills the fields of
 * its kind (which provider, its address, its model or voice) with that service's real
 * defaults. A preset writes only the fields its provider reads (a test checks this against
 * the registries), so choosing one never leaves a stale field behind.
 */
import type { ProvidersSettings } from '../settings/providers.js';
import type { TtsSettings } from '../settings/tts.js';
import type { ProviderKind } from './index.js';
import type { LlmProviderId } from './llm.js';
import type { SttProviderId } from './stt.js';
import type { TtsVendorId } from './tts.js';

/** What each kind's preset may fill, typed by the settings it writes. */
export interface PresetFields {
  stt: { sttProvider: SttProviderId } & Partial<Pick<ProvidersSettings, 'sttEndpoint' | 'sttModel'>>;
  llm: { llmProvider: LlmProviderId } & Partial<Pick<ProvidersSettings, 'llmEndpoint' | 'llmModel'>>;
  tts: { provider: TtsVendorId } & Partial<Pick<TtsSettings, 'endpointUrl' | 'voice' | 'sampleRate'>>;
}

export interface ProviderPreset<Kind extends ProviderKind = ProviderKind> {
  id: string;
  /** The button's text: the service's own name. */
  label: string;
  /** Shown once chosen: what the person still has to do (start the server, enter a key). */
  next: string;
  fields: PresetFields[Kind];
}

/** Where a kind's fields live in the settings. */
export const PRESET_SECTION = { stt: 'providers', llm: 'providers', tts: 'tts' } as const satisfies Record<ProviderKind, string>;

export const OLLAMA_URL = 'http://127.0.0.1:11434/v1';
export const LM_STUDIO_URL = 'http://127.0.0.1:1234/v1';
export const OPENAI_URL = 'https://api.openai.com/v1';

export const STT_PRESETS: readonly ProviderPreset<'stt'>[] = [
  { id: 'builtin', label: 'Built-in', next: 'Works offline once its model is downloaded.', fields: { sttProvider: 'local', sttModel: '' } },
  {
    id: 'openai',
    label: 'OpenAI',
    next: 'Enter your OpenAI API key below, then Test.',
    fields: { sttProvider: 'openai-compatible', sttEndpoint: OPENAI_URL, sttModel: 'whisper-1' },
  },
  // Empty address: Deepgram's own (wss://api.deepgram.com/v1/listen).
  {
    id: 'deepgram',
    label: 'Deepgram',
    next: 'Enter your Deepgram API key below, then Test.',
    fields: { sttProvider: 'deepgram', sttEndpoint: '', sttModel: 'nova-3' },
  },
];

export const LLM_PRESETS: readonly ProviderPreset<'llm'>[] = [
  // Empty model: the first model the server lists (Test shows them).
  {
    id: 'ollama',
    label: 'Ollama',
    next: 'Start Ollama (ollama serve) and pull a model, then Test.',
    fields: { llmProvider: 'openai-compatible', llmEndpoint: OLLAMA_URL, llmModel: '' },
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    next: 'Start LM Studio’s local server with a model loaded, then Test.',
    fields: { llmProvider: 'openai-compatible', llmEndpoint: LM_STUDIO_URL, llmModel: '' },
  },
  {
    id: 'openai',
    label: 'OpenAI',
    next: 'Enter your OpenAI API key below, then Test.',
    fields: { llmProvider: 'openai-compatible', llmEndpoint: OPENAI_URL, llmModel: 'gpt-4o-mini' },
  },
  { id: 'builtin', label: 'Built-in', next: 'Works offline once its model is downloaded.', fields: { llmProvider: 'embedded' } },
];

export const TTS_PRESETS: readonly ProviderPreset<'tts'>[] = [
  { id: 'builtin', label: 'Built-in', next: 'Works offline; pick a voice below.', fields: { provider: 'local', voice: 'slt', sampleRate: 24000 } },
  // Empty address: the KugelAudio service; its voices are numbers, listed once the key is set.
  {
    id: 'kugel',
    label: 'KugelAudio',
    next: 'Enter your KugelAudio API key below, then pick a voice.',
    fields: { provider: 'kugel', endpointUrl: '', sampleRate: 24000 },
  },
  // Rachel, ElevenLabs' long-standing default voice.
  {
    id: 'elevenlabs',
    label: 'ElevenLabs',
    next: 'Enter your ElevenLabs API key below, then pick a voice.',
    fields: { provider: 'elevenlabs', voice: '21m00Tcm4TlvDq8ikWAM', sampleRate: 24000 },
  },
  // The voice LiveKit's Cartesia plugin documents.
  {
    id: 'cartesia',
    label: 'Cartesia',
    next: 'Enter your Cartesia API key below, then pick a voice.',
    fields: { provider: 'cartesia', voice: 'f786b574-daa5-4673-aa0c-cbe3e8534c02', sampleRate: 24000 },
  },
  // Aura 2's default voice.
  {
    id: 'deepgram',
    label: 'Deepgram',
    next: 'Enter your Deepgram API key below, then Test.',
    fields: { provider: 'deepgram', voice: 'aura-2-thalia-en', sampleRate: 24000 },
  },
];

export const PROVIDER_PRESETS: { [Kind in ProviderKind]: readonly ProviderPreset<Kind>[] } = { stt: STT_PRESETS, llm: LLM_PRESETS, tts: TTS_PRESETS };

/** The fields that say which service it is (a model or voice chosen afterwards keeps the preset pressed). */
const IDENTITY: Record<ProviderKind, readonly string[]> = {
  stt: ['sttProvider', 'sttEndpoint'],
  llm: ['llmProvider', 'llmEndpoint'],
  tts: ['provider', 'endpointUrl'],
};

/** The preset the fields show now (provider and address), for the pressed button; undefined when none does. */
export function matchingPreset<Kind extends ProviderKind>(kind: Kind, section: Readonly<Record<string, unknown>>): ProviderPreset<Kind> | undefined {
  const presets = PROVIDER_PRESETS[kind] as readonly ProviderPreset<Kind>[];
  const fields = (p: ProviderPreset<Kind>) => p.fields as Readonly<Record<string, unknown>>;
  return presets.find((p) => IDENTITY[kind].every((k) => !(k in fields(p)) || section[k] === fields(p)[k]));
}
